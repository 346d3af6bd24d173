/**
 * The user's recent meetings, for the sidebar's list. `/users/me/meetings?type=previous_meetings`
 * covers scheduled meetings of the last 6 months. `/report/users/me/meetings` also lists instant
 * meetings (one row per occurrence, ranges of at most a month), but it needs the report scope.
 * https://developers.zoom.us/docs/api/meetings/#tag/meetings/GET/users/{userId}/meetings
 */
import { AddonError, isAddonError } from '../errors';
import type { ZoomHttp } from './http';
import { PAGE_SIZE } from './http';

export interface RecentMeeting {
  id: string;
  topic: string;
  /** ISO start of the latest known occurrence. */
  start: string;
  /** Occurrences seen in the report of the last month; null when unknown. */
  occurrences: number | null;
  recurring: boolean;
}

export interface RecentMeetingsPage {
  meetings: RecentMeeting[];
  nextPageToken: string | null;
  notes: string[];
}

/** Zoom's report of a user's meetings accepts a range of one month at most. */
const REPORT_RANGE_DAYS = 30;

const RECURRING_TYPES = new Set([3, 8]);

function text(value: unknown): string {
  if (typeof value === 'string') return value;

  return typeof value === 'number' ? String(value) : '';
}

function isoDate(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 10);
}

/** Reads the report of the last month, newest occurrence per meeting ID, or null without the scope. */
function readReportMeetings(http: ZoomHttp, userPath: string, now: number): Map<string, RecentMeeting> | null {
  try {
    const page = http.getAllPages<Record<string, unknown>>(`/report${userPath}/meetings`, 'meetings', {
      from: isoDate(now - REPORT_RANGE_DAYS * 24 * 3600 * 1000),
      to: isoDate(now),
      type: 'past',
    });
    const byId = new Map<string, RecentMeeting>();

    for (const row of page.items) {
      const id = text(row.id);
      const start = text(row.start_time);
      const known = byId.get(id);

      if (id === '') continue;

      byId.set(id, {
        id,
        topic: text(row.topic) || known?.topic || '',
        start: known !== undefined && known.start > start ? known.start : start,
        occurrences: (known?.occurrences ?? 0) + 1,
        recurring: RECURRING_TYPES.has(Number(row.type)) || (known?.recurring ?? false),
      });
    }

    return byId;
  } catch (error) {
    if (isAddonError(error, 'ZOOM_SCOPE_MISSING') || isAddonError(error, 'ZOOM_NO_PERMISSION') || isAddonError(error, 'ZOOM_PLAN_UNSUPPORTED')) {
      return null;
    }

    throw error;
  }
}

/**
 * Reads one page of Zoom's listing. A user ID Zoom does not know (code 1001) is reported in words,
 * because in account mode it is the Google email, which may have no Zoom user.
 */
function readListing(http: ZoomHttp, userId: string, pageToken: string | null): Record<string, unknown> {
  try {
    return http.getJson(`/users/${encodeURIComponent(userId)}/meetings`, {
      type: 'previous_meetings',
      page_size: PAGE_SIZE,
      next_page_token: pageToken ?? '',
    });
  } catch (error) {
    if (!isAddonError(error) || error.details.zoomCode !== 1001) throw error;

    throw new AddonError(
      'NOT_MEETING_HOST',
      `Zoom has no user ${userId} in this account, so there are no meetings to list: sign in to Google with the email of your Zoom user, or import by meeting ID`,
      error.details,
    );
  }
}

/**
 * Returns one page of a user's ended meetings, newest first within the page. `userId` is `me` for a
 * user's own token, or the Google email in account mode. The first page also merges the report of
 * the last month, so instant meetings appear when the token has the report scope.
 * NOTE: Zoom does not document the order of its listing, so a later page may contain newer meetings;
 * the sidebar merges and sorts the pages it has loaded.
 */
export function listRecentMeetings(
  http: ZoomHttp,
  pageToken: string | null,
  now: number,
  reportGranted: boolean | null,
  userId = 'me',
): RecentMeetingsPage {
  const body = readListing(http, userId, pageToken);
  const listed = Array.isArray(body.meetings) ? (body.meetings as Array<Record<string, unknown>>) : [];
  const byId = new Map<string, RecentMeeting>();

  for (const row of listed) {
    const id = text(row.id);

    if (id === '' || byId.has(id)) continue;

    byId.set(id, { id, topic: text(row.topic), start: text(row.start_time), occurrences: null, recurring: RECURRING_TYPES.has(Number(row.type)) });
  }

  const notes = ['Zoom lists ended scheduled meetings of the last 6 months.'];
  const firstPage = pageToken === null || pageToken === '';
  const report = firstPage && reportGranted !== false ? readReportMeetings(http, `/users/${encodeURIComponent(userId)}`, now) : null;
  // Every page carries the same notes, because the sidebar shows the notes of the last page loaded.
  const instantListed = firstPage ? report !== null : reportGranted === true;

  if (!instantListed) notes.push('Instant meetings appear only when the Zoom app has the report scope; import them by meeting ID.');

  if (report !== null) {
    for (const [id, reported] of report) {
      const scheduled = byId.get(id);

      byId.set(id, scheduled === undefined ? reported : { ...scheduled, start: reported.start > scheduled.start ? reported.start : scheduled.start, occurrences: reported.occurrences });
    }
  }

  const nextPageToken = text(body.next_page_token);

  return {
    meetings: [...byId.values()].sort((a, b) => b.start.localeCompare(a.start)),
    nextPageToken: nextPageToken === '' ? null : nextPageToken,
    notes,
  };
}
