/**
 * The Zoom endpoints the add-on reads, with the choice between the admin report endpoints and the
 * user-level past-meeting endpoints that ordinary hosts can use.
 * https://developers.zoom.us/docs/api/meetings/
 */
import { AddonError, isAddonError, MESSAGES } from '../errors';
import type { ZoomHttp } from './http';
import { encodeMeetingIdForPath } from './ids';
import { listRecentMeetings, type RecentMeetingsPage } from './meetings';
import { processParticipants, type ProcessedParticipants } from './participants';

export type MeetingKind = 'meeting' | 'webinar';
export type ParticipantSource = 'report' | 'past_meetings' | 'past_webinars';

/** Classic and granular scopes that let a token call each endpoint. */
export const SCOPES = {
  reportMeetingParticipants: ['report:read:admin', 'report:read:list_meeting_participants:admin'],
  reportWebinarParticipants: ['report:read:admin', 'report:read:list_webinar_participants:admin'],
  reportMeetingDetails: ['report:read:admin', 'report:read:meeting:admin'],
  reportWebinarDetails: ['report:read:admin', 'report:read:webinar:admin'],
  pastMeetingParticipants: [
    'meeting:read',
    'meeting:read:admin',
    'meeting:read:list_past_participants',
    'meeting:read:list_past_participants:admin',
  ],
  pastMeetingInstances: [
    'meeting:read',
    'meeting:read:admin',
    'meeting:read:list_past_instances',
    'meeting:read:list_past_instances:admin',
  ],
  pastMeetingDetails: ['meeting:read', 'meeting:read:admin', 'meeting:read:past_meeting', 'meeting:read:past_meeting:admin'],
  pastWebinarParticipants: [
    'webinar:read',
    'webinar:read:admin',
    'webinar:read:list_past_participants',
    'webinar:read:list_past_participants:admin',
  ],
  pastWebinarInstances: ['webinar:read', 'webinar:read:admin', 'webinar:read:list_past_instances', 'webinar:read:list_past_instances:admin'],
} as const;

export interface OccurrenceRef {
  uuid: string;
  startTime: string;
}

export interface OccurrenceDetails {
  meetingId: string;
  uuid: string;
  topic: string;
  startMilliseconds: number;
  endMilliseconds: number;
  hostEmail: string;
  /** False when Zoom returned empty start or end times: the report is not ready yet. */
  ready: boolean;
}

export interface ParticipantList extends ProcessedParticipants {
  source: ParticipantSource;
  recordCount: number;
  totalRecords: number | null;
}

export interface ZoomUser {
  id: string;
  name: string;
  email: string;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;

  return typeof value === 'number' ? String(value) : '';
}

/** Errors after which the other participants endpoint may still work. */
export function allowsFallback(error: unknown): boolean {
  return (
    isAddonError(error, 'ZOOM_SCOPE_MISSING') ||
    isAddonError(error, 'ZOOM_PLAN_UNSUPPORTED') ||
    isAddonError(error, 'ZOOM_NO_PERMISSION')
  );
}

export class ZoomApi {
  /** Set once the report endpoint failed with a scope, plan or permission error in this run. */
  private reportUnavailable = false;

  constructor(
    private readonly http: ZoomHttp,
    private readonly scopes: string[] | null,
  ) {}

  private granted(any: readonly string[]): boolean | null {
    if (this.scopes === null) return null;

    return any.some((scope) => this.scopes?.includes(scope));
  }

  /** Reads one page of a user's ended meetings (`me`, or an email in account mode); see listRecentMeetings. */
  listRecentMeetings(pageToken: string | null, now: number, userId = 'me'): RecentMeetingsPage {
    return listRecentMeetings(this.http, pageToken, now, this.granted(['report:read:admin', 'report:read:user:admin']), userId);
  }

  /**
   * Reads the connected Zoom user. Zoom returns 404 code 1001 when that user no longer exists (removed
   * from the account), which the generic mapping would report as a missing meeting.
   */
  getCurrentUser(): ZoomUser {
    let body: Record<string, unknown>;

    try {
      body = this.http.getJson('/users/me');
    } catch (error) {
      if (!isAddonError(error) || error.details.zoomCode !== 1001) throw error;

      throw new AddonError(
        'ZOOM_DISCONNECTED',
        `Zoom does not know the connected user (${error.details.status ?? 404}, code 1001): reconnect with the Zoom account that hosts the meetings`,
        error.details,
      );
    }

    const name = text(body.display_name) || `${text(body.first_name)} ${text(body.last_name)}`.trim();

    return { id: text(body.id), name, email: text(body.email).toLowerCase() };
  }

  /**
   * Lists the ended occurrences of a meeting ID, oldest first. An ID Zoom does not know as a meeting
   * is tried as a webinar.
   */
  listOccurrences(meetingId: string): { kind: MeetingKind; occurrences: OccurrenceRef[] } {
    const read = (kind: MeetingKind): OccurrenceRef[] => {
      const prefix = kind === 'meeting' ? '/past_meetings/' : '/past_webinars/';
      const body = this.http.getJson(`${prefix}${encodeMeetingIdForPath(meetingId)}/instances`);
      const list = Array.isArray(body.meetings) ? (body.meetings as unknown[]) : Array.isArray(body.webinars) ? (body.webinars as unknown[]) : [];

      return list
        .map((item) => item as Record<string, unknown>)
        .map((item) => ({ uuid: text(item.uuid), startTime: text(item.start_time) }))
        .filter((item) => item.uuid !== '')
        .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
    };

    try {
      return { kind: 'meeting', occurrences: read('meeting') };
    } catch (error) {
      if (!isAddonError(error, 'MEETING_NOT_FOUND')) throw error;

      try {
        return { kind: 'webinar', occurrences: read('webinar') };
      } catch (webinarError) {
        if (!isAddonError(webinarError, 'MEETING_NOT_FOUND')) throw webinarError;

        throw new AddonError(
          'MEETING_NOT_FOUND',
          `Zoom has no ended meeting or webinar with ID ${meetingId}: check the ID, and that the ` +
            'connected Zoom user hosted it',
          { meetingId },
        );
      }
    }
  }

