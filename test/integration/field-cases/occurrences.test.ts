/**
 * Recurring and restarted meetings through the built bundle and the emulator: every ended
 * occurrence is listed and fetched by UUID, each UUID encoded the way Zoom's router needs it, and the
 * bare meeting ID (which Zoom resolves to the latest occurrence only) is never used for participants.
 */
import { generateRecurringMeeting } from '../../../local/data/generators';
import { startOffline, type Offline } from '../harness';
import { hostRecord, meetingOf, rawApiPaths, rowsOf, type ImportResult, type ZoomRecord } from './fixtures';

const weekly = generateRecurringMeeting({ occurrences: 4, participants: 6 });
const WEEKLY_ID = String(weekly.id);
const uuids = weekly.occurrences.map((o) => o.uuid);

/** Double-encoded when the UUID starts with "/" or contains "//", else encoded once. */
function expectedSegment(uuid: string): string {
  const once = encodeURIComponent(uuid);

  return uuid.startsWith('/') || uuid.includes('//') ? encodeURIComponent(once) : once;
}

/** A restarted class: Zoom gives each start its own UUID, both on the same day. */
const RESTARTED_ID = 83344455566;
const FIRST_UUID = 'Hq2LmNo5Pq8RsTu1VwXyZw==';
const SECOND_UUID = '/Zk3fQx9TbWm1aB7cD2eFg==';

function students(count: number, start: string, end: string, firstUserId: number): ZoomRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `StudentUniversalId${String(i).padStart(4, '0')}`,
    user_id: String(firstUserId + i * 1024),
    name: `Student ${i + 1}`,
    user_email: `student${i + 1}@example.edu`,
    join_time: start,
    leave_time: end,
  }));
}

const restarted = {
  ...meetingOf({
    id: RESTARTED_ID,
    uuid: FIRST_UUID,
    topic: 'Restarted class',
    startTime: '2024-05-06T09:00:12Z',
    endTime: '2024-05-06T10:29:00Z',
    records: [
      hostRecord('2024-05-06T09:00:12Z', '2024-05-06T10:29:00Z'),
      ...students(27, '2024-05-06T09:01:00Z', '2024-05-06T10:28:00Z', 16778240),
    ],
  }),
  type: 1,
};

restarted.occurrences.push(
  meetingOf({
    id: RESTARTED_ID,
    uuid: SECOND_UUID,
    startTime: '2024-05-06T10:31:40Z',
    endTime: '2024-05-06T10:40:00Z',
    records: [
      hostRecord('2024-05-06T10:31:40Z', '2024-05-06T10:40:00Z', '16800000'),
      ...students(1, '2024-05-06T10:32:00Z', '2024-05-06T10:39:00Z', 16900000),
    ],
  }).occurrences[0]!,
);

let offline: Offline;

beforeEach(async () => {
  offline = await startOffline({ meetings: [weekly, restarted] });
  await offline.connect();
  await offline.emulator.clearRequests();
});

afterEach(async () => {
  await offline.stop();
});

