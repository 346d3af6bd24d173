/**
 * The summary as data: one line per roster person (absentees included), then one per unmatched
 * attendee, then webinar registrants who never attended, each with one cell per occurrence. Pure, so
 * it is tested without a spreadsheet; the sheet module only lays it out.
 */
import {
  ABSENT_CELL,
  EMPTY_CELL,
  flagOccurrence,
  indexRoster,
  matchAttendee,
  type AttendanceFact,
  type MatchMethod,
  type OccurrenceCell,
  type RosterPerson,
  type SummarySettings,
} from './matching';

/** A registered webinar attendee Zoom lists as absent from one occurrence. */
export interface WebinarAbsentee {
  meetingUuid: string;
  name: string;
  /** Lower-cased. */
  email: string;
}

export interface SummaryOccurrence {
  meetingId: string;
  meetingUuid: string;
  topic: string;
  meetingStart: number;
  meetingEnd: number;
}

export type LineKind = 'roster' | 'unmatched' | 'registrant';

export interface SummaryLine {
  kind: LineKind;
  name: string;
  email: string;
  /** The way the line's rows were matched, or the reason an attendee stayed unmatched. */
  note: string;
  /** One per occurrence, in the summary's occurrence order. */
  cells: OccurrenceCell[];
}

export interface AttendanceSummary {
  occurrences: SummaryOccurrence[];
  lines: SummaryLine[];
  /** People flagged present, per occurrence. */
  presentPerOccurrence: number[];
}

export interface SummaryInput {
  roster: readonly RosterPerson[];
  rows: readonly AttendanceFact[];
  absentees: readonly WebinarAbsentee[];
  settings: SummarySettings;
}

/** Attendance rows collected for one line, per occurrence UUID. */
interface LineDraft {
  kind: LineKind;
  name: string;
  email: string;
  methods: Set<MatchMethod>;
  ambiguity: string;
  rows: Map<string, AttendanceFact[]>;
  absentFrom: Set<string>;
}

function newDraft(kind: LineKind, name: string, email: string): LineDraft {
  return { kind, name, email, methods: new Set(), ambiguity: '', rows: new Map(), absentFrom: new Set() };
}

function listOccurrences(rows: readonly AttendanceFact[]): SummaryOccurrence[] {
  const byUuid = new Map<string, SummaryOccurrence>();

  for (const row of rows) {
    if (byUuid.has(row.meetingUuid)) continue;

    byUuid.set(row.meetingUuid, {
      meetingId: row.meetingId,
      meetingUuid: row.meetingUuid,
      topic: row.topic,
      meetingStart: row.meetingStart,
      meetingEnd: row.meetingEnd,
    });
  }

  return [...byUuid.values()].sort((a, b) => a.meetingStart - b.meetingStart || a.meetingUuid.localeCompare(b.meetingUuid));
}

function describeAmbiguity(roster: readonly RosterPerson[], indexes: number[], by: MatchMethod): string {
  const names = indexes.map((i) => roster[i]?.name ?? '').join(' and ');
  // The match method is the word the message uses: email, alias or name.
  return `not matched: the ${by} fits ${indexes.length} roster people (${names})`;
}

function pushRow(draft: LineDraft, row: AttendanceFact): void {
  const list = draft.rows.get(row.meetingUuid) ?? [];

  list.push(row);
  draft.rows.set(row.meetingUuid, list);
}

/** Builds the summary from the whole attendance table, the roster and the webinar absentees. */
export function buildSummary(input: SummaryInput): AttendanceSummary {
  const occurrences = listOccurrences(input.rows);
  const index = indexRoster(input.roster);
  const rosterLines = input.roster.map((person) => newDraft('roster', person.name, person.email));
  const unmatchedLines = new Map<string, LineDraft>();

  for (const row of input.rows) {
    const match = matchAttendee(index, row);

    if (match.kind === 'matched') {
      const draft = rosterLines[match.personIndex];

      if (draft === undefined) continue;

      draft.methods.add(match.by);
      pushRow(draft, row);
      continue;
    }

    const key = row.participantKey || `name:${row.name}`;
    const draft = unmatchedLines.get(key) ?? newDraft('unmatched', row.name, row.email);

    if (match.kind === 'ambiguous') draft.ambiguity = describeAmbiguity(input.roster, match.personIndexes, match.by);

    draft.email = draft.email || row.email;
    unmatchedLines.set(key, draft);
    pushRow(draft, row);
  }

  const registrantLines = input.roster.length === 0 ? collectAbsentees(input.absentees, [...unmatchedLines.values()]) : [];
  const drafts = [...rosterLines, ...sortByName([...unmatchedLines.values()]), ...sortByName(registrantLines)];
  const lines = drafts.map((draft) => finishLine(draft, occurrences, input.settings));
  const presentPerOccurrence = occurrences.map((_, i) => lines.filter((line) => line.cells[i]?.present === true).length);

  return { occurrences, lines, presentPerOccurrence };
}

/**
 * Marks webinar registrants absent when the roster is empty: on the unmatched attendee with the same
 * email when there is one (a registrant who came to another occurrence), else on a line of its own.
 */
function collectAbsentees(absentees: readonly WebinarAbsentee[], attendees: LineDraft[]): LineDraft[] {
  const byEmail = new Map<string, LineDraft>();

  for (const draft of attendees) {
    if (draft.email !== '') byEmail.set(draft.email.toLowerCase(), draft);
  }

  const created: LineDraft[] = [];

  for (const absentee of absentees) {
    const key = absentee.email.toLowerCase();
    let draft = key === '' ? undefined : byEmail.get(key);

    if (draft === undefined) {
      draft = newDraft('registrant', absentee.name, absentee.email);
      created.push(draft);

      if (key !== '') byEmail.set(key, draft);
    }

    draft.absentFrom.add(absentee.meetingUuid);
  }

  return created;
}

function sortByName(drafts: LineDraft[]): LineDraft[] {
  return [...drafts].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.email.localeCompare(b.email));
}

function finishLine(draft: LineDraft, occurrences: SummaryOccurrence[], settings: SummarySettings): SummaryLine {
  const cells = occurrences.map((occurrence) => {
    const rows = draft.rows.get(occurrence.meetingUuid);

    if (rows !== undefined) return flagOccurrence(rows, settings);

    if (draft.kind === 'roster' || draft.absentFrom.has(occurrence.meetingUuid)) return ABSENT_CELL;

    return EMPTY_CELL;
  });

  return { kind: draft.kind, name: draft.name, email: draft.email, note: noteFor(draft), cells };
}

function noteFor(draft: LineDraft): string {
  if (draft.kind === 'registrant') return 'registered, did not attend';

  if (draft.kind === 'unmatched') return draft.ambiguity === '' ? 'not on the roster' : draft.ambiguity;

  if (draft.methods.size === 0) return 'no attendance';

  const order: MatchMethod[] = ['email', 'alias', 'name'];

  return `matched by ${order.filter((method) => draft.methods.has(method)).join(', ')}`;
}
