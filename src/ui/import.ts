/**
 * Imports started by a person: from the menu's prompt or from the sidebar. Both run the same
 * importer; this layer adds the host check of account mode, progress and the messages.
 */
import { AddonError, isAddonError } from '../errors';
import { importMeeting, type ImportSummary } from '../importer/import';
import { withUserWriteLock } from '../importer/lock';
import { refreshSummaryAfterImport } from '../summary/rebuild';
import { recordImportTarget, trackMeetingIn } from '../sync/tracking';
import { createZoomApi } from '../zoom/client';
import { readZoomConfig, type ZoomConfig } from '../zoom/config';
import { redactSecrets } from '../zoom/oauth';

export const PROGRESS_CACHE_KEY = 'import.progress';

/** Keeps progress readable for the sidebar's polling, and drops it if an execution dies. */
const PROGRESS_TTL_SECONDS = 600; // 10 minutes

export interface ImportProgress {
  running: boolean;
  meetingId: string;
  occurrence: number;
  of: number;
}

/** In account mode one token reads every meeting of the account, so users import only their own. */
export function hostChecker(config: ZoomConfig): ((hostEmail: string) => void) | undefined {
  if (config.mode !== 'account') return undefined;

  const me = Session.getActiveUser().getEmail().toLowerCase();

  if (config.adminEmails.includes(me)) return undefined;

  return (hostEmail: string) => {
    if (me !== '' && hostEmail === me) return;

    throw new AddonError(
      'NOT_MEETING_HOST',
      `In account mode you can import only meetings you host: this meeting's host is ${hostEmail || 'unknown'}, ` +
        `and you are signed in to Google as ${me || 'an unknown user'}. Ask the script owner to add your email to ZOOM_ADMIN_EMAILS to import any meeting.`,
    );
  };
}

function writeProgress(progress: ImportProgress): void {
  CacheService.getUserCache().put(PROGRESS_CACHE_KEY, JSON.stringify(progress), PROGRESS_TTL_SECONDS);
}

export function readProgress(): ImportProgress {
  const stored = CacheService.getUserCache().get(PROGRESS_CACHE_KEY);

  if (stored === null) return { running: false, meetingId: '', occurrence: 0, of: 0 };

  return JSON.parse(stored) as ImportProgress;
}

export interface InteractiveImportOptions {
  occurrence?: string;
  /** Also track the meeting for the nightly sync. */
  keepInSync?: boolean;
  pickOccurrence?: (choices: Array<{ uuid: string; startTime: string }>) => string | undefined;
  onProgress?: (occurrence: number, of: number) => void;
}

/** Runs an import for the active spreadsheet and returns the JSON-safe summary. */
export function runInteractiveImport(input: unknown, options: InteractiveImportOptions = {}): ImportSummary {
  if (typeof input !== 'string' && !(typeof input === 'number' && Number.isSafeInteger(input))) {
    throw new AddonError('INVALID_INPUT', 'No meeting given: enter a Zoom meeting ID, a join link or an occurrence UUID');
  }

  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const config = readZoomConfig();

  if (config.missing.length > 0) {
    throw new AddonError('SETUP_INCOMPLETE', `Setup incomplete: set ${config.missing.join(' and ')} in Script Properties`);
  }

  const checkHost = hostChecker(config);

  try {
    const summary = importMeeting(
      { input: String(input), ...(options.occurrence === undefined ? {} : { occurrence: options.occurrence }) },
      {
        api: createZoomApi(config),
        spreadsheet,
        withWriteLock: withUserWriteLock,
        ...(checkHost === undefined ? {} : { checkHost }),
        ...(options.pickOccurrence === undefined ? {} : { pickOccurrence: options.pickOccurrence }),
        onProgress: (occurrence, of, meetingId) => {
          writeProgress({ running: true, meetingId, occurrence, of });
          options.onProgress?.(occurrence, of);
        },
      },
    );

    if (options.keepInSync === true) keepInSync(spreadsheet, summary);

    if (summary.meetingId !== '') recordImportTarget(spreadsheet, summary.meetingId, summary.sheetId, summary.topic);

    refreshSummaryAfterImport(spreadsheet, summary);

    return summary;
  } finally {
    writeProgress({ running: false, meetingId: '', occurrence: 0, of: 0 });
  }
}

