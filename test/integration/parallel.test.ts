/**
 * Importing a recurring meeting requests its occurrences' details in parallel (UrlFetchApp.fetchAll),
 * so the wait grows with one round trip per batch, not one per occurrence.
 */
import { generateRecurringMeeting } from '../../local/data/generators';
import { startOffline, type Offline } from './harness';

const weekly = generateRecurringMeeting({ occurrences: 6, participants: 20 });
let offline: Offline;

beforeAll(async () => {
  offline = await startOffline({ meetings: [weekly], now: Date.parse('2024-05-08T08:00:00Z') });
  await offline.connect();
});

afterAll(async () => {
  await offline.stop();
});

test('six occurrences: details in one parallel batch, each requested once', async () => {
  await offline.emulator.clearRequests();
  offline.runtime.world.resetCounters();
  offline.runtime.world.fetchCostMilliseconds = 1000;

  const started = offline.clock.now();
  const summary = offline.call<{ occurrences: number }>('importAttendance', String(weekly.id));
  const elapsedSeconds = (offline.clock.now() - started) / 1000;
  const details = (await offline.apiRequests()).filter((path) => /^\/v2\/past_meetings\/[^/]+$/.test(path) || /^\/v2\/past_meetings\/.+==$/.test(path));

  expect(summary.occurrences).toBe(6);
  expect(offline.runtime.world.counters['UrlFetchApp.fetchAll']).toBe(1);
  expect(details).toHaveLength(6);
  expect(new Set(details).size).toBe(6);
  // Sequential: 1 listing + 6 details + 6 participant pages = 13 round trips; parallel details: 8.
  expect(elapsedSeconds).toBe(8);
});

test('a sync run lists its tracked meetings in one parallel batch', async () => {
  const second = generateRecurringMeeting({ occurrences: 2, participants: 5, meetingId: 93311223344, seed: 7 });
  const third = generateRecurringMeeting({ occurrences: 2, participants: 5, meetingId: 94411223344, seed: 8 });

  await offline.emulator.addMeeting(second);
  await offline.emulator.addMeeting(third);

  for (const id of [weekly.id, second.id, third.id]) offline.call('trackMeeting', String(id));

  await offline.emulator.clearRequests();
  offline.runtime.world.resetCounters();
  offline.call('syncNow');

  const listings = (await offline.apiRequests()).filter((path) => path.endsWith('/instances'));

  expect(listings.sort()).toEqual([weekly.id, second.id, third.id].map((id) => `/v2/past_meetings/${id}/instances`).sort());
  expect(offline.runtime.world.counters['UrlFetchApp.fetchAll']).toBeGreaterThanOrEqual(1);
});
