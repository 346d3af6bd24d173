/**
 * Keeps the "Attendance summary" in step with the attendance table: rebuilt after every import and
 * nightly run that wrote rows, and on request. Webinar absentees are fetched first, outside the lock;
 * the registrants sheet and the summary are then written under the user lock, like the table.
 */
import { isAddonError } from '../errors';
import { withUserWriteLock } from '../importer/lock';
import { SYNC_LOG_SHEET_NAME, type SyncLogEntry } from '../sync/log';
import { createZoomApi } from '../zoom/client';
import { readZoomConfig, type ZoomConfig } from '../zoom/config';
import { redactSecrets } from '../zoom/oauth';
import { createZoomHttp, listWebinarAbsentees } from '../zoom/webinars';
import { readAttendanceFacts } from './facts';
import type { AttendanceFact } from './matching';
import { buildSummary } from './model';
import { readWebinarAbsentees, REGISTRANTS_SHEET_NAME, replaceWebinarAbsentees, type RegistrantRow } from './registrants';
import { readRoster, ROSTER_SHEET_NAME } from './roster';
import { readSummarySettings } from './settings';
import { SUMMARY_SHEET_NAME, writeSummarySheet } from './sheet';

/** Sheets the add-on writes for itself, never read as attendance tables. */
export const OWNED_SHEET_NAMES = [ROSTER_SHEET_NAME, SUMMARY_SHEET_NAME, REGISTRANTS_SHEET_NAME, SYNC_LOG_SHEET_NAME];

export interface SummaryResult {
  sheetName: string;
  occurrences: number;
  rosterPeople: number;
  /** Roster people with no attendance row at all. */
  neverAttended: number;
  unmatchedAttendees: number;
  /** Unmatched attendees whose email, alias or name fits more than one roster person. */
  ambiguousAttendees: number;
}

/** Reads the table, roster, absentees and settings, and rewrites the summary. Call under the user lock. */
function rebuildUnlocked(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SummaryResult {
  const settings = readSummarySettings(spreadsheet.getId());
  const summary = buildSummary({
    roster: readRoster(spreadsheet),
    rows: readAttendanceFacts(spreadsheet, OWNED_SHEET_NAMES),
    absentees: readWebinarAbsentees(spreadsheet),
    settings,
  });
  const sheet = writeSummarySheet(spreadsheet, summary, settings);
  const roster = summary.lines.filter((line) => line.kind === 'roster');
  const unmatched = summary.lines.filter((line) => line.kind === 'unmatched');

  return {
    sheetName: sheet.getName(),
    occurrences: summary.occurrences.length,
    rosterPeople: roster.length,
    neverAttended: roster.filter((line) => line.cells.every((cell) => cell.state !== 'attended')).length,
    unmatchedAttendees: unmatched.length,
    ambiguousAttendees: unmatched.filter((line) => line.note.startsWith('not matched')).length,
  };
}

/** Rebuilds the summary of a spreadsheet from its sheets alone, without calling Zoom. */
export function rebuildSummary(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SummaryResult {
  return withUserWriteLock(() => rebuildUnlocked(spreadsheet));
}

interface FetchedAbsentees {
  occurrenceUuids: string[];
  rows: RegistrantRow[];
}

/**
 * Finds which imported occurrences of a meeting ID are webinar occurrences and fetches their
 * absentees. Rows from past_webinars are webinars and past_meetings rows are meetings. Report rows can
 * be either, so only then Zoom's instance listing decides (one request).
 */
function fetchWebinarAbsentees(config: ZoomConfig, facts: readonly AttendanceFact[], meetingId: string): FetchedAbsentees | null {
  const rows = facts.filter((fact) => fact.meetingId === meetingId);
  const sources = new Set(rows.map((fact) => fact.source));

  if (rows.length === 0 || sources.has('past_meetings')) return null;

  if (!sources.has('past_webinars') && createZoomApi(config).listOccurrences(meetingId).kind !== 'webinar') return null;

  const http = createZoomHttp(config);
  // NOTE: every imported occurrence of the webinar is fetched again, one Heavy-limited request each.
  const occurrenceUuids = [...new Set(rows.map((fact) => fact.meetingUuid))];
  const absentees = occurrenceUuids.flatMap((uuid) =>
    listWebinarAbsentees(http, uuid).map((registrant) => ({ ...registrant, meetingId, meetingUuid: uuid })),
  );

  return { occurrenceUuids, rows: absentees };
}

function failureText(error: unknown): string {
  if (isAddonError(error)) return error.message;

  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/**
 * Fetches webinar absentees for the given meetings, then rebuilds the summary. Never throws: the
 * rows are already written, so a failure here becomes a note for the import summary or sync log.
 */
function refreshSummary(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, meetingIds: readonly string[]): string[] {
  const notes: string[] = [];
  const fetched: FetchedAbsentees[] = [];

  try {
    const config = readZoomConfig();
    const facts = meetingIds.length === 0 ? [] : readAttendanceFacts(spreadsheet, OWNED_SHEET_NAMES);

    for (const meetingId of meetingIds) {
      try {
        const absentees = config.missing.length > 0 ? null : fetchWebinarAbsentees(config, facts, meetingId);

        if (absentees !== null) fetched.push(absentees);
      } catch (error) {
        notes.push(`Registrants who missed webinar ${meetingId} were not read: ${failureText(error)}`);
      }
    }

    withUserWriteLock(() => {
      for (const item of fetched) replaceWebinarAbsentees(spreadsheet, item.occurrenceUuids, item.rows);

      rebuildUnlocked(spreadsheet);
    });
  } catch (error) {
    notes.push(`The attendance summary was not updated: ${failureText(error)}`);
  }

  return notes;
}

/**
 * Tells whether the spreadsheet uses the summary: it has a Roster or a summary sheet, or the import
 * was a webinar (whose registrants who stayed away are read now, while Zoom still lists them). A
 * spreadsheet that never asked for a summary pays no extra reads or writes per import.
 */
function usesSummary(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, importedWebinar: boolean): boolean {
  if (importedWebinar) return true;

  return spreadsheet.getSheetByName(SUMMARY_SHEET_NAME) !== null || spreadsheet.getSheetByName(ROSTER_SHEET_NAME) !== null;
}

/** After an interactive import: refreshes the summary and adds any failure to the import's warnings. */
export function refreshSummaryAfterImport(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  summary: { meetingId: string; warnings: string[]; kind: string },
): void {
  if (!usesSummary(spreadsheet, summary.kind === 'webinar')) return;

  summary.warnings.push(...refreshSummary(spreadsheet, summary.meetingId === '' ? [] : [summary.meetingId]));
}

/**
 * After a sync run: when any meeting imported an occurrence, refreshes the summary once and adds any
 * failure to the last such meeting's sync log message.
 */
export function refreshSummaryAfterSync(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: SyncLogEntry[]): void {
  const imported = entries.filter((entry) => entry.occurrencesImported > 0);
  const last = imported[imported.length - 1];

  if (last === undefined || !usesSummary(spreadsheet, imported.some((entry) => entry.kind === 'webinar'))) return;

  const notes = refreshSummary(spreadsheet, [...new Set(imported.map((entry) => entry.meetingId))]);

  if (notes.length > 0) last.message = [last.message, ...notes].filter((text) => text !== '').join('; ');
}