/** Tracks the imported meeting; the rows are written, so a failure here is a warning, not an error. */
function keepInSync(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, summary: ImportSummary): void {
  try {
    if (summary.meetingId === '') throw new AddonError('INVALID_INPUT', 'Zoom returned no meeting ID for this occurrence');

    trackMeetingIn(spreadsheet, summary.meetingId, () => spreadsheet.getSheetByName(summary.sheetName) ?? spreadsheet.getActiveSheet());
  } catch (error) {
    summary.warnings.push(`The meeting was imported but not kept in sync: ${describeError(error)}`);
  }
}

/** Summarises an import in one sentence for a toast or the sidebar. */
export function describeSummary(summary: ImportSummary): string {
  const topic = summary.topic === '' ? '' : ` of "${summary.topic}"`;
  const occurrences = `${summary.occurrences} occurrence${summary.occurrences === 1 ? '' : 's'}`;

  return (
    `Imported ${summary.people} ${summary.people === 1 ? 'person' : 'people'} from ${occurrences}${topic} ` +
    `into "${summary.sheetName}": ${summary.rowsAdded} rows added, ${summary.rowsUpdated} updated` +
    (summary.pending.length > 0 ? `, ${summary.pending.length} pending` : '') +
    '.'
  );
}

/** Builds the message for a failed import; an unexpected error keeps its own text, redacted. */
export function describeError(error: unknown): string {
  if (isAddonError(error)) return error.message;

  return `The import failed: ${redactSecrets(error instanceof Error ? error.message : String(error))}`;
}

const PROMPT_TITLE = 'Import Zoom attendance';

/** Prompts for the meeting (and, for a recurring meeting, which occurrence), then imports it. */
export function importFromPrompt(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    PROMPT_TITLE,
    'Enter a Zoom meeting ID (spaces and dashes are fine), a join link, or an occurrence UUID:',
    ui.ButtonSet.OK_CANCEL,
  );

  if (answer.getSelectedButton() !== ui.Button.OK) return;

  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();

  let summary: ImportSummary;

  try {
    summary = runInteractiveImport(answer.getResponseText(), {
      pickOccurrence: (choices) => promptForOccurrence(ui, choices, timeZone),
      onProgress: (occurrence, of) => {
        if (of > 1) spreadsheet.toast(`Fetching occurrence ${occurrence} of ${of}...`, PROMPT_TITLE, 5);
      },
    });
  } catch (error) {
    if (!isAddonError(error, 'IMPORT_CANCELLED')) ui.alert(PROMPT_TITLE, describeError(error), ui.ButtonSet.OK);

    return;
  }

  spreadsheet.toast(describeSummary(summary), PROMPT_TITLE, 10);

  if (summary.warnings.length > 0) {
    ui.alert(PROMPT_TITLE, `${describeSummary(summary)}\n\n${summary.warnings.join('\n')}`, ui.ButtonSet.OK);
  }
}

function promptForOccurrence(
  ui: GoogleAppsScript.Base.Ui,
  choices: Array<{ uuid: string; startTime: string }>,
  timeZone: string,
): string | undefined {
  const lines = choices.map((c) => Utilities.formatDate(new Date(c.startTime), timeZone, 'yyyy-MM-dd HH:mm (EEE)'));
  const answer = ui.prompt(
    PROMPT_TITLE,
    `This meeting has ${choices.length} ended occurrences:\n${lines.join('\n')}\n\n` +
      'Enter a date (yyyy-mm-dd) to import one, or leave empty to import all of them:',
    ui.ButtonSet.OK_CANCEL,
  );

  if (answer.getSelectedButton() !== ui.Button.OK) throw new AddonError('IMPORT_CANCELLED', 'Import cancelled');

  return answer.getResponseText();
}
