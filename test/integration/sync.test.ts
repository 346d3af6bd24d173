/**
 * The nightly sync through the built bundle: the trigger, budgeted runs that resume, pending
 * occurrences, a missing connection, and a manual import racing the nightly run.
 */
import { generateClassMeeting, generateRecurringMeeting } from '../../local/data/generators';
import { errorOf, startOffline, type Offline } from './harness';

const weekly = generateRecurringMeeting({ occurrences: 6, participants: 20 });
const meetingId = String(weekly.id);
/** After the 6th weekly occurrence (2024-05-06 15:00 UTC). */
const NOW = Date.parse('2024-05-08T08:00:00Z');

interface SyncState {
  enabled: boolean;
  hour: number;
  meetings: Array<{ meetingId: string; status: string; pendingOccurrences: number; lastOccurrenceStart: string }>;
}

function enableNightly(offline: Offline): string {
  offline.call('trackMeeting', meetingId);
  offline.call('setNightlySync', true, 6);

  const trigger = offline.runtime.world.triggers.find((t) => t.handlerFunction === 'runNightlySync');

  if (trigger === undefined) throw new Error('No nightly trigger was created');

  return trigger.uid;
}

function keys(offline: Offline): string[] {
  return offline.table().map((r) => `${String(r['Meeting UUID'])} ${String(r['Participant key'])}`);
}

