/**
 * Server responses for the sidebar's browser tests, shaped like the return values of the functions
 * in src/index.ts.
 */
import type { SummarySettings } from '../../src/summary/matching';
import type { SidebarState } from '../../src/ui/connection';
import type { ImportProgress } from '../../src/ui/import';
import type { RecentMeetingView, RecentMeetingsView } from '../../src/ui/recent';
import type { SyncNowResult } from '../../src/ui/sync';
import type { ImportSummary } from '../../src/importer/import';
import type { SyncState, TrackedMeetingView } from '../../src/sync/tracking';
import type { StubResponse } from './harness';

export const REDIRECT_URL = 'https://script.google.com/macros/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/usercallback';

/** Markup a Zoom user can type into a name or topic. The page must show it as text. */
export const IMG_INJECTION = '<img src=x onerror="window.injected=1">';
export const SCRIPT_INJECTION = '<script>window.injected=2</script>';

export function sidebarState(overrides: Partial<SidebarState> = {}): SidebarState {
  return {
    status: 'connected',
    message: 'Connected as Ada Lovelace (ada@example.edu), user mode',
    mode: 'user',
    redirectUrl: REDIRECT_URL,
    missingProperties: [],
    zoomUser: { name: 'Ada Lovelace', email: 'ada@example.edu' },
    googleEmail: 'ada@example.edu',
    canDisconnect: true,
    ...overrides,
  };
}

export const NOT_CONNECTED = sidebarState({ status: 'not-connected', message: 'Not connected', zoomUser: null, canDisconnect: false });

export function meeting(overrides: Partial<RecentMeetingView> & { id: string }): RecentMeetingView {
  return {
    topic: `Meeting ${overrides.id}`,
    start: '2026-03-02T09:00:00Z',
    startLabel: 'Mon 2 Mar 2026, 10:00',
    occurrences: null,
    recurring: false,
    tracked: false,
    ...overrides,
  };
}

export const FIRST_PAGE: RecentMeetingsView = {
  meetings: [
    meeting({ id: '85746065432', topic: 'Biology 101', start: '2026-03-03T08:00:00Z', startLabel: 'Tue 3 Mar 2026, 09:00', occurrences: 5, recurring: true }),
    meeting({ id: '93211223344', topic: 'Staff meeting', start: '2026-03-01T13:00:00Z', startLabel: 'Sun 1 Mar 2026, 14:00' }),
  ],
  nextPageToken: 'page-2-token',
  notes: ['Zoom lists ended scheduled meetings of the last 6 months.'],
};

export const SECOND_PAGE: RecentMeetingsView = {
  meetings: [
    meeting({ id: '81234567890', topic: 'Chemistry lab', start: '2026-02-20T10:00:00Z', startLabel: 'Fri 20 Feb 2026, 11:00' }),
    // Newer than the first page's last meeting: the merged list must still be newest first.
    meeting({ id: '87654321098', topic: 'Parents evening', start: '2026-03-02T17:00:00Z', startLabel: 'Mon 2 Mar 2026, 18:00' }),
  ],
  nextPageToken: null,
  notes: ['Zoom lists ended scheduled meetings of the last 6 months.'],
};

export function syncState(meetings: TrackedMeetingView[] = [], overrides: Partial<SyncState> = {}): SyncState {
  return { enabled: false, hour: 6, timeZone: 'Europe/London', meetings, ...overrides };
}

export function trackedMeeting(overrides: Partial<TrackedMeetingView> & { meetingId: string }): TrackedMeetingView {
  return {
    topic: '',
    sheetName: 'Zoom attendance',
    status: 'Not synced yet',
    message: '',
    lastRunAt: '',
    lastOccurrenceStart: '',
    pendingOccurrences: 0,
    ...overrides,
  };
}

export function summary(overrides: Partial<ImportSummary> = {}): ImportSummary {
  return {
    meetingId: '85746065432',
    kind: 'meeting',
    topic: 'Biology 101',
    occurrences: 4,
    people: 57,
    rowsAdded: 50,
    rowsUpdated: 7,
    sheetName: 'Zoom attendance',
    sheetId: 0,
    source: 'past_meetings',
    pending: [{ uuid: 'Kp3RtYv8QmWn2xZa5bCdEf==', startTime: '2026-03-03T08:00:00Z', reason: 'Pending: Zoom has not finished the report; try again in an hour' }],
    warnings: ['3 people waited in the waiting room and were never admitted.'],
    ...overrides,
  };
}

export function progress(occurrence: number, of: number): ImportProgress {
  return { running: true, meetingId: '85746065432', occurrence, of };
}

export function syncNowResult(overrides: Partial<SyncNowResult> = {}): SyncNowResult {
  return { meetings: 1, occurrencesImported: 2, rowsAdded: 20, rowsUpdated: 3, stoppedEarly: false, statuses: [], state: syncState(), ...overrides };
}

export function value(response: unknown): StubResponse {
  return { value: response };
}

/** Returns the responses for a connected user with the two-page meeting list and nothing tracked. */
export function connectedResponses(extra: Record<string, StubResponse[]> = {}): Record<string, StubResponse[]> {
  return {
    getSidebarState: [value(sidebarState())],
    listRecentMeetings: [value(FIRST_PAGE), value(SECOND_PAGE)],
    getSyncState: [value(syncState())],
    getSummarySettings: [value(summarySettings())],
    ...extra,
  };
}

export function summarySettings(overrides: Partial<SummarySettings> = {}): SummarySettings {
  return { lateMinutes: 5, leftEarlyMinutes: 5, presentThresholdPercent: 75, matrixValue: 'minutes', ...overrides };
}
