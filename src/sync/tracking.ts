/**
 * Tracked meetings and the one time-driven trigger per user and spreadsheet.
 */
import { AddonError } from '../errors';
import { parseMeetingReference } from '../zoom/ids';
import {
  deleteMeeting,
  mapTrigger,
  newTrackedMeeting,
  readMeeting,
  readSettings,
  spreadsheetForTrigger,
  unmapTrigger,
  writeMeeting,
  writeSettings,
  type SyncSettings,
  type TrackedMeeting,
} from './state';

export const NIGHTLY_HANDLER = 'runNightlySync';

/** Tracked meetings per spreadsheet; the settings value must stay under Apps Script's 9 KB. */
export const MAX_TRACKED_MEETINGS = 100;

export interface TrackedMeetingView {
  meetingId: string;
  topic: string;
  sheetName: string;
  status: string;
  message: string;
  lastRunAt: string;
  lastOccurrenceStart: string;
  pendingOccurrences: number;
}

export interface SyncState {
  enabled: boolean;
  hour: number;
  timeZone: string;
  meetings: TrackedMeetingView[];
}

export function readSyncState(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SyncState {
  const spreadsheetId = spreadsheet.getId();
  const settings = readSettings(spreadsheetId);
  const sheets = spreadsheet.getSheets();
  const meetings = settings.meetingIds
    .map((id) => readMeeting(spreadsheetId, id))
    .filter((m): m is TrackedMeeting => m !== null)
    .map((m) => ({
      meetingId: m.meetingId,
      topic: m.topic,
      sheetName: sheets.find((s) => s.getSheetId() === m.sheetId)?.getName() ?? '',
      status: m.status,
      message: m.message,
      lastRunAt: m.lastRunAt,
      lastOccurrenceStart: m.lastOccurrenceStart,
      pendingOccurrences: m.pending.length,
    }));

  return { enabled: settings.enabled, hour: settings.hour, timeZone: spreadsheet.getSpreadsheetTimeZone(), meetings };
}

/** Adds a meeting to the spreadsheet's tracked list; its rows go to `sheet`. Idempotent. */
export function trackMeetingIn(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  input: unknown,
  /** The sheet the meeting's rows go to; asked only when the meeting is newly tracked. */
  chooseSheet: () => GoogleAppsScript.Spreadsheet.Sheet,
  /** Throws when Zoom does not know the meeting; called only for a meeting not tracked yet. */
  verify?: (meetingId: string) => void,
): string {
  const reference = parseMeetingReference(input);

  if (reference.kind === 'uuid') {
    throw new AddonError(
      'INVALID_INPUT',
      `"${reference.uuid}" is one occurrence's UUID; track a meeting by its meeting ID or join link so every new occurrence is imported`,
    );
  }

  const spreadsheetId = spreadsheet.getId();
  const settings = readSettings(spreadsheetId);

  if (!settings.meetingIds.includes(reference.meetingId)) {
    verify?.(reference.meetingId);

    if (settings.meetingIds.length >= MAX_TRACKED_MEETINGS) {
      throw new AddonError('INVALID_INPUT', `This spreadsheet already tracks ${MAX_TRACKED_MEETINGS} meetings, the most it can; stop tracking one first`);
    }

    writeSettings(spreadsheetId, { ...settings, meetingIds: [...settings.meetingIds, reference.meetingId] });
  }

  if (readMeeting(spreadsheetId, reference.meetingId) === null) {
    writeMeeting(spreadsheetId, newTrackedMeeting(reference.meetingId, chooseSheet().getSheetId()));
  }

  return reference.meetingId;
}

export function untrackMeetingIn(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, meetingId: unknown): void {
  const id = String(meetingId ?? '').replace(/[\s-]/g, '');
  const spreadsheetId = spreadsheet.getId();
  const settings = readSettings(spreadsheetId);

  writeSettings(spreadsheetId, { ...settings, meetingIds: settings.meetingIds.filter((m) => m !== id) });
  deleteMeeting(spreadsheetId, id);
}

/** After an import, a tracked meeting follows the sheet the import wrote to. */
export function recordImportTarget(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, meetingId: string, sheetId: number, topic: string): void {
  const meeting = readMeeting(spreadsheet.getId(), meetingId);

  if (meeting === null) return;

  writeMeeting(spreadsheet.getId(), { ...meeting, sheetId, topic: topic || meeting.topic });
}

export function parseHour(hour: unknown): number {
  const value = typeof hour === 'string' && hour.trim() !== '' ? Number(hour) : hour;

  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 23) {
    throw new AddonError('INVALID_INPUT', `"${String(hour)}" is not an hour: choose a whole hour from 0 to 23`);
  }

  return value;
}

/** Finds the user's nightly triggers for this spreadsheet: the recorded one and any mapped to it. */
function triggersFor(spreadsheetId: string, settings: SyncSettings): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter(
    (trigger) =>
      trigger.getHandlerFunction() === NIGHTLY_HANDLER &&
      (trigger.getUniqueId() === settings.triggerUid || spreadsheetForTrigger(trigger.getUniqueId()) === spreadsheetId),
  );
}

/**
 * Turns the nightly sync on or off. Any existing trigger for this spreadsheet is replaced, so turning
 * it on twice leaves exactly one. Runs under the user lock so two clicks cannot both create one.
 */
export function configureNightlySync(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, enabled: unknown, hour: unknown): void {
  if (typeof enabled !== 'boolean') throw new AddonError('INVALID_INPUT', `"${String(enabled)}" is not on or off: pass true or false`);

  const validHour = parseHour(hour);
  const spreadsheetId = spreadsheet.getId();
  const lock = LockService.getUserLock();

  if (!lock.tryLock(30_000)) throw new AddonError('SYNC_RUNNING', 'Another change to the nightly sync is running; try again in a minute');

  try {
    const settings = readSettings(spreadsheetId);

    for (const trigger of triggersFor(spreadsheetId, settings)) {
      unmapTrigger(trigger.getUniqueId());
      ScriptApp.deleteTrigger(trigger);
    }

    let triggerUid = '';

    if (enabled) {
      const trigger = createNightlyTrigger(validHour, spreadsheet.getSpreadsheetTimeZone());

      triggerUid = trigger.getUniqueId();
      mapTrigger(triggerUid, spreadsheetId);
    }

    writeSettings(spreadsheetId, { ...settings, enabled, hour: validHour, triggerUid });
  } finally {
    lock.releaseLock();
  }
}

/**
 * Creates the daily trigger. Apps Script refuses installable triggers in an add-on's test deployment
 * (https://developers.google.com/apps-script/add-ons/test), so that failure is reported with what to do.
 */
function createNightlyTrigger(hour: number, timeZone: string): GoogleAppsScript.Script.Trigger {
  try {
    return ScriptApp.newTrigger(NIGHTLY_HANDLER).timeBased().atHour(hour).everyDays(1).inTimezone(timeZone).create();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);

    throw new AddonError(
      'ZOOM_ERROR',
      `Apps Script did not create the nightly trigger (${reason}). Triggers do not run in an add-on's test deployment: ` +
        'install the add-on from a published or domain-private deployment to sync nightly. Sync now still works.',
    );
  }
}

/** Deletes a trigger whose spreadsheet is unknown or gone, so it stops firing. */
export function removeOrphanTrigger(triggerUid: string): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(trigger);
  }

  unmapTrigger(triggerUid);
}