describe('nightly trigger', () => {
  let offline: Offline;

  beforeEach(async () => {
    offline = await startOffline({ meetings: [weekly], now: NOW });
    await offline.connect();
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('turning sync on twice leaves one trigger', () => {
    offline.call('setNightlySync', true, 6);
    offline.call('setNightlySync', true, 7);

    const triggers = offline.runtime.world.triggers.filter((t) => t.handlerFunction === 'runNightlySync');

    expect(triggers).toHaveLength(1);
    expect(triggers[0]?.atHour).toBe(7);
    expect(offline.call<SyncState>('getSyncState')).toMatchObject({ enabled: true, hour: 7 });
  });

  test('a test deployment explains why no trigger was made', () => {
    offline.runtime.world.testDeployment = true;

    const error = errorOf(() => offline.call('setNightlySync', true, 6));

    expect(error.message).toMatch(/^Apps Script did not create the nightly trigger \(.+\)\. Triggers do not run in an add-on's test deployment/);
    expect(offline.call<SyncState>('getSyncState').enabled).toBe(false);
    expect(offline.runtime.world.triggers).toEqual([]);
  });

  test('turning sync off removes the trigger', () => {
    offline.call('setNightlySync', true, 6);
    offline.call('setNightlySync', false, 6);

    expect(offline.runtime.world.triggers.filter((t) => t.handlerFunction === 'runNightlySync')).toEqual([]);
  });

  test.each([25, -1, 6.5, 'six'])('rejects the hour %p', (hour) => {
    expect(errorOf(() => offline.call('setNightlySync', true, hour)).message).toMatch(/is not an hour: choose a whole hour from 0 to 23/);
  });

  test('a run imports every ended occurrence and logs it', async () => {
    const uid = enableNightly(offline);

    offline.runtime.fireTrigger(uid);

    const occurrences = new Set(offline.table().map((r) => r['Meeting UUID']));
    const log = offline.sheet('Sync log').values();

    expect(occurrences.size).toBe(6);
    expect(log[1]?.[1]).toBe(Number(meetingId));
    expect(log[1]?.[3]).toBe(6);
    expect(log[1]?.[6]).toBe('OK');
    expect(new Set(keys(offline)).size).toBe(keys(offline).length);
  });

  test('a second run imports nothing new and fetches no participants', async () => {
    const uid = enableNightly(offline);

    offline.runtime.fireTrigger(uid);

    const rows = offline.table().length;

    await offline.emulator.clearRequests();
    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    expect(offline.table()).toHaveLength(rows);
    expect((await offline.apiRequests()).filter((p) => p.endsWith('/participants'))).toEqual([]);
  });

  test('a backlog over the budget finishes over two runs, equal to one run', async () => {
    const uid = enableNightly(offline);

    // Each Zoom call costs 40 s of the clock: the 270 s budget ends part-way through.
    offline.runtime.world.fetchCostMilliseconds = 40_000;
    offline.runtime.fireTrigger(uid);

    const afterFirst = new Set(offline.table().map((r) => r['Meeting UUID'])).size;

    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThan(6);
    expect(offline.sheet('Sync log').values()[1]?.[6]).toBe('Partial');
    expect(offline.call<SyncState>('getSyncState').meetings[0]?.status).toBe('Partial: continues on the next run');
    expect(offline.sheet('Sync log').values()[1]?.[7]).toBe('Partial: continues on the next run');

    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    const reference = await startOffline({ meetings: [weekly], now: NOW });

    try {
      await reference.connect();
      reference.runtime.fireTrigger(enableNightly(reference));

      expect(keys(offline).sort()).toEqual(keys(reference).sort());
      expect(offline.table().map((r) => r['Minutes attended']).sort()).toEqual(reference.table().map((r) => r['Minutes attended']).sort());
    } finally {
      await reference.stop();
    }
  });

  test('a pending occurrence is imported once it is ready', async () => {
    const last = weekly.occurrences[5];

    if (last === undefined) throw new Error('generator returned fewer occurrences');

    await offline.emulator.updateOccurrence(weekly.id, last.uuid, { report: 'zero-durations' });

    const uid = enableNightly(offline);

    offline.runtime.fireTrigger(uid);

    expect(offline.table().some((r) => r['Meeting UUID'] === last.uuid)).toBe(false);
    expect(offline.call<SyncState>('getSyncState').meetings[0]).toMatchObject({ pendingOccurrences: 1 });

    await offline.emulator.updateOccurrence(weekly.id, last.uuid, { report: 'ready' });
    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    expect(offline.table().filter((r) => r['Meeting UUID'] === last.uuid).length).toBeGreaterThan(0);
    expect(offline.call<SyncState>('getSyncState').meetings[0]).toMatchObject({ pendingOccurrences: 0, status: 'OK' });
  });

  test('after three nights pending it is marked No report available', async () => {
    const last = weekly.occurrences[5];

    if (last === undefined) throw new Error('generator returned fewer occurrences');

    await offline.emulator.updateOccurrence(weekly.id, last.uuid, { report: 'not-ended' });

    const uid = enableNightly(offline);

    for (let night = 0; night < 3; night += 1) {
      offline.runtime.fireTrigger(uid);
      offline.clock.advance(24 * 3600 * 1000);
    }

    expect(offline.sheet('Sync log').values()[1]?.[7]).toMatch(/No report available/);
    expect(offline.call<SyncState>('getSyncState').meetings[0]?.pendingOccurrences).toBe(0);
  });
});

describe('nightly run without a connection', () => {
  test('logs the disconnected status and calls no Zoom API', async () => {
    const offline = await startOffline({ meetings: [weekly], now: NOW });

    try {
      const uid = enableNightly(offline);

      expect(() => offline.runtime.fireTrigger(uid)).not.toThrow();
      expect(offline.sheet('Sync log').values()[1]?.[6]).toBe('Disconnected');
      expect(offline.sheet('Sync log').values()[1]?.[7]).toBe('Zoom disconnected: open the add-on and reconnect');
      expect(await offline.apiRequests()).toEqual([]);
      expect(await offline.tokenRequests()).toBe(0);
    } finally {
      await offline.stop();
    }
  });
});

describe('one writer at a time', () => {
  test('a manual import during the nightly run neither duplicates nor loses rows', async () => {
    const offline = await startOffline({ meetings: [weekly, generateClassMeeting()], now: NOW });

    try {
      await offline.connect();

      const uid = enableNightly(offline);
      const results = await offline.runtime.runConcurrently([
        { functionName: 'runNightlySync', args: [{ authMode: 'FULL', triggerUid: uid }], context: { trigger: true, spreadsheetId: null } },
        { functionName: 'importAttendance', args: [meetingId], startDelayMilliseconds: 30 },
      ]);

      expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
      expect(new Set(keys(offline)).size).toBe(keys(offline).length);
      expect(new Set(offline.table().map((r) => r['Meeting UUID'])).size).toBe(6);
    } finally {
      await offline.stop();
    }
  });
});

describe('nightly run under trouble', () => {
  let offline: Offline;

  beforeEach(async () => {
    offline = await startOffline({ meetings: [weekly], now: NOW });
    await offline.connect();
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('a daily limit stops the run and the next run resumes', async () => {
    const uid = enableNightly(offline);

    await offline.emulator.injectFaults([
      { path: '^/v2/past_meetings/.+/participants$', kind: 'rate-limit-daily', retryAt: '2024-05-09T00:00:00Z', times: 100 },
    ]);
    offline.runtime.fireTrigger(uid);

    const log = offline.sheet('Sync log').values();

    expect(log[1]?.[6]).toBe('Rate limited');
    expect(log[1]?.[7]).toBe("Zoom's daily limit is reached; the next run continues after 2024-05-09T00:00:00.000Z");
    expect(offline.table()).toEqual([]);

    await offline.emulator.clearFaults();
    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    expect(new Set(offline.table().map((r) => r['Meeting UUID'])).size).toBe(6);
    expect(new Set(keys(offline)).size).toBe(keys(offline).length);
  });

  test('a network failure keeps the token and the next run completes', async () => {
    const uid = enableNightly(offline);
    const tokenBefore = offline.runtime.world.userProperties('riley.host@example.edu').get('oauth2.zoom');

    offline.runtime.world.injectFetchErrors([{ urlPattern: /\/participants/, message: 'DNS error', times: 3 }]);
    offline.runtime.fireTrigger(uid);

    expect(offline.sheet('Sync log').values()[1]?.[6]).toBe('Error');
    expect(offline.sheet('Sync log').values()[1]?.[7]).toBe('Could not reach Zoom (DNS error); nothing was changed, try again');
    expect(offline.runtime.world.userProperties('riley.host@example.edu').get('oauth2.zoom')).toBe(tokenBefore);
    expect(offline.call<{ status: string }>('getSidebarState').status).toBe('connected');

    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    expect(new Set(offline.table().map((r) => r['Meeting UUID'])).size).toBe(6);
  });

  test('a deleted sheet is recreated and the log says so', () => {
    const uid = enableNightly(offline);

    offline.runtime.fireTrigger(uid);
    offline.sheet('Sheet1').deleteSheet();
    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    expect(offline.sheet('Sync log').values()[1]?.[7]).toContain('The meeting\'s sheet was deleted; its rows now go to "Zoom attendance"');
    expect(new Set(offline.table('Zoom attendance').map((r) => r['Meeting UUID'])).size).toBe(6);
  });

  test('what the sync stores stays the same size night after night', () => {
    const uid = enableNightly(offline);
    const size = (): number => JSON.stringify(offline.runtime.world.userProperties('riley.host@example.edu').all()).length;

    offline.runtime.fireTrigger(uid);
    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    const afterTwoNights = size();

    for (let night = 0; night < 8; night += 1) {
      offline.clock.advance(24 * 3600 * 1000);
      offline.runtime.fireTrigger(uid);
    }

    // Only the token's and the run times' characters may differ.
    expect(Math.abs(size() - afterTwoNights)).toBeLessThan(200);
  });

  test('the sync log keeps the newest rows within its bound', () => {
    const uid = enableNightly(offline);

    offline.runtime.fireTrigger(uid);

    const log = offline.sheet('Sync log');
    const filler = Array.from({ length: 600 }, (_, i) => [`old ${i}`]);

    log.typeValues(3, 3, filler);
    offline.clock.advance(24 * 3600 * 1000);
    offline.runtime.fireTrigger(uid);

    const values = log.values();

    expect(values.length).toBe(501);
    expect((values[1]?.[0] as Date).getTime()).toBeGreaterThan((values[2]?.[0] as Date).getTime());
  });

  test('Sync now from the sidebar returns the totals and the state', () => {
    offline.call('trackMeeting', meetingId);

    const result = offline.call<{ meetings: number; occurrencesImported: number; rowsAdded: number; state: SyncState }>('syncNow');

    expect(result.meetings).toBe(1);
    expect(result.occurrencesImported).toBe(6);
    expect(result.rowsAdded).toBe(offline.table().length);
    expect(result.state.meetings[0]).toMatchObject({ meetingId, status: 'OK' });
  });

  test('Sync now from the menu toasts the totals', () => {
    offline.call('trackMeeting', meetingId);
    offline.call('syncNowFromMenu');

    expect(offline.runtime.world.ui.toasts.at(-1)?.message).toMatch(/^Synced 1 meeting\(s\): 6 occurrence\(s\), \d+ rows added, 0 updated\.$/);
  });

  test('tracking a UUID is rejected with the reason', () => {
    expect(errorOf(() => offline.call('trackMeeting', 'Hq2LmNo5Pq8RsTu1VwXyZw==')).message).toMatch(/is one occurrence's UUID; track a meeting by its meeting ID/);
  });

  test('keep in sync past the limit is a warning after a written import', () => {
    const settingsKey = `sync.${offline.spreadsheet.id}`;
    const full = Array.from({ length: 100 }, (_, i) => String(90000000000 + i));

    offline.runtime.world.userProperties('riley.host@example.edu').set(settingsKey, JSON.stringify({ enabled: false, hour: 6, triggerUid: '', meetingIds: full }));

    const summary = offline.call<{ rowsAdded: number; warnings: string[] }>('importAttendance', meetingId, '', true);

    expect(summary.rowsAdded).toBeGreaterThan(0);
    expect(summary.warnings.join('\n')).toMatch(/^The meeting was imported but not kept in sync: This spreadsheet already tracks 100 meetings/m);
  });

  test('an import with keep in sync tracks the meeting on its sheet', () => {
    offline.call('importAttendance', meetingId, '', true);

    const state = offline.call<SyncState>('getSyncState');

    expect(state.meetings.map((m) => m.meetingId)).toEqual([meetingId]);
  });
});
