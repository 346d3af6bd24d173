/**
 * The sidebar's list of recent meetings: one server call per page, JSON-safe values only.
 */
import { readSettings } from '../sync/state';
import { createZoomApi } from '../zoom/client';
import { readZoomConfig } from '../zoom/config';
import { AddonError, MESSAGES } from '../errors';

export interface RecentMeetingView {
  id: string;
  topic: string;
  start: string;
  /** The start in the spreadsheet's time zone, for display. */
  startLabel: string;
  occurrences: number | null;
  recurring: boolean;
  tracked: boolean;
}

export interface RecentMeetingsView {
  meetings: RecentMeetingView[];
  nextPageToken: string | null;
  notes: string[];
}

export function listRecentMeetingsForSidebar(pageToken: unknown): RecentMeetingsView {
  const config = readZoomConfig();

  if (config.missing.length > 0) throw new AddonError('SETUP_INCOMPLETE', MESSAGES.setupIncomplete(config.missing, config.redirectUrl));

  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const tracked = new Set(readSettings(spreadsheet.getId()).meetingIds);
  // An account token reads every user of the Zoom account, so it lists the Google user's own meetings.
  const userId = config.mode === 'account' ? Session.getActiveUser().getEmail().toLowerCase() : 'me';

  if (userId === '') {
    throw new AddonError(
      'NOT_MEETING_HOST',
      'Apps Script gave no Google email for you, so account mode cannot list the meetings you host: import by meeting ID instead',
    );
  }

  const page = createZoomApi(config).listRecentMeetings(typeof pageToken === 'string' && pageToken !== '' ? pageToken : null, Date.now(), userId);

  return {
    meetings: page.meetings.map((meeting) => {
      const start = new Date(meeting.start);

      return {
        ...meeting,
        startLabel: Number.isNaN(start.getTime()) ? '' : Utilities.formatDate(start, timeZone, 'EEE d MMM yyyy, HH:mm'),
        tracked: tracked.has(meeting.id),
      };
    }),
    nextPageToken: page.nextPageToken,
    notes: page.notes,
  };
}
