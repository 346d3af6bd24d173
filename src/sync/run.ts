/**
 * One sync run over a spreadsheet's tracked meetings, for the nightly trigger and "Sync now". It
 * works within a time budget, saves each meeting's progress after every occurrence, and reports
 * through the sync log, never through dialogs: a trigger has no UI.
 */
import { AddonError, isAddonError, MESSAGES, type AddonErrorCode } from '../errors';
import { fetchOccurrence, type FetchedOccurrence } from '../importer/occurrence';
import { writeFetched } from '../importer/import';
import { RunCache } from './cache';
import { withUserWriteLock } from '../importer/lock';
import type { OccurrenceRef, ZoomApi } from '../zoom/api';
import { createZoomApi } from '../zoom/client';
import { readZoomConfig, type ZoomConfig } from '../zoom/config';
import { createZoomService, hasZoomAccess, redactSecrets, tokenFailure } from '../zoom/oauth';
import { refreshSummaryAfterSync } from '../summary/rebuild';
import { appendSyncLog, PARTIAL_STATUS, type SyncLogEntry } from './log';
import { readMeeting, readSettings, writeMeeting, newTrackedMeeting, type TrackedMeeting } from './state';

/** Stop starting new work after 4.5 minutes of Apps Script's 6-minute execution limit. */
export const SYNC_BUDGET_MILLISECONDS = 270_000;

/** Zoom can still add late records to a report for about a day after the meeting. */
const RECENT_OCCURRENCE_MILLISECONDS = 24 * 60 * 60 * 1000; // 24 hours

/** A pending occurrence is given up after this many runs that found it not ready. */
export const MAX_PENDING_TRIES = 3;

export const STATUS = {
  ok: 'OK',
  partial: PARTIAL_STATUS,
} as const;

export interface SyncRunResult {
  entries: SyncLogEntry[];
  stoppedEarly: boolean;
}

interface MeetingOutcome {
  entry: SyncLogEntry;
  /** The whole run must stop: disconnected, a scope missing, the daily limit, or out of time. */
  stopRun: boolean;
}

/** Errors that make every further Zoom call pointless in this run. */
function stopsRun(error: AddonError): boolean {
  return ['ZOOM_DISCONNECTED', 'ZOOM_NOT_CONNECTED', 'ZOOM_SCOPE_MISSING', 'DAILY_LIMIT', 'URLFETCH_QUOTA', 'SETUP_INCOMPLETE'].includes(
    error.code,
  );
}

function entryFor(meeting: TrackedMeeting, status: string, message: string): SyncLogEntry {
  return {
    time: new Date(),
    meetingId: meeting.meetingId,
    topic: meeting.topic,
    occurrencesImported: 0,
    rowsAdded: 0,
    rowsUpdated: 0,
    status,
    message,
  };
}

function syncMeeting(
  api: ZoomApi,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  meeting: TrackedMeeting,
  outOfTime: () => boolean,
  cache: RunCache,
): MeetingOutcome {
  const notes: string[] = [];
  const entry = entryFor(meeting, STATUS.ok, '');
  let pendingWrite: () => void = () => undefined;
  const save = (): void => writeMeeting(cache.spreadsheetId, { ...meeting, lastRunAt: new Date().toISOString() });

  try {
    const sheet = cache.sheetFor(meeting, notes);
    const listed = api.listOccurrences(meeting.meetingId);
    const imported = cache.imported(sheet);
    const now = Date.now();
    const pendingUuids = new Set(meeting.pending.map((p) => p.uuid));
    const candidates = listed.occurrences.filter((occurrence) => {
      if (meeting.givenUp.includes(occurrence.uuid)) return false;

      const end = imported.get(occurrence.uuid);

      return end === undefined || pendingUuids.has(occurrence.uuid) || Number.isNaN(end) || now - end < RECENT_OCCURRENCE_MILLISECONDS;
    });

    // Each fetched occurrence is written, and the meeting's progress saved, before the next one is
    // fetched: an execution killed at Apps Script's limit then loses no finished occurrence.
    const batch: Array<{ occurrence: OccurrenceRef; fetched: FetchedOccurrence }> = [];
    const flush = (): void => {
      if (batch.length === 0) return;

      const summary = writeFetched(meeting.meetingId, listed.kind, [], batch.map((item) => item.fetched), {
        api,
        spreadsheet,
        targetSheet: () => sheet,
        withWriteLock: withUserWriteLock,
      });
      const written = new Set(batch.map((item) => item.occurrence.uuid));

      for (const { occurrence, fetched } of batch) {
        if (occurrence.startTime > meeting.lastOccurrenceStart) meeting.lastOccurrenceStart = occurrence.startTime;

        if (fetched.status !== 'pending') imported.set(occurrence.uuid, fetched.details.endMilliseconds);
      }

      meeting.topic = summary.topic || meeting.topic;
      meeting.pending = meeting.pending.filter((p) => !written.has(p.uuid));
      entry.topic = meeting.topic;
      entry.kind = listed.kind;
      entry.occurrencesImported += summary.occurrences;
      entry.rowsAdded += summary.rowsAdded;
      entry.rowsUpdated += summary.rowsUpdated;
      notes.push(...summary.warnings);
      batch.length = 0;
      save();
    };

    pendingWrite = flush;
    api.prefetchDetails(
      candidates.map((occurrence) => occurrence.uuid),
      listed.kind,
    );

    for (const occurrence of candidates) {
      if (outOfTime()) {
        flush();
        entry.status = STATUS.partial;
        meeting.status = STATUS.partial;
        meeting.message = notes.join('; ');
        save();

        return { entry: finish(entry, notes), stopRun: true };
      }

      const fetched = fetchOccurrence(api, {
        uuid: occurrence.uuid,
        startTime: occurrence.startTime,
        kind: listed.kind,
        meetingId: meeting.meetingId,
        timeZone: cache.timeZone,
      });

      if (fetched.status === 'pending') {
        recordPending(meeting, occurrence, notes);
        save();
        continue;
      }

      batch.push({ occurrence, fetched });
      flush();
    }

    flush();

    if (meeting.pending.length > 0) entry.status = MESSAGES.pending;

    meeting.status = entry.status;
    meeting.message = notes.join('; ');
    save();

    return { entry: finish(entry, notes), stopRun: false };
  } catch (error) {
    const failure = isAddonError(error) ? error : new AddonError('ZOOM_ERROR', redactSecrets(error instanceof Error ? error.message : String(error)));
    const status = writeBeforeFailing(pendingWrite, entry, failure);

    entry.status = status;
    entry.code = failure.code;
    meeting.status = status;
    meeting.message = notes.join('; ');
    save();

    return { entry: finish(entry, notes), stopRun: stopsRun(failure) };
  }
}

