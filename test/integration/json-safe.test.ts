/**
 * Every function the sidebar calls returns plain JSON-safe values: google.script.run turns a Date,
 * undefined or a class instance into null on its way to the sidebar.
 */
import { generateClassMeeting } from '../../local/data/generators';
import { startOffline, type Offline } from './harness';

const classMeeting = generateClassMeeting();
let offline: Offline;

beforeAll(async () => {
  offline = await startOffline({ meetings: [classMeeting] });
  await offline.connect();
});

afterAll(async () => {
  await offline.stop();
});

/** Lists the paths of values that would not survive google.script.run unchanged. */
function unsafePaths(value: unknown, path = '$'): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];

  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];

  if (Array.isArray(value)) return value.flatMap((item, i) => unsafePaths(item, `${path}[${i}]`));

  if (typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => unsafePaths(item, `${path}.${key}`));
  }

  return [`${path} (${Object.prototype.toString.call(value)})`];
}

const id = String(classMeeting.id);

test.each<[string, unknown[]]>([
  ['getSidebarState', []],
  ['listRecentMeetings', [null]],
  ['importAttendance', [id, '', true]],
  ['getImportProgress', []],
  ['getSyncState', []],
  ['trackMeeting', [id]],
  ['setNightlySync', [true, 7]],
  ['syncNow', []],
  ['getSummarySettings', []],
  ['createRoster', []],
  ['rebuildAttendanceSummary', []],
  ['setSummarySettings', [{ lateMinutes: 10 }]],
  ['untrackMeeting', [id]],
  ['getAuthorizationUrl', []],
  ['disconnectZoom', []],
])('%s returns JSON-safe values', (functionName, args) => {
  const result = offline.call(functionName, ...args);

  expect(result).not.toBeUndefined();
  expect(unsafePaths(result)).toEqual([]);
});
