/**
 * One import: occurrences -> fetch -> merge -> upsert. Shared by the menu, the sidebar and the
 * nightly run. Everything is fetched before the table is touched, so a failure part-way leaves the
 * sheet unchanged; the write then happens once, under the user lock.
 */
import { AddonError, isAddonError, MESSAGES } from '../errors';
import { chooseTableSheet, upsertAttendance, type AttendanceRow } from '../sheets/table';
import type { MeetingKind, ParticipantSource, ZoomApi } from '../zoom/api';
import { parseMeetingReference, type MeetingReference } from '../zoom/ids';
import { fetchOccurrence, type FetchedOccurrence } from './occurrence';
import { planOccurrences } from './occurrences';

export interface ImportSummary {
  meetingId: string;
  kind: MeetingKind;
  topic: string;
  /** Occurrences whose rows were written. */
  occurrences: number;
  /** People identified across the imported occurrences (a person at two occurrences counts twice). */
  people: number;
  rowsAdded: number;
  rowsUpdated: number;
  sheetName: string;
  sheetId: number;
  source: ParticipantSource | '';
  pending: Array<{ uuid: string; startTime: string; reason: string }>;
  warnings: string[];
}

export interface ImportEnvironment {
  api: ZoomApi;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The sheet to write to; by default the active sheet or "Zoom attendance". */
  targetSheet?: () => GoogleAppsScript.Spreadsheet.Sheet;
  withWriteLock: <T>(work: () => T) => T;
  checkHost?: (hostEmail: string) => void;
  onProgress?: (occurrence: number, of: number, meetingId: string) => void;
  /** Asks which occurrence to import when a meeting has several and none was given. */
  pickOccurrence?: (choices: Array<{ uuid: string; startTime: string }>) => string | undefined;
}

export interface ImportRequest {
  input: string;
  /** One occurrence to import, by UUID or local date (yyyy-mm-dd); empty for all. */
  occurrence?: string;
}

export function importMeeting(request: ImportRequest, environment: ImportEnvironment): ImportSummary {
  const reference = parseMeetingReference(request.input);
  const timeZone = environment.spreadsheet.getSpreadsheetTimeZone();

  try {
    return fetchAndWrite(reference, request, environment, timeZone);
  } catch (error) {
    // Both the meeting and the webinar endpoints were tried; name the UUID, not the last path.
    if (reference.kind === 'uuid' && isAddonError(error, 'MEETING_NOT_FOUND')) {
      throw new AddonError(
        'MEETING_NOT_FOUND',
        `Zoom has no ended meeting or webinar occurrence with UUID "${reference.uuid}": check the UUID, and that the connected Zoom user hosted it`,
      );
    }

    throw error;
  }
}

function fetchAndWrite(
  reference: MeetingReference,
  request: ImportRequest,
  environment: ImportEnvironment,
  timeZone: string,
): ImportSummary {
  const plan = planOccurrences(environment.api, reference, request.occurrence, timeZone, environment.pickOccurrence);
  const meetingLabel = plan.meetingId || (reference.kind === 'uuid' ? reference.uuid : '');
  const fetched: FetchedOccurrence[] = [];

  // The occurrences' details are independent, so they are requested in parallel.
  environment.api.prefetchDetails(
    plan.occurrences.map((occurrence) => occurrence.uuid),
    plan.kind,
  );
  plan.occurrences.forEach((occurrence, index) => {
    environment.onProgress?.(index + 1, plan.occurrences.length, meetingLabel);
    fetched.push(
      fetchOccurrence(environment.api, {
        uuid: occurrence.uuid,
        startTime: occurrence.startTime,
        kind: plan.kind,
        meetingId: plan.meetingId,
        timeZone,
        ...(environment.checkHost === undefined ? {} : { checkHost: environment.checkHost }),
      }),
    );
  });

  return writeFetched(plan.meetingId, plan.kind, plan.warnings, fetched, environment);
}

/** Writes the ready occurrences in one upsert and builds the summary. */
export function writeFetched(
  meetingId: string,
  kind: MeetingKind,
  planWarnings: string[],
  fetched: FetchedOccurrence[],
  environment: ImportEnvironment,
): ImportSummary {
  const rows: AttendanceRow[] = [];
  const warnings = [...planWarnings];
  const pending: ImportSummary['pending'] = [];
  let topic = '';
  let source: ParticipantSource | '' = '';
  let people = 0;
  let occurrences = 0;
  let resolvedId = meetingId;

  for (const item of fetched) {
    if (item.status === 'pending') {
      pending.push({ uuid: item.uuid, startTime: item.startTime, reason: item.reason });
      continue;
    }

    warnings.push(...item.warnings);
    topic = item.details.topic || topic;
    resolvedId = resolvedId || item.details.meetingId;

    if (item.status === 'empty') continue;

    rows.push(...item.rows);
    source = item.source;
    people += item.people;
    occurrences += 1;
  }

  if (occurrences === 0 && pending.length > 0 && warnings.length === planWarnings.length) {
    throw new AddonError('MEETING_NOT_ENDED', MESSAGES.pending, { meetingId: resolvedId });
  }

  if (pending.length > 0) {
    warnings.push(`${pending.length} occurrence(s) pending: Zoom has not finished the report; try again in an hour`);
  }

  const written = environment.withWriteLock(() => {
    const sheet = environment.targetSheet?.() ?? chooseTableSheet(environment.spreadsheet);
    const result = rows.length > 0 ? upsertAttendance(sheet, rows) : { rowsAdded: 0, rowsUpdated: 0 };

    return { ...result, sheetName: sheet.getName(), sheetId: sheet.getSheetId() };
  });

  return {
    meetingId: resolvedId,
    kind,
    topic,
    occurrences,
    people,
    rowsAdded: written.rowsAdded,
    rowsUpdated: written.rowsUpdated,
    sheetName: written.sheetName,
    sheetId: written.sheetId,
    source,
    pending,
    warnings,
  };
}