  private detailsPath(encoded: string, kind: MeetingKind): string {
    const useReport =
      kind === 'webinar' || (this.granted(SCOPES.pastMeetingDetails) === false && this.granted(SCOPES.reportMeetingDetails) === true);

    return useReport ? `/report/${kind === 'webinar' ? 'webinars' : 'meetings'}/${encoded}` : `/past_meetings/${encoded}`;
  }

  /**
   * Fetches the details of several occurrences in parallel, so importing a recurring meeting waits
   * for one round trip per batch instead of one per occurrence. getOccurrenceDetails then uses the
   * prefetched bodies; a detail that failed is fetched again with the usual retries.
   */
  prefetchDetails(uuids: readonly string[], kind: MeetingKind): void {
    if (kind === 'webinar' && this.granted(SCOPES.reportWebinarDetails) === false) return;

    this.http.prefetch(uuids.map((uuid) => this.detailsPath(encodeMeetingIdForPath(uuid), kind)));
  }

  /** Fetches the occurrence listings of several meetings in parallel, for listOccurrences to use. */
  prefetchOccurrenceLists(meetingIds: readonly string[]): void {
    this.http.prefetch(meetingIds.map((id) => `/past_meetings/${encodeMeetingIdForPath(id)}/instances`));
  }

  /** Reads one occurrence's details (by UUID, or a numeric ID for its latest occurrence). */
  getOccurrenceDetails(idOrUuid: string, kind: MeetingKind): OccurrenceDetails {
    const encoded = encodeMeetingIdForPath(idOrUuid);

    // Webinar details exist only as a report; a token without the scope would be refused anyway.
    if (kind === 'webinar' && this.granted(SCOPES.reportWebinarDetails) === false) {
      throw new AddonError('ZOOM_SCOPE_MISSING', MESSAGES.scopeMissing([...SCOPES.reportWebinarDetails]), { scopes: [...SCOPES.reportWebinarDetails] });
    }

    const body = this.http.getJson(this.detailsPath(encoded, kind));
    const start = Date.parse(text(body.start_time));
    const end = Date.parse(text(body.end_time));

    return {
      meetingId: text(body.id),
      uuid: text(body.uuid) || idOrUuid,
      topic: text(body.topic),
      startMilliseconds: start,
      endMilliseconds: end,
      hostEmail: text(body.user_email).toLowerCase(),
      ready: !Number.isNaN(start) && !Number.isNaN(end),
    };
  }

  /**
   * Reads every participant record of an occurrence. Admin tokens use the report endpoint; hosts who
   * are not admins use the past-meeting endpoint, and the report endpoint falls back to it on a
   * missing-scope, plan or permission error. When neither works, the error names what is missing.
   */
  listParticipants(uuid: string, kind: MeetingKind, occurrenceEndMilliseconds: number): ParticipantList {
    const reportScopes = kind === 'meeting' ? SCOPES.reportMeetingParticipants : SCOPES.reportWebinarParticipants;
    const pastScopes = kind === 'meeting' ? SCOPES.pastMeetingParticipants : SCOPES.pastWebinarParticipants;
    const hasReport = this.granted(reportScopes);
    const hasPast = this.granted(pastScopes);

    if (hasReport === false && hasPast === false) {
      throw new AddonError('ZOOM_SCOPE_MISSING', MESSAGES.scopeMissing([pastScopes[2], pastScopes[0]]), {
        scopes: [pastScopes[2], pastScopes[0]],
      });
    }

    if (hasReport !== false && !this.reportUnavailable) {
      try {
        return this.readParticipants('report', uuid, kind, occurrenceEndMilliseconds);
      } catch (error) {
        if (!allowsFallback(error) || hasPast === false) throw error;

        this.reportUnavailable = true;

        try {
          return this.readParticipants(kind === 'meeting' ? 'past_meetings' : 'past_webinars', uuid, kind, occurrenceEndMilliseconds);
        } catch (pastError) {
          // Both failed: a missing scope on the user-level endpoint is the actionable message.
          if (allowsFallback(pastError) && isAddonError(error, 'ZOOM_PLAN_UNSUPPORTED')) throw error;

          throw pastError;
        }
      }
    }

    return this.readParticipants(kind === 'meeting' ? 'past_meetings' : 'past_webinars', uuid, kind, occurrenceEndMilliseconds);
  }

  private readParticipants(
    source: ParticipantSource,
    uuid: string,
    kind: MeetingKind,
    occurrenceEndMilliseconds: number,
  ): ParticipantList {
    const encoded = encodeMeetingIdForPath(uuid);
    const path =
      source === 'report'
        ? `/report/${kind === 'meeting' ? 'meetings' : 'webinars'}/${encoded}/participants`
        : `/${source}/${encoded}/participants`;
    const page = this.http.getAllPages<unknown>(path, 'participants', source === 'report' ? { include_fields: 'registrant_id' } : {});
    const processed = processParticipants(page.items, occurrenceEndMilliseconds);

    return { ...processed, source, recordCount: page.items.length, totalRecords: page.totalRecords };
  }
}
