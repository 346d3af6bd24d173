import { Clock } from '../../../local/runtime/clock';
import { LocalRuntime } from '../../../local/runtime';
import { RUNTIME_TEST_CODE } from './fixtures';
import { removeTestBundle, writeTestBundle } from './test-bundle';

const START = Date.UTC(2024, 4, 6, 12, 0, 0);
let distDir: string;
let runtime: LocalRuntime;

beforeAll(() => {
  distDir = writeTestBundle(RUNTIME_TEST_CODE);
});

afterAll(() => {
  removeTestBundle(distDir);
});

beforeEach(() => {
  runtime = new LocalRuntime({ distDir, clock: new Clock(START) });
  runtime.world.createSpreadsheet({ name: 'Class attendance' });
});

afterEach(async () => {
  await runtime.dispose();
});

describe('executions', () => {
  test('module state does not survive', () => {
    expect(runtime.run('bumpCounter')).toBe(1);
    expect(runtime.run('bumpCounter')).toBe(1);
  });

  test('Date follows the world clock', () => {
    runtime.world.clock.set(Date.UTC(2030, 1, 3, 4, 5, 6));

    const [nowValue, newDateValue, epoch, isDate, utc] = runtime.run('readClock') as [number, number, number, boolean, number];

    expect(nowValue).toBe(Date.UTC(2030, 1, 3, 4, 5, 6));
    expect(newDateValue).toBe(Date.UTC(2030, 1, 3, 4, 5, 6));
    expect(epoch).toBe(0);
    expect(isDate).toBe(true);
    expect(utc).toBe(Date.UTC(2020, 0, 1));
  });

  test('Utilities.sleep advances the clock only', () => {
    const started = Date.now();

    expect(runtime.run('sleepOneMinute')).toBe(60000);
    expect(runtime.world.clock.now()).toBe(START + 60000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('error is rethrown with its name and message', () => {
    let caught: unknown;

    try {
      runtime.run('failWithTypeError');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('TypeError');
    expect((caught as Error).message).toBe('bad input');
  });

  test('unknown function throws Apps Script message', () => {
    expect(() => runtime.run('noSuchFunction')).toThrow('Script function not found: noSuchFunction');
  });

  test('values come back as the context realm types', () => {
    const result = runtime.run('writeCells', [[['2024-05-06', '007', '@here']]]) as { values: unknown[][]; isArray: boolean; firstIsDate: boolean };

    expect(result.isArray).toBe(true);
    expect(result.firstIsDate).toBe(true);
    expect(result.values[0]!.slice(1)).toEqual([7, '@here']);
  });

  test('plain text format and apostrophe through Range', () => {
    expect(runtime.run('writeWithFormat', ['@', '+44 20 7946 0000'])).toEqual(['+44 20 7946 0000', '', '+44 20 7946 0000']);
    expect(runtime.run('writeWithFormat', ['General', "'-Sam"])).toEqual(['-Sam', '', '-Sam']);
    expect(runtime.run('writeWithFormat', ['General', '-Sam'])).toEqual(['#NAME?', '=-Sam', '#NAME?']);
  });

  test('dimension error is an Exception inside the execution', () => {
    expect(runtime.run('catchMismatch')).toEqual([
      true,
      'Exception',
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    ]);
    expect(() => runtime.run('writeMismatch')).toThrow('The number of rows in the data does not match');
  });

  test('50,000-character cell error reaches the caller', () => {
    expect(() => runtime.run('writeCells', [[['x'.repeat(50001)]]])).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );

    const sheet = runtime.world.spreadsheet(runtime.world.defaultSpreadsheetId!)!.sheets()[0]!;

    expect(sheet.lastRow()).toBe(0);
  });

  test('counters count each service method call', () => {
    runtime.world.resetCounters();
    runtime.run('writeCells', [[['a', 'b']]]);

    expect(runtime.world.counters['SpreadsheetApp.getActiveSpreadsheet']).toBe(1);
    expect(runtime.world.counters['Spreadsheet.getActiveSheet']).toBe(1);
    expect(runtime.world.counters['Sheet.getRange']).toBe(1);
    expect(runtime.world.counters['Range.setValues']).toBe(1);
    expect(runtime.world.counters['Range.getValues']).toBe(1);
    expect(runtime.world.counters['Range.getFormulas']).toBe(1);

    runtime.run('getProperty', ['user', 'missing']);

    expect(runtime.world.counters['PropertiesService.getUserProperties']).toBe(1);
    expect(runtime.world.counters['Properties.getProperty']).toBe(1);
  });
});

describe('sheet services', () => {
  test('table, sort and filter through the services', () => {
    expect(runtime.run('buildTable')).toEqual({
      active: 'Zoom attendance',
      names: ['Sheet1', 'Zoom attendance'],
      values: [['Name', 'Minutes'], ['Al', 30], ['Bo', 12], ['Cy', 5]],
      a1: 'A1:B4',
      frozen: 1,
      lastRow: 4,
      lastColumn: 2,
      hidden: [false, true, false],
      filterRange: 'A1:B4',
      weight: 'bold',
    });

    const model = runtime.world.spreadsheet(runtime.world.defaultSpreadsheetId!)!.sheetByName('Zoom attendance')!;

    expect(model.frozenRows).toBe(1);
    expect(model.filter?.hiddenRows()).toEqual([3]);
    expect(runtime.run('removeTable')).toBe(1);
  });

  test('range outside the sheet is rejected', () => {
    expect(() => runtime.run('readOutsideSheet')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });

  test('openById finds other spreadsheets', () => {
    const other = runtime.world.createSpreadsheet({ name: 'Other class' });

    expect(runtime.run('openSpreadsheet', [other.id])).toBe('Other class');
    expect(() => runtime.run('openSpreadsheet', ['missing-id'])).toThrow('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    expect(() => runtime.run('openSpreadsheet', [other.id], { authMode: 'LIMITED' })).toThrow('You do not have permission to call SpreadsheetApp.openById');
  });
});

describe('properties', () => {
  test('three stores stay separate', () => {
    runtime.run('setProperty', ['script', 'k', 'script value']);
    runtime.run('setProperty', ['user', 'k', 'user value']);
    runtime.run('setProperty', ['document', 'k', 'document value']);

    const spreadsheetId = runtime.world.defaultSpreadsheetId!;

    expect(runtime.world.scriptProperties.get('k')).toBe('script value');
    expect(runtime.world.userProperties('teacher@example.edu').get('k')).toBe('user value');
    expect(runtime.world.documentProperties(spreadsheetId).get('k')).toBe('document value');
    expect(runtime.run('getProperty', ['user', 'k'], { user: 'other@example.edu' })).toBeNull();
  });

  test('value over 9 KB is rejected', () => {
    expect(() => runtime.run('setProperty', ['user', 'big', 'x'.repeat(9 * 1024 + 1)])).toThrow('Argument too large: value');
    expect(runtime.world.userProperties('teacher@example.edu').get('big')).toBeNull();

    runtime.run('setProperty', ['user', 'fits', 'x'.repeat(9 * 1024)]);

    expect(runtime.world.userProperties('teacher@example.edu').get('fits')).toHaveLength(9 * 1024);
  });

  test('store over 500 KB is rejected', () => {
    const store = runtime.world.userProperties('teacher@example.edu');

    for (let i = 0; i < 62; i += 1) store.set(`key${String(i).padStart(2, '0')}`, 'x'.repeat(8 * 1024));

    expect(() => runtime.run('setProperty', ['user', 'one-more', 'x'.repeat(9 * 1024)])).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(store.get('one-more')).toBeNull();
  });
});

describe('cache', () => {
  test('entry expires on the world clock', () => {
    runtime.run('putCache', ['progress', '3 of 5', 60]);
    runtime.world.clock.advance(59000);

    expect(runtime.run('getCache', ['progress'])).toBe('3 of 5');

    runtime.world.clock.advance(1000);

    expect(runtime.run('getCache', ['progress'])).toBeNull();
  });

  test('default lifetime is 600 seconds', () => {
    runtime.run('putCache', ['progress', 'running']);
    runtime.world.clock.advance(599000);

    expect(runtime.run('getCache', ['progress'])).toBe('running');

    runtime.world.clock.advance(1000);

    expect(runtime.run('getCache', ['progress'])).toBeNull();
  });

  test('value over 100 KB is rejected', () => {
    expect(() => runtime.run('putCache', ['big', 'x'.repeat(100 * 1024 + 1), 60])).toThrow('Argument too large: value');
  });
});

describe('triggers and auth modes', () => {
  test('editor execution sees the container', () => {
    expect(runtime.run('describeContext')).toEqual({
      noActiveSpreadsheet: false,
      noDocumentProperties: false,
      noDocumentCache: false,
      noDocumentLock: false,
      user: 'teacher@example.edu',
      ui: 'available',
    });
  });

  test('time-driven trigger runs without a document', () => {
    const spreadsheetId = runtime.world.defaultSpreadsheetId;
    const uid = runtime.run('createNightlyTrigger', [3]) as string;

    expect(runtime.world.triggers).toEqual([
      expect.objectContaining({ uid, handlerFunction: 'describeContext', owner: 'teacher@example.edu', spreadsheetId, atHour: 3, everyDays: 1, timeZone: 'Europe/Berlin' }),
    ]);

    expect(runtime.fireTrigger(uid)).toEqual({
      noActiveSpreadsheet: true,
      noDocumentProperties: true,
      noDocumentCache: true,
      noDocumentLock: true,
      user: 'teacher@example.edu',
      ui: 'Cannot call SpreadsheetApp.getUi() from this context.',
      authMode: 'FULL',
      authModeIsFull: true,
      triggerUid: uid,
      hour: 12,
      timezone: 'UTC',
    });
  });

  test('project triggers are the active user\'s', () => {
    runtime.run('createNightlyTrigger', [4]);

    expect(runtime.run('listTriggers')).toEqual([['describeContext', 'CLOCK']]);
    expect(runtime.run('listTriggers', [], { user: 'someone@example.edu' })).toEqual([]);
  });

  test('AuthMode NONE allows menus only', () => {
    runtime.run('buildMenu', [], { authMode: 'NONE' });

    expect(runtime.world.ui.menus).toEqual([
      expect.objectContaining({
        title: '',
        items: [{ caption: 'Open sidebar', functionName: 'showSidebar' }, { separator: true }, { caption: 'Sync now', functionName: 'syncNow' }],
      }),
    ]);
    expect(() => runtime.run('getProperty', ['user', 'k'], { authMode: 'NONE' })).toThrow('You do not have permission to call PropertiesService.');
  });

  test('AuthMode LIMITED has no triggers', () => {
    expect(() => runtime.run('createNightlyTrigger', [3], { authMode: 'LIMITED' })).toThrow('You do not have permission to call ScriptApp.newTrigger');
  });
});

describe('ui', () => {
  test('prompt returns the queued answer', () => {
    runtime.world.ui.queuePromptResponse({ button: 'OK', text: '123 456 789' });

    expect(runtime.run('askMeetingId')).toEqual([true, 'OK', '123 456 789']);
    expect(runtime.world.ui.prompts).toEqual([expect.objectContaining({ title: 'Import attendance', message: 'Meeting ID?', buttons: 'OK_CANCEL' })]);
  });

  test('unanswered prompt throws a host error', () => {
    expect(() => runtime.run('askMeetingId')).toThrow('Ui.prompt("Import attendance", "Meeting ID?") was shown but no response is queued');
  });
});
