/**
 * The functions Apps Script calls by name: menu items, google.script.run targets, the OAuth
 * callback and trigger handlers. The build writes a top-level wrapper for every export here, and
 * nothing else becomes global. Each hands the call on at once.
 */
import { AddonError } from './errors';
import type { ImportSummary } from './importer/import';
import {
  disconnect,
  getAuthorizationUrl as buildAuthorizationUrl,
  getConnectionState,
  handleAuthCallback,
  type SidebarState,
} from './ui/connection';
import { importFromPrompt, readProgress, runInteractiveImport, type ImportProgress } from './ui/import';
import { activateSheet, buildMenu, showSidebarPanel } from './ui/menu';
import { listRecentMeetingsForSidebar, type RecentMeetingsView } from './ui/recent';
import * as summary from './ui/summary';
import * as sync from './ui/sync';
import { runNightly } from './sync/nightly';
import type { SyncState } from './sync/tracking';

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function showSidebar(): void {
  showSidebarPanel();
}

export function authCallback(request: object): GoogleAppsScript.HTML.HtmlOutput {
  return handleAuthCallback(request);
}

export function getSidebarState(): SidebarState {
  return getConnectionState();
}

export function getAuthorizationUrl(): string {
  return buildAuthorizationUrl();
}

export function disconnectZoom(): SidebarState {
  return disconnect();
}

export function importAttendanceFromPrompt(): void {
  importFromPrompt();
}

/**
 * Imports a meeting or webinar ID, join link or occurrence UUID into the active spreadsheet.
 * `occurrence` picks one occurrence by UUID or local date (yyyy-mm-dd); empty imports all.
 */
export function importAttendance(input: string, occurrence?: string, keepInSync?: boolean): ImportSummary {
  if (occurrence !== undefined && occurrence !== null && typeof occurrence !== 'string') {
    throw new AddonError('INVALID_INPUT', `"${String(occurrence)}" is not an occurrence: pass a date as yyyy-mm-dd text, an occurrence UUID, or nothing`);
  }

  return runInteractiveImport(input, {
    ...(typeof occurrence === 'string' ? { occurrence } : {}),
    keepInSync: keepInSync === true,
  });
}

/** Activates the sheet an import wrote to, so the sidebar's "Show the table" lands on it. */
export function showTable(sheetId: number): void {
  activateSheet(sheetId);
}

export function getImportProgress(): ImportProgress {
  return readProgress();
}

export function getSyncState(): SyncState {
  return sync.getSyncState();
}

export function trackMeeting(input: string): SyncState {
  return sync.trackMeeting(input);
}

export function untrackMeeting(meetingId: string): SyncState {
  return sync.untrackMeeting(meetingId);
}

/** Turns the nightly sync on or off at `hour` (0-23) in the spreadsheet's time zone. */
export function setNightlySync(enabled: boolean, hour: number): SyncState {
  return sync.setNightlySync(enabled, hour);
}

export function syncNow(): sync.SyncNowResult {
  return sync.syncNow();
}

export function syncNowFromMenu(): void {
  sync.syncNowFromMenu();
}

export function runNightlySync(event?: GoogleAppsScript.Events.TimeDriven): void {
  runNightly(event);
}

/** Lists one page of the user's ended meetings for the sidebar; pass the previous page's nextPageToken. */
export function listRecentMeetings(pageToken?: string | null): RecentMeetingsView {
  return listRecentMeetingsForSidebar(pageToken);
}

/** Creates the Roster sheet (Name, Email, Aliases) when missing and shows it. */
export function createRoster(): summary.RosterSheetResult {
  return summary.createRosterSheet();
}

export function createRosterFromMenu(): void {
  summary.createRosterFromMenu();
}

/** Rebuilds the "Attendance summary" sheet from the attendance table, roster and webinar registrants. */
export function rebuildAttendanceSummary(): ReturnType<typeof summary.rebuildSummaryForSidebar> {
  return summary.rebuildSummaryForSidebar();
}

export function rebuildSummaryFromMenu(): void {
  summary.rebuildSummaryFromMenu();
}

export function getSummarySettings(): ReturnType<typeof summary.getSummarySettings> {
  return summary.getSummarySettings();
}

/** Changes some summary settings, e.g. {lateMinutes: 10}; a bad value is rejected with a message naming it. */
export function setSummarySettings(patch: unknown): summary.SummarySettingsResult {
  return summary.setSummarySettings(patch);
}
