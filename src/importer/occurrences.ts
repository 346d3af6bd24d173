/**
 * Resolves what the user asked for into the occurrences to import. A numeric ID means every ended
 * occurrence (Zoom resolves a bare ID to the latest occurrence only), so recurring and restarted
 * meetings are complete.
 */
import { AddonError, isAddonError } from '../errors';
import type { MeetingKind, OccurrenceRef, ZoomApi } from '../zoom/api';
import type { MeetingReference } from '../zoom/ids';

export interface OccurrencePlan {
  kind: MeetingKind;
  /** The numeric meeting ID when known before reading details. */
  meetingId: string;
  occurrences: OccurrenceRef[];
  warnings: string[];
}

const UUID_PATTERN = /^[A-Za-z0-9+/]{22}==$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function localDate(startTime: string, timeZone: string): string {
  const start = new Date(startTime);

  return Number.isNaN(start.getTime()) ? '' : Utilities.formatDate(start, timeZone, 'yyyy-MM-dd');
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);

  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Keeps the occurrence the user picked, by UUID or by its local start date. */
export function selectOccurrences(
  occurrences: OccurrenceRef[],
  choice: string | undefined,
  timeZone: string,
  meetingId: string,
): OccurrenceRef[] {
  const typed = (choice ?? '').trim();
  // A UUID copied from a URL arrives percent-encoded (%2B, %2F, %3D).
  const wanted = /%[0-9A-Fa-f]{2}/.test(typed) ? safeDecode(typed) : typed;

  if (wanted === '' || wanted.toLowerCase() === 'all') return occurrences;

  if (!UUID_PATTERN.test(wanted) && !DATE_PATTERN.test(wanted)) {
    throw new AddonError(
      'INVALID_INPUT',
      `"${wanted}" is not an occurrence: enter a date as yyyy-mm-dd, an occurrence UUID, or leave it empty to import every occurrence`,
    );
  }

  if (DATE_PATTERN.test(wanted) && !isCalendarDate(wanted)) {
    throw new AddonError('INVALID_INPUT', `"${wanted}" is not a valid date: enter the occurrence's date as yyyy-mm-dd, for example 2024-05-06`);
  }

  const picked = occurrences.filter((o) => o.uuid === wanted || localDate(o.startTime, timeZone) === wanted);

  if (picked.length > 0) return picked;

  const dates = occurrences.map((o) => localDate(o.startTime, timeZone)).filter((d) => d !== '');

  throw new AddonError(
    'INVALID_INPUT',
    `Meeting ${meetingId} has no ended occurrence on "${wanted}". ` +
      (dates.length > 0 ? `Its occurrences are on ${[...new Set(dates)].join(', ')}.` : 'Zoom lists no ended occurrence.'),
  );
}

export function planOccurrences(
  api: ZoomApi,
  reference: MeetingReference,
  choice: string | undefined,
  timeZone: string,
  pickOccurrence?: (choices: OccurrenceRef[]) => string | undefined,
): OccurrencePlan {
  if (reference.kind === 'uuid') {
    return { kind: detectKind(api, reference.uuid), meetingId: '', occurrences: [{ uuid: reference.uuid, startTime: '' }], warnings: [] };
  }

  const listed = api.listOccurrences(reference.meetingId);

  if (listed.occurrences.length > 0) {
    const chosen =
      (choice === undefined || choice.trim() === '') && listed.occurrences.length > 1 && pickOccurrence !== undefined
        ? pickOccurrence(listed.occurrences)
        : choice;

    return {
      kind: listed.kind,
      meetingId: reference.meetingId,
      occurrences: selectOccurrences(listed.occurrences, chosen, timeZone, reference.meetingId),
      warnings: [],
    };
  }

  // Zoom listed no occurrence: the bare ID still reaches the latest one.
  const latest = api.getOccurrenceDetails(reference.meetingId, listed.kind);

  return {
    kind: listed.kind,
    meetingId: reference.meetingId,
    occurrences: [{ uuid: latest.uuid, startTime: new Date(latest.startMilliseconds).toISOString() }],
    warnings: [`Zoom listed no ended occurrences of ${reference.meetingId}, so only its latest occurrence was imported`],
  };
}

function detectKind(api: ZoomApi, uuid: string): MeetingKind {
  try {
    api.getOccurrenceDetails(uuid, 'meeting');

    return 'meeting';
  } catch (error) {
    if (!isAddonError(error, 'MEETING_NOT_FOUND')) throw error;

    return 'webinar';
  }
}