/**
 * Writes the occurrences fetched before a failure, because each is complete, and words the status so
 * it does not claim that nothing changed when some occurrences were imported.
 */
function writeBeforeFailing(write: () => void, entry: SyncLogEntry, failure: AddonError): string {
  try {
    write();
  } catch (writeError) {
    return isAddonError(writeError) ? writeError.message : failure.message;
  }

  if (entry.occurrencesImported === 0) return failure.message;

  const imported = `${entry.occurrencesImported} earlier occurrence(s) were imported`;

  return failure.message.includes('nothing was changed') ? failure.message.replace('nothing was changed', imported) : `${failure.message} (${imported})`;
}

function finish(entry: SyncLogEntry, notes: string[]): SyncLogEntry {
  return { ...entry, message: notes.join('; ') };
}

function recordPending(meeting: TrackedMeeting, occurrence: { uuid: string; startTime: string }, notes: string[]): void {
  const existing = meeting.pending.find((p) => p.uuid === occurrence.uuid);
  const tries = (existing?.tries ?? 0) + 1;

  meeting.pending = meeting.pending.filter((p) => p.uuid !== occurrence.uuid);

  if (tries >= MAX_PENDING_TRIES) {
    meeting.givenUp = [...meeting.givenUp, occurrence.uuid];
    notes.push(`${MESSAGES.noReport} for the occurrence of ${occurrence.startTime} after ${tries} tries`);

    return;
  }

  meeting.pending.push({ uuid: occurrence.uuid, startTime: occurrence.startTime, tries });
}

/**
 * Syncs every tracked meeting of the spreadsheet, least recently synced first. Zoom and network
 * errors are caught per meeting and written to the sync log and the tracked record.
 */
export function syncSpreadsheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, startedAtMilliseconds: number): SyncRunResult {
  const spreadsheetId = spreadsheet.getId();
  const settings = readSettings(spreadsheetId);
  const meetings = settings.meetingIds
    .map((id) => readMeeting(spreadsheetId, id) ?? newTrackedMeeting(id, -1))
    .sort((a, b) => a.lastRunAt.localeCompare(b.lastRunAt));

  if (meetings.length === 0) return { entries: [], stoppedEarly: false };

  const config = readZoomConfig();
  const connectionError = checkConnection(config);

  if (connectionError !== null) {
    // A trigger runs with no user to click Authorize, so a missing token is reported as a dropped one.
    const status = connectionError.code === 'ZOOM_NOT_CONNECTED' ? MESSAGES.disconnected : connectionError.message;

    return recordForAll(spreadsheet, meetings, status, connectionError.code);
  }

  const cache = new RunCache(spreadsheet);
  const api = createZoomApi(config);

  // Each meeting's listing is independent: they are requested together, before the first import.
  api.prefetchOccurrenceLists(meetings.map((meeting) => meeting.meetingId));

  const outOfTime = (): boolean => Date.now() - startedAtMilliseconds > SYNC_BUDGET_MILLISECONDS;
  const entries: SyncLogEntry[] = [];
  let stoppedEarly = false;

  for (const meeting of meetings) {
    if (outOfTime()) {
      stoppedEarly = true;
      break;
    }

    const outcome = syncMeeting(api, spreadsheet, meeting, outOfTime, cache);

    entries.push(outcome.entry);

    if (outcome.stopRun) {
      stoppedEarly = true;
      break;
    }
  }

  refreshSummaryAfterSync(spreadsheet, entries);
  appendSyncLog(spreadsheet, entries);

  return { entries, stoppedEarly };
}

/** Returns why the run cannot reach Zoom at all, or null; a lock timeout is reported, not thrown. */
function checkConnection(config: ZoomConfig): AddonError | null {
  if (config.missing.length > 0) return new AddonError('SETUP_INCOMPLETE', MESSAGES.setupIncomplete(config.missing, config.redirectUrl));

  const service = createZoomService(config);

  try {
    return hasZoomAccess(service) ? null : tokenFailure(config, service, service.getLastError());
  } catch (error) {
    if (isAddonError(error)) return error;

    throw error;
  }
}

function recordForAll(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  meetings: TrackedMeeting[],
  status: string,
  code: AddonErrorCode,
): SyncRunResult {
  const entries = meetings.map((meeting) => {
    writeMeeting(spreadsheet.getId(), { ...meeting, status, lastRunAt: new Date().toISOString() });

    return { ...entryFor(meeting, status, ''), code };
  });

  appendSyncLog(spreadsheet, entries);

  return { entries, stoppedEarly: true };
}
