/**
 * The sidebar's and the menu's roster and summary functions for the active spreadsheet.
 */
import { rebuildSummary, type SummaryResult } from '../summary/rebuild';
import type { SummarySettings } from '../summary/matching';
import { ensureRosterSheet } from '../summary/roster';
import { applySettingsPatch, readSummarySettings, writeSummarySettings } from '../summary/settings';
import { SUMMARY_SHEET_NAME } from '../summary/sheet';

const TOAST_TITLE = 'Zoom Attendance';

export interface RosterSheetResult {
  sheetName: string;
  /** False when the sheet already existed; it is left as the user filled it. */
  created: boolean;
}

export interface SummarySettingsResult {
  settings: SummarySettings;
  /** The rebuilt summary, or null when the spreadsheet has no summary sheet yet. */
  summary: SummaryResult | null;
}

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Creates the Roster sheet with its header when missing, and shows it. */
export function createRosterSheet(): RosterSheetResult {
  const { sheet, created } = ensureRosterSheet(active());

  sheet.activate();

  return { sheetName: sheet.getName(), created };
}

export function createRosterFromMenu(): void {
  const result = createRosterSheet();
  const text = result.created
    ? 'Roster created: enter one person per row (Name, Email, Aliases separated by commas), then rebuild the summary.'
    : 'The Roster sheet already exists.';

  active().toast(text, TOAST_TITLE, 10);
}

export function rebuildSummaryForSidebar(): SummaryResult {
  return rebuildSummary(active());
}

export function rebuildSummaryFromMenu(): void {
  const result = rebuildSummary(active());
  const text =
    `"${result.sheetName}" rebuilt: ${result.occurrences} occurrence(s), ${result.rosterPeople} roster people ` +
    `(${result.neverAttended} never attended), ${result.unmatchedAttendees} unmatched attendee(s)` +
    (result.ambiguousAttendees > 0 ? `, ${result.ambiguousAttendees} not matched because several roster people fit` : '') +
    '.';

  active().toast(text, TOAST_TITLE, 10);
}

export function getSummarySettings(): SummarySettings {
  return readSummarySettings(active().getId());
}

/**
 * Applies a partial settings object (for example {"lateMinutes": 10}) after checking every value,
 * stores it, and rebuilds the summary when the spreadsheet has one.
 */
export function setSummarySettings(patch: unknown): SummarySettingsResult {
  const spreadsheet = active();
  const settings = applySettingsPatch(readSummarySettings(spreadsheet.getId()), patch);

  writeSummarySettings(spreadsheet.getId(), settings);

  const summary = spreadsheet.getSheetByName(SUMMARY_SHEET_NAME) === null ? null : rebuildSummary(spreadsheet);

  return { settings, summary };
}
