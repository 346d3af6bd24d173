/**
 * Roster matching and attendance flags: pure functions over plain data, so the summary sheet's
 * numbers are tested without a spreadsheet. Matching is exact, never fuzzy: by email, then by an
 * alias (a display name or an email), then by the normalised name.
 */

export interface RosterPerson {
  name: string;
  /** Lower-cased; empty when the roster row has none. */
  email: string;
  aliases: string[];
}

/** One row of the attendance table, with its dates as epoch milliseconds. */
export interface AttendanceFact {
  meetingId: string;
  meetingUuid: string;
  topic: string;
  meetingStart: number;
  meetingEnd: number;
  name: string;
  email: string;
  firstJoin: number;
  lastLeave: number;
  minutesAttended: number;
  attendancePercent: number;
  participantKey: string;
  /** The endpoint the row came from: `report`, `past_meetings` or `past_webinars`. */
  source: string;
}

export interface SummarySettings {
  /** A first join more than this many minutes after the start is late. */
  lateMinutes: number;
  /** A last leave more than this many minutes before the end is leaving early. */
  leftEarlyMinutes: number;
  /** Attendance % at or above this counts as present. */
  presentThresholdPercent: number;
  /** The number the matrix cells show: minutes attended or attendance %. */
  matrixValue: 'minutes' | 'percent';
}

export const DEFAULT_SUMMARY_SETTINGS: SummarySettings = {
  lateMinutes: 5,
  leftEarlyMinutes: 5,
  presentThresholdPercent: 75,
  matrixValue: 'minutes',
};

export type MatchMethod = 'email' | 'alias' | 'name';

export type MatchResult =
  | { kind: 'matched'; personIndex: number; by: MatchMethod }
  /** More than one roster person has the same email, alias or name, so no person is chosen. */
  | { kind: 'ambiguous'; personIndexes: number[]; by: MatchMethod }
  | { kind: 'unmatched' };

/** Trims, case-folds and collapses inner runs of whitespace, as the attendance table's `name:` keys do. */
export function normalizeName(value: string): string {
  return value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Splits a roster Aliases cell on commas and semicolons. */
export function parseAliases(cell: string): string[] {
  return cell
    .split(/[,;]/)
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');
}

export interface RosterIndex {
  byEmail: Map<string, number[]>;
  /** Aliases that are emails, lower-cased. */
  byAliasEmail: Map<string, number[]>;
  /** Aliases that are display names, normalised. */
  byAliasName: Map<string, number[]>;
  byName: Map<string, number[]>;
}

function add(map: Map<string, number[]>, key: string, index: number): void {
  if (key === '') return;

  const list = map.get(key) ?? [];

  if (!list.includes(index)) list.push(index);

  map.set(key, list);
}

export function indexRoster(people: readonly RosterPerson[]): RosterIndex {
  const index: RosterIndex = { byEmail: new Map(), byAliasEmail: new Map(), byAliasName: new Map(), byName: new Map() };

  people.forEach((person, i) => {
    add(index.byEmail, normalizeEmail(person.email), i);
    add(index.byName, normalizeName(person.name), i);

    for (const alias of person.aliases) {
      if (alias.includes('@')) add(index.byAliasEmail, normalizeEmail(alias), i);
      else add(index.byAliasName, normalizeName(alias), i);
    }
  });

  return index;
}

function decide(candidates: number[], by: MatchMethod): MatchResult | null {
  if (candidates.length === 0) return null;

  if (candidates.length === 1) return { kind: 'matched', personIndex: candidates[0] ?? -1, by };

  return { kind: 'ambiguous', personIndexes: [...candidates].sort((a, b) => a - b), by };
}

/**
 * Matches one attendee to the roster: email first, then an alias equal to the attendee's email or
 * normalised name, then the normalised name. The first step with any candidate decides, so two roster
 * people with the same name make a name-only match ambiguous instead of picking one.
 */
export function matchAttendee(index: RosterIndex, attendee: { name: string; email: string }): MatchResult {
  const email = normalizeEmail(attendee.email);
  const name = normalizeName(attendee.name);
  const byEmail = decide(email === '' ? [] : index.byEmail.get(email) ?? [], 'email');

  if (byEmail !== null) return byEmail;

  const aliasCandidates = [...(email === '' ? [] : index.byAliasEmail.get(email) ?? []), ...(name === '' ? [] : index.byAliasName.get(name) ?? [])];
  const byAlias = decide([...new Set(aliasCandidates)], 'alias');

  if (byAlias !== null) return byAlias;

  return decide(name === '' ? [] : index.byName.get(name) ?? [], 'name') ?? { kind: 'unmatched' };
}

/** A person's attendance at one occurrence, merged from their rows, with its flags. */
export interface OccurrenceCell {
  /** `none`: not expected there (an unmatched attendee who did not come), shown empty. */
  state: 'attended' | 'absent' | 'none';
  minutes: number;
  percent: number;
  late: boolean;
  leftEarly: boolean;
  present: boolean;
}

const MINUTE_MILLISECONDS = 60_000;

export const EMPTY_CELL: OccurrenceCell = { state: 'none', minutes: 0, percent: 0, late: false, leftEarly: false, present: false };

export const ABSENT_CELL: OccurrenceCell = { ...EMPTY_CELL, state: 'absent' };

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Merges a person's rows of one occurrence and flags them. Late and left early compare against the
 * occurrence's start and end strictly, so exactly N minutes is neither. Two rows of one person (two
 * Zoom identities matched to the same roster person) add up their minutes and percentages, capped at
 * the meeting's length and 100 %.
 */
export function flagOccurrence(rows: readonly AttendanceFact[], settings: SummarySettings): OccurrenceCell {
  const first = rows[0];

  if (first === undefined) return ABSENT_CELL;

  // NOTE: the table keeps no intervals, so overlapping time of two rows counts twice up to the cap.
  const lengthMinutes = Math.max(0, (first.meetingEnd - first.meetingStart) / MINUTE_MILLISECONDS);
  const minutes = Math.min(lengthMinutes, rows.reduce((sum, row) => sum + row.minutesAttended, 0));
  const percent = Math.min(100, rows.reduce((sum, row) => sum + row.attendancePercent, 0));
  const firstJoin = Math.min(...rows.map((row) => row.firstJoin));
  const lastLeave = Math.max(...rows.map((row) => row.lastLeave));

  return {
    state: 'attended',
    minutes: roundToTenth(minutes),
    percent: roundToTenth(percent),
    late: firstJoin - first.meetingStart > settings.lateMinutes * MINUTE_MILLISECONDS,
    leftEarly: first.meetingEnd - lastLeave > settings.leftEarlyMinutes * MINUTE_MILLISECONDS,
    present: roundToTenth(percent) >= settings.presentThresholdPercent,
  };
}

/** Describes a cell's flags in words: present or below the threshold, late, left early, or absent. */
export function describeFlags(cell: OccurrenceCell, settings: SummarySettings): string {
  if (cell.state === 'none') return '';

  if (cell.state === 'absent') return 'absent';

  const words = [cell.present ? 'present' : `below ${settings.presentThresholdPercent} %`];

  if (cell.late) words.push('late');

  if (cell.leftEarly) words.push('left early');

  return words.join(', ');
}
