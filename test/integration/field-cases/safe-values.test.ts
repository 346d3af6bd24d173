/**
 * Text that participants type, through the built bundle into the Sheets stand-in, which parses
 * strings as Sheets does. Every name comes back as the literal text, never a formula, number or date.
 * Control characters collapse and emoji stay. An oversized name is cut with a marker, and every other
 * row is still written.
 */
import { MAX_CELL_CHARACTERS } from '../../../src/sheets/cells';
import { startOffline, type Offline } from '../harness';
import { hostRecord, meetingOf, rowByKey, type ImportResult, type Row, type ZoomRecord } from './fixtures';

const START = '2024-05-06T09:00:00Z';
const END = '2024-05-06T10:00:00Z';
/** A UUID starting with "+" must stay a UUID, not become a number or a formula. */
const UUID = '+Zk3fQx9TbWm1aB7cD2eFg==';

/** Names that Sheets would turn into formulas, numbers or dates, each typed by a different guest, and what the cell must show. */
const NAMES: Array<[string, string]> = [
  ['=HYPERLINK("http://example.invalid/x","Click")', '=HYPERLINK("http://example.invalid/x","Click")'],
  ['+44 20 7946 0000', '+44 20 7946 0000'],
  ['-Sam', '-Sam'],
  ['@here', '@here'],
  ['007', '007'],
  ['1/2', '1/2'],
  ["Zoë 👋 O'Neil", "Zoë 👋 O'Neil"],
  ['  Lee\tKim \n', 'Lee Kim'],
  ['Ctrl\u0000\u0007Char\u001b[31mRed', 'Ctrl Char [31mRed'],
];
const LONG_NAME = `Long${'n'.repeat(60_000)}`;

function guest(name: string, index: number): ZoomRecord {
  return {
    id: '',
    user_id: String(16778240 + index * 1024),
    name,
    user_email: '',
    join_time: `2024-05-06T09:${String(index + 1).padStart(2, '0')}:00Z`,
    leave_time: END,
  };
}

const meeting = {
  ...meetingOf({
    id: 85746065432,
    uuid: UUID,
    startTime: START,
    endTime: END,
    records: [
      hostRecord(START, END),
      ...NAMES.map(([name], i) => guest(name, i)),
      guest(LONG_NAME, NAMES.length),
      { ...guest('Plus Tag', NAMES.length + 1), user_email: '+tag@example.org' },
    ],
  }),
  topic: '=1+1 Maths; 3/4 of the class',
};

let offline: Offline;
let summary: ImportResult;
let rows: Row[];

beforeAll(async () => {
  offline = await startOffline({ meetings: [meeting] });
  await offline.connect();
  summary = offline.call<ImportResult>('importAttendance', String(meeting.id));
  rows = offline.table();
});

afterAll(async () => {
  await offline.stop();
});

test('every row is written, the long name included', () => {
  expect(rows).toHaveLength(NAMES.length + 3);
  expect(summary.rowsAdded).toBe(NAMES.length + 3);
});

test('no cell anywhere holds a formula', () => {
  expect(offline.sheet('Sheet1').formulas().flat().filter((formula) => formula !== '')).toEqual([]);
});

test.each(NAMES)('%j shows as %j', (_typed, shown) => {
  const names = offline.sheet('Sheet1').displayValues().map((row) => row[5]);

  expect(names).toContain(shown);
});

test.each(['+44 20 7946 0000', '007', '1/2', '-Sam'])('%s is stored as a string', (name) => {
  const row = rowByKey(rows, `name:${name.toLowerCase()}`);

  expect(typeof row.Name).toBe('string');
  expect(row.Name).toBe(name);
});

test('emoji and accents are kept in the name and the key', () => {
  const row = rowByKey(rows, "name:zoë 👋 o'neil");

  expect(row.Name).toBe("Zoë 👋 O'Neil");
});

test('the control characters are collapsed in the name and the key', () => {
  expect(rowByKey(rows, 'name:lee kim').Name).toBe('Lee Kim');
});

test('the UUID, topic and email stay literal text', () => {
  const row = rowByKey(rows, 'email:+tag@example.org');

  expect(row['Meeting UUID']).toBe(UUID);
  expect(row.Topic).toBe('=1+1 Maths; 3/4 of the class');
  expect(row.Email).toBe('+tag@example.org');
});

test('the long name is cut with a marker that counts the cut', () => {
  const row = rows.find((candidate) => String(candidate.Name).startsWith('Longnnn'));
  const name = String(row?.Name);
  const cut = Number(/… \[truncated (\d+) characters\]$/.exec(name)?.[1]);

  expect(name.length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
  expect(name.indexOf('…') + cut).toBe(LONG_NAME.length);
  expect(String(row?.['Participant key']).length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
});

test('importing again keeps the same rows, the long one included', () => {
  const before = offline.sheet('Sheet1').values();
  const again = offline.call<ImportResult>('importAttendance', String(meeting.id));

  expect(again.rowsAdded).toBe(0);
  expect(again.rowsUpdated).toBe(0);
  expect(offline.sheet('Sheet1').values()).toEqual(before);
});
