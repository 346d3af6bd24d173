/**
 * The end-to-end path through the built bundle: authorize, import by ID, and the numbers of the
 * generated class checked against values computed by hand from its description.
 */
import { generateClassMeeting } from '../../local/data/generators';
import { errorOf, startOffline, type Offline } from './harness';

const classMeeting = generateClassMeeting();
let offline: Offline;

beforeAll(async () => {
  offline = await startOffline({ meetings: [classMeeting] });
  await offline.connect();
});

afterAll(async () => {
  await offline.stop();
});

function row(name: string): Record<string, unknown> {
  const found = offline.table().find((r) => r.Name === name);

  if (found === undefined) throw new Error(`No row for ${name}`);

  return found;
}

describe('import by meeting ID', () => {
  let summary: { people: number; rowsAdded: number; rowsUpdated: number; source: string; warnings: string[]; occurrences: number };

  beforeAll(() => {
    summary = offline.call('importAttendance', String(classMeeting.id));
  });

  test('writes one row per admitted person', () => {
    expect(offline.table()).toHaveLength(13);
    expect(summary.rowsAdded).toBe(13);
    expect(summary.occurrences).toBe(1);
  });

  test('the header is the contract', () => {
    expect(offline.sheet('Sheet1').values()[0]).toEqual([
      'Meeting ID', 'Meeting UUID', 'Topic', 'Meeting start', 'Meeting end', 'Name', 'Email', 'First join',
      'Last leave', 'Minutes attended', 'Attendance %', 'Joins', 'Participant key', 'Source',
    ]);
    expect(offline.sheet('Sheet1').frozenRows).toBe(1);
  });

  test('two devices at once count once', () => {
    const dana = row('Dana Quinn');

    expect(dana['Minutes attended']).toBe(50);
    expect(dana['Attendance %']).toBe(83.3);
    expect(dana.Joins).toBe(2);
    expect((dana['First join'] as Date).toISOString()).toBe('2024-05-06T09:10:00.000Z');
    expect((dana['Last leave'] as Date).toISOString()).toBe('2024-05-06T10:00:00.000Z');
  });

  test('a rejoin is one row with the union of minutes', () => {
    const ben = row('Ben Okafor');

    expect(ben['Minutes attended']).toBe(54);
    expect(ben.Joins).toBe(2);
    expect(ben['Attendance %']).toBe(90);
  });

  test('a guest without email is kept, keyed by name', () => {
    const guest = row('Guest Chen');

    expect(guest.Email).toBe('');
    expect(guest['Participant key']).toBe('name:guest chen');
    expect(guest['Minutes attended']).toBe(53);
  });

  test('the dial-in name stays text', () => {
    expect(row('+44 20 7946 0000')['Minutes attended']).toBe(55);
    expect(offline.sheet('Sheet1').formulas().flat().filter((f) => f !== '')).toEqual([]);
  });

  test('waiting only gives no row and a warning', () => {
    expect(offline.table().some((r) => r.Name === 'Fay Never')).toBe(false);
    expect(summary.warnings.join('\n')).toMatch(/1 person in the occurrence of 2024-05-06 10:00 was only in the waiting room and never admitted, so they have no row/);
  });

  test('emails are lower-cased and rows say their source', () => {
    expect(row('Ada Lovelace').Email).toBe('ada.lovelace@example.edu');
    expect(summary.source).toBe('past_meetings');
    expect(offline.table().every((r) => r.Source === 'past_meetings')).toBe(true);
  });

  test('importing again changes nothing', () => {
    const before = offline.sheet('Sheet1').values();
    const again = offline.call<{ rowsAdded: number; rowsUpdated: number }>('importAttendance', String(classMeeting.id));

    expect(again.rowsAdded).toBe(0);
    expect(again.rowsUpdated).toBe(0);
    expect(offline.sheet('Sheet1').values()).toEqual(before);
  });
});

