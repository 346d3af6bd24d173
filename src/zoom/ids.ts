/**
 * Meeting input parsing and the path encoding Zoom requires for occurrence UUIDs.
 */
import { AddonError } from '../errors';

export type MeetingReference =
  | { kind: 'id'; meetingId: string }
  | { kind: 'uuid'; uuid: string };

/** Zoom meeting and webinar IDs have 9 to 11 digits (10 for a personal meeting ID). */
const MEETING_ID_PATTERN = /^\d{9,11}$/;

/** An occurrence UUID is 16 bytes in base64: 22 characters and "==". */
const UUID_PATTERN = /^[A-Za-z0-9+/]{22}==$/;

/** A join link on zoom.us or any subdomain, with or without the scheme (people paste both). */
const JOIN_URL_PATTERN =
  /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*zoom\.us\/(?:j|w|s|wc\/join)\/(\d{9,11})(?:[/?#].*)?$/i;

const WEB_CLIENT_URL_PATTERN = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*zoom\.us\/wc\/(\d{9,11})\/join(?:[/?#].*)?$/i;

/** A UUID copied out of a URL, with "/", "+" and "=" percent-encoded once. */
const ENCODED_UUID_PATTERN = /^(?:[A-Za-z0-9]|%2[BbFf]){22}(?:%3[Dd]){2}$/;

const MAX_QUOTED_INPUT_CHARACTERS = 80;

function quoteInput(input: string): string {
  const visible =
    input.length > MAX_QUOTED_INPUT_CHARACTERS
      ? `${input.slice(0, MAX_QUOTED_INPUT_CHARACTERS)}...`
      : input;

  return `"${visible}"`;
}

/**
 * Parses what a user typed: a meeting or webinar ID (spaces and dashes allowed), a join link on any
 * zoom.us host, or an occurrence UUID. Throws INVALID_INPUT quoting the input otherwise.
 */
export function parseMeetingReference(rawInput: unknown): MeetingReference {
  const input =
    typeof rawInput === 'string' ? rawInput.trim() : typeof rawInput === 'number' && Number.isSafeInteger(rawInput) ? String(rawInput) : '';

  if (input === '') {
    throw new AddonError(
      'INVALID_INPUT',
      'No meeting given. Enter a Zoom meeting ID (for example 857 4606 5432), a join link or an ' +
        'occurrence UUID.',
    );
  }

  const digits = input.replace(/[\s-]/g, '');

  if (/^[\d\s-]+$/.test(input) && MEETING_ID_PATTERN.test(digits)) {
    return { kind: 'id', meetingId: digits };
  }

  const urlMatch = JOIN_URL_PATTERN.exec(input) ?? WEB_CLIENT_URL_PATTERN.exec(input);

  if (urlMatch?.[1] !== undefined) return { kind: 'id', meetingId: urlMatch[1] };

  if (UUID_PATTERN.test(input)) return { kind: 'uuid', uuid: input };

  if (ENCODED_UUID_PATTERN.test(input)) return { kind: 'uuid', uuid: decodeURIComponent(input) };

  throw new AddonError(
    'INVALID_INPUT',
    `${quoteInput(input)} is not a Zoom meeting ID, join link or meeting UUID. Enter the 9 to 11 ` +
      'digit meeting ID (spaces and dashes are fine), a join link such as ' +
      'https://zoom.us/j/85746065432, or an occurrence UUID such as Hq2LmNo5Pq8RsTu1VwXyZw==.',
  );
}

/**
 * Encodes an occurrence UUID for a URL path segment. Zoom's router decodes the path before routing,
 * so a UUID that starts with "/" or contains "//" must be encoded twice; any other UUID once, which
 * still protects "+", "=" and a single "/".
 * https://developers.zoom.us/docs/api/meetings/#tag/meetings/GET/past_meetings/{meetingId}/participants
 */
export function encodeMeetingIdForPath(idOrUuid: string): string {
  const once = encodeURIComponent(idOrUuid);

  if (idOrUuid.startsWith('/') || idOrUuid.includes('//')) return encodeURIComponent(once);

  return once;
}
