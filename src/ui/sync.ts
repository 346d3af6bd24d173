/**
 * The sidebar's and the menu's sync functions for the active spreadsheet.
 */
import { AddonError, isAddonError } from '../errors';
import { chooseTableSheet } from '../sheets/table';
import { createZoomApi } from '../zoom/client';
import { readZoomConfig } from '../zoom/config';
import { syncSpreadsheet } from '../sync/run';
import { configureNightlySync, readSyncState, trackMeetingIn, untrackMeetingIn, type SyncState } from '../sync/tracking';

export interface SyncNowResult {
  meetings: number;
  occurrencesImported: number;
  rowsAdded: number;
  rowsUpdated: number;
  stoppedEarly: boolean;
  statuses: Array<{ meetingId: string; status: string; message: string }>;
  /** The tracked meetings after the run, so the sidebar needs no second call. */
  state: SyncState;
}

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

export function getSyncState(): SyncState {
  return readSyncState(active());
}

/**
 * Checks with Zoom that a meeting exists before tracking it. Only "not found" rejects: without a
 * connection, or with Zoom unreachable, the meeting is tracked and the nightly run reports the rest.
 */
function verifyMeetingExists(meetingId: string): void {
  const config = readZoomConfig();

  if (config.missing.length > 0) return;

  try {
    createZoomApi(config).listOccurrences(meetingId);
  } catch (error) {
    if (isAddonError(error, 'MEETING_NOT_FOUND')) {
      throw new AddonError('INVALID_INPUT', `${error.message}. Nothing was tracked.`);
    }
  }
}

export function trackMeeting(input: unknown): SyncState {
  const spreadsheet = active();

  trackMeetingIn(spreadsheet, input, () => chooseTableSheet(spreadsheet), verifyMeetingExists);

  return readSyncState(spreadsheet);
}

export function untrackMeeting(meetingId: unknown): SyncState {
  untrackMeetingIn(active(), meetingId);

  return readSyncState(active());
}

export function setNightlySync(enabled: unknown, hour: unknown): SyncState {
  configureNightlySync(active(), enabled, hour);

  return readSyncState(active());
}

export function syncNow(): SyncNowResult {
  const result = syncSpreadsheet(active(), Date.now());
  const sum = (pick: (e: (typeof result.entries)[number]) => number): number => result.entries.reduce((total, e) => total + pick(e), 0);

  return {
    meetings: result.entries.length,
    occurrencesImported: sum((e) => e.occurrencesImported),
    rowsAdded: sum((e) => e.rowsAdded),
    rowsUpdated: sum((e) => e.rowsUpdated),
    stoppedEarly: result.stoppedEarly,
    statuses: result.entries.map((e) => ({ meetingId: e.meetingId, status: e.status, message: e.message })),
    state: readSyncState(active()),
  };
}

export function syncNowFromMenu(): void {
  const result = syncNow();
  const text =
    result.meetings === 0
      ? 'No tracked meetings: add one in the sidebar under "Keep in sync".'
      : `Synced ${result.meetings} meeting(s): ${result.occurrencesImported} occurrence(s), ${result.rowsAdded} rows added, ` +
        `${result.rowsUpdated} updated${result.stoppedEarly ? '; stopped early, see the Sync log' : ''}.`;

  active().toast(text, 'Zoom Attendance sync', 10);
}
