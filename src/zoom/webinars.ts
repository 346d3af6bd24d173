/**
 * Registered webinar attendees who did not attend, from GET /past_webinars/{webinarUUID}/absentees
 * (Zoom's Webinars API: registration-required webinars only, every page, scope webinar:read or
 * webinar:read:list_absentees; https://developers.zoom.us/docs/api/meetings/#tag/webinars).
 */
import { isAddonError } from '../errors';
import type { ZoomConfig } from './config';
import { ZoomHttp } from './http';
import { encodeMeetingIdForPath } from './ids';
import { OAuthTokenSource } from './oauth';

/** Zoom's code for "This Webinar has not registration required": it has no registrants to list. */
const NO_REGISTRATION_CODE = 3000;

export interface WebinarRegistrant {
  name: string;
  /** Lower-cased. */
  email: string;
  registrantId: string;
  status: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Wires a Zoom HTTP client for one execution, as the importer's client does. */
export function createZoomHttp(config: ZoomConfig): ZoomHttp {
  return new ZoomHttp(new OAuthTokenSource(config), {
    fetch: (url, params) => UrlFetchApp.fetch(url, params),
    sleep: (milliseconds) => Utilities.sleep(milliseconds),
    random: () => Math.random(),
    now: () => Date.now(),
  });
}

/**
 * Lists the absentees of one webinar occurrence, every page. The occurrence UUID is encoded like a
 * meeting UUID (twice when it starts with "/" or contains "//"). Returns an empty list for a webinar
 * without registration; other Zoom errors are thrown as AddonErrors.
 */
export function listWebinarAbsentees(http: ZoomHttp, occurrenceUuid: string): WebinarRegistrant[] {
  const path = `/past_webinars/${encodeMeetingIdForPath(occurrenceUuid)}/absentees`;
  let items: unknown[];

  try {
    items = http.getAllPages<unknown>(path, 'registrants').items;
  } catch (error) {
    if (isAddonError(error) && error.details.zoomCode === NO_REGISTRATION_CODE) return [];

    throw error;
  }

  return items
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    .map((item) => ({
      name: `${text(item.first_name)} ${text(item.last_name)}`.trim(),
      email: text(item.email).toLowerCase(),
      registrantId: text(item.id),
      status: text(item.status),
    }));
}
