import { Clock } from '../../../local/runtime/clock';
import { SheetFilter } from '../../../local/runtime/world/sheet-filter';
import { World } from '../../../local/runtime/world/world';

function freshSheet(timeZone = 'Etc/UTC') {
  const world = new World({ clock: new Clock(Date.UTC(2024, 4, 6, 12, 0, 0)) });
  const spreadsheet = world.createSpreadsheet({ name: 'Attendance', timeZone });
  const sheet = spreadsheet.sheets()[0]!;

  return { world, spreadsheet, sheet };
}

function writeOne(input: unknown, options: { format?: string } = {}) {
  const { sheet } = freshSheet();
  const box = { row: 1, column: 1, rows: 1, columns: 1 };

  if (options.format !== undefined) sheet.setNumberFormats(box, [[options.format]]);

  sheet.setValues(box, [[input]]);

  return { value: sheet.values()[0]![0], formula: sheet.formulas()[0]![0], display: sheet.displayValues()[0]![0], format: sheet.numberFormats()[0]![0] };
}

describe('Sheets-like parsing of written strings', () => {
  test.each([
    ['007', 7],
    ['1e3', 1000],
    ['-5', -5],
    ['+5', 5],
    ['1,234.5', 1234.5],
    ['50%', 0.5],
    ['TRUE', true],
    ['false', false],
  ])('%s becomes %p', (input, expected) => {
    expect(writeOne(input).value).toBe(expected);
  });

  test('=HYPERLINK keeps its formula and shows the label', () => {
    const cell = writeOne('=HYPERLINK("https://zoom.us/j/1","Join")');

    expect(cell.formula).toBe('=HYPERLINK("https://zoom.us/j/1","Join")');
    expect(cell.value).toBe('Join');
  });

  test('arithmetic formula is computed', () => {
    const cell = writeOne('=1+2*3');

    expect(cell.value).toBe(7);
    expect(cell.formula).toBe('=1+2*3');
  });

  test('phone number with + is a formula parse error', () => {
    const cell = writeOne('+44 20 7946 0000');

    expect(cell.value).toBe('#ERROR!');
    expect(cell.formula).toBe('=+44 20 7946 0000');
  });

  test('-Sam is a formula with an unknown name', () => {
    const cell = writeOne('-Sam');

    expect(cell.value).toBe('#NAME?');
    expect(cell.formula).toBe('=-Sam');
  });

  test('@here stays text', () => {
    const cell = writeOne('@here');

    expect(cell.value).toBe('@here');
    expect(cell.formula).toBe('');
  });

  test('1/2 becomes January 2 of the current year', () => {
    const cell = writeOne('1/2');

    expect(Object.prototype.toString.call(cell.value)).toBe('[object Date]');
    expect((cell.value as Date).toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(cell.display).toBe('1/2');
  });

  test('ISO date and US date-time become dates in the sheet time zone', () => {
    const { sheet } = freshSheet('America/New_York');

    sheet.setValues({ row: 1, column: 1, rows: 1, columns: 2 }, [['2024-05-06', '5/6/2024 9:00']]);

    const [iso, us] = sheet.values()[0] as Date[];

    expect(iso!.toISOString()).toBe('2024-05-06T04:00:00.000Z');
    expect(us!.toISOString()).toBe('2024-05-06T13:00:00.000Z');
    expect(sheet.displayValues()[0]).toEqual(['2024-05-06', '5/6/2024 9:00']);
  });

  test.each(['007', '+44 20 7946 0000', '-Sam', '=HYPERLINK("x","y")', '1/2', 'TRUE'])('plain text format keeps %s literally', (input) => {
    const cell = writeOne(input, { format: '@' });

    expect(cell.value).toBe(input);
    expect(cell.formula).toBe('');
  });

  test.each(['007', '+44 20 7946 0000', '-Sam', '=1+1', '1/2'])('apostrophe keeps %s as text without the apostrophe', (input) => {
    const cell = writeOne(`'${input}`);

    expect(cell.value).toBe(input);
    expect(cell.formula).toBe('');
  });

  test('numbers, booleans and Dates pass through', () => {
    const date = new Date(Date.UTC(2024, 0, 1, 9, 30));

    expect(writeOne(42.5).value).toBe(42.5);
    expect(writeOne(true).value).toBe(true);
    expect((writeOne(date).value as Date).getTime()).toBe(date.getTime());
  });

  test('date shows with the cell format in the spreadsheet zone', () => {
    const { sheet } = freshSheet('Europe/Berlin');
    const box = { row: 1, column: 1, rows: 1, columns: 1 };

    sheet.setNumberFormats(box, [['yyyy-mm-dd hh:mm']]);
    sheet.setValues(box, [[new Date(Date.UTC(2024, 0, 15, 8, 5))]]);

    expect(sheet.displayValues()[0]![0]).toBe('2024-01-15 09:05');
  });

  test('over 50,000 characters throws and writes nothing', () => {
    const { sheet } = freshSheet();

    expect(() => sheet.setValues({ row: 1, column: 1, rows: 1, columns: 2 }, [['kept out', 'x'.repeat(50001)]])).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(sheet.lastRow()).toBe(0);
  });

  test('exactly 50,000 characters is accepted', () => {
    expect((writeOne('y'.repeat(50000)).value as string).length).toBe(50000);
  });

  test('setValues dimension mismatch uses Apps Script text', () => {
    const { sheet } = freshSheet();

    expect(() => sheet.setValues({ row: 1, column: 1, rows: 2, columns: 1 }, [['a']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.setValues({ row: 1, column: 1, rows: 1, columns: 2 }, [['a', 'b', 'c']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });
});

describe('sheet model operations', () => {
  test('sortByColumn moves whole rows below frozen rows', () => {
    const { sheet } = freshSheet();

    sheet.typeValues(1, 1, [['Name', 'Minutes'], ['Cy', 5], ['Al', 30], ['Bo', 12]]);
    sheet.frozenRows = 1;
    sheet.sortByColumn(2, false);

    expect(sheet.values()).toEqual([['Name', 'Minutes'], ['Al', 30], ['Bo', 12], ['Cy', 5]]);
  });

  test('filter hides rows but values still returns them', () => {
    const { sheet } = freshSheet();

    sheet.typeValues(1, 1, [['Name', 'Source'], ['Al', 'report'], ['Bo', 'past_meetings']]);
    sheet.filter = new SheetFilter({ row: 1, column: 1, rows: 3, columns: 2 }, sheet);
    sheet.filter.setColumnCriteria(2, { hiddenValues: ['report'], visibleValues: [] });

    expect(sheet.filter.hiddenRows()).toEqual([2]);
    expect(sheet.values()).toHaveLength(3);
  });

  test('deleteSheet removes the sheet from its spreadsheet', () => {
    const { spreadsheet } = freshSheet();
    const extra = spreadsheet.insertSheet('Zoom attendance');

    extra.deleteSheet();

    expect(spreadsheet.sheetByName('Zoom attendance')).toBeNull();
    expect(spreadsheet.sheets()).toHaveLength(1);
  });
});
