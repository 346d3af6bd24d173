/**
 * Progress of an import of many occurrences, through the built bundle: the menu import toasts each
 * occurrence it fetches, and the progress the sidebar polls ends with `running: false` whether the
 * import succeeded or failed.
 */
import { generateRecurringMeeting } from '../../../local/data/generators';
import { errorOf, startOffline, type Offline } from '../harness';
import type { ImportResult } from './fixtures';

const weekly = generateRecurringMeeting({ occurrences: 5, participants: 4 });
const WEEKLY_ID = String(weekly.id);
const IDLE = { running: false, meetingId: '', occurrence: 0, of: 0 };

let offline: Offline;

beforeEach(async () => {
  offline = await startOffline({ meetings: [weekly] });
  await offline.connect();
});

afterEach(async () => {
  await offline.stop();
});

function toastMessages(): string[] {
  return offline.runtime.world.ui.toasts.map((toast) => toast.message);
}

test('the menu import toasts every occurrence, then the summary', () => {
  offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: WEEKLY_ID });
  // Leaving the occurrence prompt empty imports all of them.
  offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: '' });
  offline.call('importAttendanceFromPrompt');

  expect(toastMessages()).toEqual([
    'Fetching occurrence 1 of 5...',
    'Fetching occurrence 2 of 5...',
    'Fetching occurrence 3 of 5...',
    'Fetching occurrence 4 of 5...',
    'Fetching occurrence 5 of 5...',
    expect.stringMatching(/^Imported \d+ people from 5 occurrences of "Weekly seminar" into "Sheet1"/),
  ]);
  expect(new Set(offline.table().map((row) => row['Meeting UUID'])).size).toBe(5);
  expect(offline.call('getImportProgress')).toEqual(IDLE);
});

test('the occurrence prompt lists the dates and imports the one entered', () => {
  offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: WEEKLY_ID });
  offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: '2024-04-15' });
  offline.call('importAttendanceFromPrompt');

  const occurrencePrompt = offline.runtime.world.ui.prompts.at(-1);

  expect(occurrencePrompt?.message).toContain('This meeting has 5 ended occurrences:');
  expect(occurrencePrompt?.message).toContain('2024-04-15 15:00 (Mon)');
  expect(new Set(offline.table().map((row) => row['Meeting UUID']))).toEqual(new Set([weekly.occurrences[2]!.uuid]));
  // One occurrence needs no progress toast: only the summary.
  expect(toastMessages()).toEqual([expect.stringMatching(/^Imported \d+ people from 1 occurrence of "Weekly seminar"/)]);
});

test('progress ends not running after an import from the sidebar', () => {
  const summary = offline.call<ImportResult>('importAttendance', WEEKLY_ID);

  expect(summary.occurrences).toBe(5);
  expect(offline.call('getImportProgress')).toEqual(IDLE);
});

test('progress ends not running after a failed import', async () => {
  await offline.emulator.injectFaults([{ path: '/participants$', kind: 'rate-limit-daily', retryAt: '2024-05-08T00:00:00Z' }]);

  expect(errorOf(() => offline.call('importAttendance', WEEKLY_ID)).message).toMatch(/^Zoom's daily limit is reached/);
  expect(offline.call('getImportProgress')).toEqual(IDLE);
});