describe('recurring meeting by ID', () => {
  let summary: ImportResult;

  beforeEach(() => {
    summary = offline.call<ImportResult>('importAttendance', WEEKLY_ID);
  });

  test('imports every ended occurrence', () => {
    expect(summary.occurrences).toBe(4);
    expect(new Set(offline.table().map((row) => row['Meeting UUID']))).toEqual(new Set(uuids));
  });

  test('each occurrence has the host and its present students', () => {
    // Student i misses occurrence k when (i + k) % 5 === 4: one of six students each week here.
    for (const uuid of uuids) expect(rowsOf(offline, uuid)).toHaveLength(6);

    expect(summary.rowsAdded).toBe(24);
  });

  test('the fixture has the awkward UUIDs', () => {
    expect(uuids[0]?.startsWith('/')).toBe(true);
    expect(uuids[1]).toContain('//');
  });

  test.each([0, 1, 2, 3])('occurrence %i is requested with its exact encoding', async (index) => {
    const uuid = uuids[index]!;
    const raw = await rawApiPaths(offline);

    expect(raw).toContain(`/v2/past_meetings/${expectedSegment(uuid)}/participants`);
  });

  test('double encoding happens exactly where needed', async () => {
    const raw = await rawApiPaths(offline);
    const doubled = raw.filter((path) => path.includes('%25'));

    expect(doubled.every((path) => path.includes(expectedSegment(uuids[0]!)) || path.includes(expectedSegment(uuids[1]!)))).toBe(true);
    expect(doubled.length).toBeGreaterThanOrEqual(2);
  });

  test('no raw path has an empty segment', async () => {
    const raw = await rawApiPaths(offline);

    expect(raw.filter((path) => path.includes('//'))).toEqual([]);
  });

  test('every request was answered, none with 404', async () => {
    const statuses = (await offline.emulator.requests()).filter((r) => r.path.startsWith('/v2/')).map((r) => r.status);

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  test('participants are never read through the bare meeting ID', async () => {
    const raw = await rawApiPaths(offline);

    expect(raw).toContain(`/v2/past_meetings/${WEEKLY_ID}/instances`);
    expect(raw.filter((path) => path.includes(`/${WEEKLY_ID}/participants`))).toEqual([]);
  });
});

describe('picking one occurrence', () => {
  test('by local date', () => {
    const summary = offline.call<ImportResult>('importAttendance', WEEKLY_ID, '2024-04-08');

    expect(summary.occurrences).toBe(1);
    expect(new Set(offline.table().map((row) => row['Meeting UUID']))).toEqual(new Set([uuids[1]]));
  });

  test('by UUID', () => {
    const summary = offline.call<ImportResult>('importAttendance', WEEKLY_ID, uuids[0]);

    expect(summary.occurrences).toBe(1);
    expect(new Set(offline.table().map((row) => row['Meeting UUID']))).toEqual(new Set([uuids[0]]));
  });

  test('a date without an occurrence lists the dates there are', () => {
    expect(() => offline.call('importAttendance', WEEKLY_ID, '2024-04-09')).toThrow(
      `Meeting ${WEEKLY_ID} has no ended occurrence on "2024-04-09". Its occurrences are on 2024-04-01, 2024-04-08, 2024-04-15, 2024-04-22.`,
    );
    expect(offline.sheet('Sheet1').values()).toEqual([['']]);
  });

  test('an occurrence UUID alone imports that occurrence', () => {
    const summary = offline.call<ImportResult>('importAttendance', uuids[1]);

    expect(summary.meetingId).toBe(WEEKLY_ID);
    expect(rowsOf(offline, uuids[1]!)).toHaveLength(6);
    expect(offline.table()).toHaveLength(6);
  });
});

describe('restarted meeting', () => {
  test('both starts of the day are imported, 28 and 2 rows', async () => {
    const summary = offline.call<ImportResult>('importAttendance', String(RESTARTED_ID));

    expect(summary.occurrences).toBe(2);
    expect(rowsOf(offline, FIRST_UUID)).toHaveLength(28);
    expect(rowsOf(offline, SECOND_UUID)).toHaveLength(2);
    expect(await rawApiPaths(offline)).toContain(`/v2/past_meetings/%252FZk3fQx9TbWm1aB7cD2eFg%253D%253D/participants`);
  });

  test('picking the day yields both', () => {
    const summary = offline.call<ImportResult>('importAttendance', String(RESTARTED_ID), '2024-05-06');

    expect(summary.occurrences).toBe(2);
    expect(offline.table()).toHaveLength(30);
  });

  test('picking the second start by UUID yields only it', () => {
    offline.call<ImportResult>('importAttendance', String(RESTARTED_ID), SECOND_UUID);

    expect(offline.table()).toHaveLength(2);
    expect(rowsOf(offline, SECOND_UUID)).toHaveLength(2);
  });

  test('each row carries its own occurrence start', () => {
    offline.call<ImportResult>('importAttendance', String(RESTARTED_ID));

    const starts = new Set(offline.table().map((row) => `${String(row['Meeting UUID'])} ${(row['Meeting start'] as Date).toISOString()}`));

    expect(starts).toEqual(new Set([`${FIRST_UUID} 2024-05-06T09:00:12.000Z`, `${SECOND_UUID} 2024-05-06T10:31:40.000Z`]));
  });
});