describe('bad input', () => {
  test('a meeting ID passed as a number imports', () => {
    expect(offline.call<{ meetingId: string }>('importAttendance', classMeeting.id).meetingId).toBe(String(classMeeting.id));
  });

  test('an impossible date is rejected as a date', () => {
    expect(errorOf(() => offline.call('importAttendance', String(classMeeting.id), '2024-13-45')).message).toBe(
      '"2024-13-45" is not a valid date: enter the occurrence\'s date as yyyy-mm-dd, for example 2024-05-06',
    );
  });

  test('an occurrence that is not text is rejected', () => {
    expect(errorOf(() => offline.call('importAttendance', String(classMeeting.id), 20240506)).message).toMatch(/^"20240506" is not an occurrence/);
  });

  test('an unknown UUID is named in the error', () => {
    expect(errorOf(() => offline.call('importAttendance', 'AAAAAAAAAAAAAAAAAAAAAA==')).message).toBe(
      'Zoom has no ended meeting or webinar occurrence with UUID "AAAAAAAAAAAAAAAAAAAAAA==": check the UUID, and that the connected Zoom user hosted it',
    );
  });

  test('tracking a meeting Zoom does not know is rejected', () => {
    expect(errorOf(() => offline.call('trackMeeting', '99999999999')).message).toMatch(/^Zoom has no ended meeting or webinar with ID 99999999999.*Nothing was tracked\.$/);
    expect(offline.call<{ meetings: unknown[] }>('getSyncState').meetings).toEqual([]);
  });

  test('names the input and writes nothing', () => {
    const before = offline.sheet('Sheet1').values();
    const error = errorOf(() => offline.call('importAttendance', '12ab'));

    expect(error.message).toContain('"12ab" is not a Zoom meeting ID, join link or meeting UUID.');
    expect(offline.sheet('Sheet1').values()).toEqual(before);
  });

  test('an unknown meeting says so', () => {
    const error = errorOf(() => offline.call('importAttendance', '99999999999'));

    expect(error.message).toContain('Zoom has no ended meeting or webinar with ID 99999999999');
  });
});

describe('menu import', () => {
  test('prompts, imports and toasts the count', () => {
    offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: `https://us02web.zoom.us/j/${classMeeting.id}?pwd=x` });
    offline.runtime.world.ui.queueAlertResponse('OK');
    offline.call('importAttendanceFromPrompt');

    const toast = offline.runtime.world.ui.toasts.at(-1);
    const alert = offline.runtime.world.ui.alerts.at(-1);

    expect(toast?.message ?? '').toMatch(/^Imported 13 people from 1 occurrence of "Biology 101 - Section A" into "Sheet1"/);
    expect(alert?.message ?? '').toContain('only in the waiting room');
  });

  test('a bad ID in the prompt shows an alert and writes nothing', () => {
    const before = offline.sheet('Sheet1').values();

    offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: '12ab' });
    offline.runtime.world.ui.queueAlertResponse('OK');
    offline.call('importAttendanceFromPrompt');

    expect(offline.runtime.world.ui.alerts.at(-1)?.message).toContain('"12ab" is not a Zoom meeting ID');
    expect(offline.sheet('Sheet1').values()).toEqual(before);
  });

  test('cancel imports nothing', () => {
    const alerts = offline.runtime.world.ui.alerts.length;

    offline.runtime.world.ui.queuePromptResponse({ button: 'CANCEL' });
    offline.call('importAttendanceFromPrompt');

    expect(offline.runtime.world.ui.alerts).toHaveLength(alerts);
  });
});

describe('show the table', () => {
  test('activates the sheet the import wrote to', () => {
    const other = offline.spreadsheet.insertSheet('Notes');
    const table = offline.sheet('Sheet1');

    offline.spreadsheet.activeSheetId = other.sheetId;
    offline.call('showTable', table.sheetId);

    expect(offline.spreadsheet.activeSheetId).toBe(table.sheetId);
  });

  test('a deleted sheet says how to recreate it', () => {
    expect(errorOf(() => offline.call('showTable', 987654)).message).toBe(
      'The sheet with ID 987654 no longer exists; import the meeting again to recreate the table',
    );
  });
});
