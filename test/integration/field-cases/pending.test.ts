/**
 * Reports Zoom has not finished, through the built bundle and the emulator. "Not end", empty times
 * and all-zero durations are pending: nothing is written and the message tells when to try again.
 * Once the report is ready the rows appear once. A meeting with fewer than two participants gets a
 * warning, not an error.
 */
import { generateClassMeeting, generateRecurringMeeting } from '../../../local/data/generators';
import type { EmulatedOccurrence } from '../../../local/zoom-emulator';
import { errorOf, startOffline, type Offline } from '../harness';
import { hostRecord, meetingOf, type ImportResult } from './fixtures';

const PENDING_MESSAGE = 'Pending: Zoom has not finished the report; try again in an hour';
const classMeeting = generateClassMeeting({ uuid: 'Hq2LmNo5Pq8RsTu1VwXyZw==' });
const CLASS_UUID = classMeeting.occurrences[0]!.uuid;
const weekly = generateRecurringMeeting({ occurrences: 3, participants: 5 });
const lonely = meetingOf({
  id: 81112223334,
  uuid: 'Lo7xQ2wLrU8sV1nB4mKc9A==',
  startTime: '2024-05-06T12:00:00Z',
  endTime: '2024-05-06T12:30:00Z',
  records: [hostRecord('2024-05-06T12:00:00Z', '2024-05-06T12:30:00Z')],
});

let offline: Offline;

beforeEach(async () => {
  offline = await startOffline({ meetings: [classMeeting, weekly, lonely] });
  await offline.connect();
});

afterEach(async () => {
  await offline.stop();
});

async function setReport(report: EmulatedOccurrence['report']): Promise<void> {
  await offline.emulator.updateOccurrence(classMeeting.id, CLASS_UUID, { report });
}

describe.each(['not-ended', 'empty-times', 'zero-durations'] as const)('report %s', (report) => {
  test('is pending: nothing written, and the message says when to try again', async () => {
    await setReport(report);

    const error = errorOf(() => offline.call('importAttendance', String(classMeeting.id)));

    expect(error.message).toBe(PENDING_MESSAGE);
    expect(offline.sheet('Sheet1').values()).toEqual([['']]);
  });

  test('once ready, the rows appear once', async () => {
    await setReport(report);
    errorOf(() => offline.call('importAttendance', String(classMeeting.id)));
    await setReport('ready');

    const first = offline.call<ImportResult>('importAttendance', String(classMeeting.id));
    const second = offline.call<ImportResult>('importAttendance', String(classMeeting.id));

    expect(first.rowsAdded).toBe(13);
    expect(second.rowsAdded).toBe(0);
    expect(offline.table()).toHaveLength(13);
  });
});

test('the menu import shows the pending message as an alert', async () => {
  await setReport('not-ended');
  offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: String(classMeeting.id) });
  offline.runtime.world.ui.queueAlertResponse('OK');
  offline.call('importAttendanceFromPrompt');

  expect(offline.runtime.world.ui.alerts.at(-1)?.message).toBe(PENDING_MESSAGE);
  expect(offline.sheet('Sheet1').values()).toEqual([['']]);
});

test('one of three occurrences pending', async () => {
  const pendingUuid = weekly.occurrences[2]!.uuid;

  await offline.emulator.updateOccurrence(weekly.id, pendingUuid, { report: 'zero-durations' });

  const summary = offline.call<ImportResult>('importAttendance', String(weekly.id));

  expect(summary.occurrences).toBe(2);
  expect(summary.pending.map((p) => p.uuid)).toEqual([pendingUuid]);
  expect(summary.pending[0]?.reason).toBe('Zoom returned zero durations for every participant');
  expect(summary.warnings.join('\n')).toContain('1 occurrence(s) pending: Zoom has not finished the report; try again in an hour');
  expect(offline.table().some((row) => row['Meeting UUID'] === pendingUuid)).toBe(false);
  expect(new Set(offline.table().map((row) => row['Meeting UUID'])).size).toBe(2);
});

test('fewer than two participants is reported as such, not as an error', () => {
  const summary = offline.call<ImportResult>('importAttendance', String(lonely.id));

  expect(summary.occurrences).toBe(0);
  expect(summary.rowsAdded).toBe(0);
  expect(summary.pending).toEqual([]);
  expect(summary.warnings).toEqual([
    'Zoom lists no participants for the occurrence of 2024-05-06 13:00: Zoom leaves out meetings with fewer than two participants',
  ]);
  expect(offline.sheet('Sheet1').values()).toEqual([['']]);
});
