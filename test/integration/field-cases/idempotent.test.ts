/**
 * Re-imports through the built bundle: the same data leaves the sheet identical, a late record
 * appends one row, and a user's own columns keep their values on the right rows after the user
 * sorts, filters, or inserts a column into the table.
 */
import { SheetFilter } from '../../../local/runtime/world/sheet-filter';
import { startOffline, type Offline } from '../harness';
import { hostRecord, meetingOf, sessionOf, type ImportResult, type ZoomRecord } from './fixtures';

const UUID = 'Hq2LmNo5Pq8RsTu1VwXyZw==';
const START = '2024-05-06T09:00:00Z';
const END = '2024-05-06T10:00:00Z';

function learner(n: number): ZoomRecord {
  return {
    id: `LearnerUniversalId${String(n).padStart(4, '0')}`,
    user_id: String(16778240 + n * 1024),
    name: `Learner ${String(n).padStart(2, '0')}`,
    user_email: `learner${n}@example.edu`,
    join_time: `2024-05-06T09:${String(n).padStart(2, '0')}:00Z`,
    leave_time: END,
  };
}

/** The host and 11 learners: 12 records, 12 people. */
const twelve: ZoomRecord[] = [hostRecord(START, END), ...Array.from({ length: 11 }, (_, i) => learner(i + 1))];
const meeting = meetingOf({ id: 85746065432, uuid: UUID, startTime: START, endTime: END, records: twelve });
const MEETING_ID = String(meeting.id);
const NOTES_COLUMN = 15;

let offline: Offline;

beforeEach(async () => {
  offline = await startOffline({ meetings: [meeting] });
  await offline.connect();
});

afterEach(async () => {
  await offline.stop();
});

function importMeeting(): ImportResult {
  return offline.call<ImportResult>('importAttendance', MEETING_ID);
}

function snapshot(): unknown {
  const sheet = offline.sheet('Sheet1');

  return { values: sheet.values(), formulas: sheet.formulas(), formats: sheet.numberFormats() };
}

/** Adds a 13th record, as when Zoom finishes processing a late join. */
async function addLateRecord(): Promise<void> {
  const late: ZoomRecord = { ...learner(12), join_time: '2024-05-06T09:30:00Z' };

  await offline.emulator.updateOccurrence(meeting.id, UUID, { sessions: [...twelve, late].map(sessionOf) });
}

/** Writes a Notes column to the right of the table: one note per row naming the row's participant key. */
function writeNotes(): void {
  const sheet = offline.sheet('Sheet1');
  const [header, ...rows] = sheet.values();
  const keyColumn = (header ?? []).indexOf('Participant key');

  sheet.typeValues(1, NOTES_COLUMN, [['Notes'], ...rows.map((row) => [`note for ${String(row[keyColumn])}`])]);
}

/** Maps each row's participant key to the note in its Notes cell. */
function notesByKey(): Map<string, string> {
  const [header, ...rows] = offline.sheet('Sheet1').values();
  const names = (header ?? []).map(String);
  const keyColumn = names.indexOf('Participant key');
  const notesColumn = names.indexOf('Notes');

  return new Map(rows.map((row) => [String(row[keyColumn]), String(row[notesColumn] ?? '')]));
}

function expectNotesOnTheirRows(withoutNote: string[] = []): void {
  for (const [key, note] of notesByKey()) {
    if (withoutNote.includes(key)) expect(note).toBe('');
    else expect(note).toBe(`note for ${key}`);
  }
}

test('importing twice leaves the sheet identical', () => {
  const first = importMeeting();
  const before = snapshot();
  const second = importMeeting();

  expect(first.rowsAdded).toBe(12);
  expect(second.rowsAdded).toBe(0);
  expect(second.rowsUpdated).toBe(0);
  expect(snapshot()).toEqual(before);
});

test('a late record appends one row and the notes stay on their rows', async () => {
  importMeeting();
  writeNotes();
  await addLateRecord();

  const summary = importMeeting();

  expect(summary.rowsAdded).toBe(1);
  expect(summary.rowsUpdated).toBe(0);
  expect(offline.table()).toHaveLength(13);
  expect(offline.table().at(-1)?.Name).toBe('Learner 12');
  expectNotesOnTheirRows(['zoom:LearnerUniversalId0012']);
});

test('the table is found again after the user sorts it', async () => {
  importMeeting();
  writeNotes();
  offline.sheet('Sheet1').sortByColumn(6, false);

  const sortedNames = offline.table().map((row) => row.Name);

  expect(importMeeting()).toMatchObject({ rowsAdded: 0, rowsUpdated: 0 });
  expect(offline.table().map((row) => row.Name)).toEqual(sortedNames);

  await addLateRecord();

  expect(importMeeting()).toMatchObject({ rowsAdded: 1, rowsUpdated: 0 });
  expect(offline.table()).toHaveLength(13);
  expectNotesOnTheirRows(['zoom:LearnerUniversalId0012']);
});

test('the table is found again with a filter hiding rows', async () => {
  importMeeting();
  writeNotes();

  const sheet = offline.sheet('Sheet1');
  const filter = new SheetFilter({ row: 1, column: 1, rows: sheet.lastRow(), columns: NOTES_COLUMN }, sheet);

  filter.setColumnCriteria(6, { hiddenValues: ['Learner 01', 'Learner 02'], visibleValues: [] });
  sheet.filter = filter;

  expect(filter.hiddenRows()).toHaveLength(2);

  await addLateRecord();

  expect(importMeeting()).toMatchObject({ rowsAdded: 1, rowsUpdated: 0 });
  expect(offline.table()).toHaveLength(13);
  expect(new Set(offline.table().map((row) => row['Participant key'])).size).toBe(13);
  expectNotesOnTheirRows(['zoom:LearnerUniversalId0012']);
});

test('the table is found again after a column is inserted in the middle', async () => {
  importMeeting();
  writeNotes();

  const sheet = offline.sheet('Sheet1');

  sheet.insertColumnsAfter(6, 1);
  sheet.typeValues(1, 7, [['Nickname'], ['Boss']]);
  await addLateRecord();

  expect(importMeeting()).toMatchObject({ rowsAdded: 1, rowsUpdated: 0 });

  const rows = offline.table();
  const late = rows.find((row) => row['Participant key'] === 'zoom:LearnerUniversalId0012');

  expect(rows).toHaveLength(13);
  expect(rows[0]?.Nickname).toBe('Boss');
  expect(late?.Nickname).toBe('');
  expect(late?.Name).toBe('Learner 12');
  expect(late?.Email).toBe('learner12@example.edu');
  expect((late?.['First join'] as Date).toISOString()).toBe('2024-05-06T09:30:00.000Z');
  expect(offline.sheet('Sheet1').values()[0]?.slice(0, 8)).toEqual([
    'Meeting ID', 'Meeting UUID', 'Topic', 'Meeting start', 'Meeting end', 'Name', 'Nickname', 'Email',
  ]);
  expectNotesOnTheirRows(['zoom:LearnerUniversalId0012']);
});

test('a changed record updates its row in place', async () => {
  importMeeting();
  writeNotes();

  const changed = twelve.map((record) => (record.name === 'Learner 03' ? { ...record, leave_time: '2024-05-06T09:33:00Z' } : record));

  await offline.emulator.updateOccurrence(meeting.id, UUID, { sessions: changed.map(sessionOf) });

  expect(importMeeting()).toMatchObject({ rowsAdded: 0, rowsUpdated: 1 });
  expect(offline.table().find((row) => row.Name === 'Learner 03')?.['Minutes attended']).toBe(30);
  expectNotesOnTheirRows();
});
