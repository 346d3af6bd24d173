import type { CellBox } from '../world/sheet-model';
import type { SheetInfo } from '../world/operations';
import { formatA1 } from './a1-notation';
import { counted, requireAuthMode, type ExecutionEnv } from './env';
import type { SheetHandle } from './sheet';

/** Checks the data's dimensions for setValues and setNumberFormats, with Apps Script's messages. */
function checkDimensions(env: ExecutionEnv, box: CellBox, data: unknown): void {
  const rows = Array.isArray(data) ? data : [];

  if (rows.length !== box.rows) {
    throw env.realm.error(
      'Exception',
      `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${box.rows}.`,
    );
  }

  for (const row of rows) {
    const columns = Array.isArray(row) ? row.length : 0;

    if (columns !== box.columns) {
      throw env.realm.error(
        'Exception',
        `The number of columns in the data does not match the number of columns in the range. The data has ${columns} but the range has ${box.columns}.`,
      );
    }
  }
}

function fill<T>(box: CellBox, value: T): T[][] {
  return Array.from({ length: box.rows }, () => new Array<T>(box.columns).fill(value));
}

/** Creates a Range service object for a box of a sheet. */
export function createRange(env: ExecutionEnv, sheet: SheetHandle, box: CellBox): GoogleAppsScript.Spreadsheet.Range {
  const op = (name: string, ...args: unknown[]): unknown => {
    requireAuthMode(env, 'LIMITED', `Range.${name}`);

    return env.call(`sheet.${name}`, [sheet.spreadsheetId, sheet.sheetId, ...args]);
  };
  const self = (): GoogleAppsScript.Spreadsheet.Range => range as unknown as GoogleAppsScript.Spreadsheet.Range;
  const setValues = (values: unknown[][]): GoogleAppsScript.Spreadsheet.Range => {
    checkDimensions(env, box, values);
    op('setValues', box, values);

    return self();
  };
  const range = counted(env, 'Range', {
    getValues: () => op('getValues', box),
    setValues,
    getValue: () => (op('getValues', { ...box, rows: 1, columns: 1 }) as unknown[][])[0]![0],
    setValue: (value: unknown) => {
      op('setValues', box, fill(box, value));

      return self();
    },
    setFormula: (formula: string) => {
      op('setValues', box, fill(box, formula));

      return self();
    },
    getDisplayValues: () => op('getDisplayValues', box),
    getDisplayValue: () => (op('getDisplayValues', { ...box, rows: 1, columns: 1 }) as string[][])[0]![0],
    getFormulas: () => op('getFormulas', box),
    getFormula: () => (op('getFormulas', { ...box, rows: 1, columns: 1 }) as string[][])[0]![0],
    setNumberFormat: (format: string) => {
      op('setNumberFormats', box, fill(box, String(format)));

      return self();
    },
    setNumberFormats: (formats: string[][]) => {
      checkDimensions(env, box, formats);
      op('setNumberFormats', box, formats);

      return self();
    },
    getNumberFormats: () => op('getNumberFormats', box),
    getNumberFormat: () => (op('getNumberFormats', { ...box, rows: 1, columns: 1 }) as string[][])[0]![0],
    setFontWeight: (fontWeight: string | null) => {
      op('setStyle', box, { fontWeight: fontWeight ?? 'normal' });

      return self();
    },
    getFontWeight: () => (op('getStyles', { ...box, rows: 1, columns: 1 }) as Array<Array<{ fontWeight: string }>>)[0]![0]!.fontWeight,
    setBackground: (color: string | null) => {
      op('setStyle', box, { background: color ?? '#ffffff' });

      return self();
    },
    getBackground: () => (op('getStyles', { ...box, rows: 1, columns: 1 }) as Array<Array<{ background: string }>>)[0]![0]!.background,
    getRow: () => box.row,
    getColumn: () => box.column,
    getNumRows: () => box.rows,
    getNumColumns: () => box.columns,
    getLastRow: () => box.row + box.rows - 1,
    getLastColumn: () => box.column + box.columns - 1,
    getA1Notation: () => formatA1(box),
    getSheet: () => sheet.service(),
    getCell: (row: number, column: number) => {
      if (row < 1 || row > box.rows || column < 1 || column > box.columns) {
        throw env.realm.error('Exception', 'Cell reference out of range');
      }

      return createRange(env, sheet, { row: box.row + row - 1, column: box.column + column - 1, rows: 1, columns: 1 });
    },
    offset: (rowOffset: number, columnOffset: number, rows?: number, columns?: number) => {
      const moved = { row: box.row + rowOffset, column: box.column + columnOffset, rows: rows ?? box.rows, columns: columns ?? box.columns };

      op('checkBox', moved);

      return createRange(env, sheet, moved);
    },
    clearContent: () => {
      op('clear', box, { contents: true, formats: false });

      return self();
    },
    clearFormat: () => {
      op('clear', box, { contents: false, formats: true });

      return self();
    },
    clear: () => {
      op('clear', box, { contents: true, formats: true });

      return self();
    },
    activate: () => {
      env.call('spreadsheet.setActiveSheet', [sheet.spreadsheetId, sheet.sheetId]);

      return self();
    },
    sort: (spec: number | { column: number; ascending?: boolean }) => {
      const column = typeof spec === 'number' ? spec : spec.column;
      const ascending = typeof spec === 'number' ? true : spec.ascending !== false;

      op('sortRange', box, column, ascending);

      return self();
    },
    createFilter: () => {
      op('createFilter', box);

      return createFilter(env, sheet);
    },
    getFilter: () => sheet.service().getFilter(),
  });

  return range as unknown as GoogleAppsScript.Spreadsheet.Range;
}

/** Creates the Filter service object of a sheet that has a filter. */
export function createFilter(env: ExecutionEnv, sheet: SheetHandle): GoogleAppsScript.Spreadsheet.Filter {
  const op = (name: string, ...args: unknown[]): unknown => env.call(`sheet.${name}`, [sheet.spreadsheetId, sheet.sheetId, ...args]);
  const filter = counted(env, 'Filter', {
    getRange: () => {
      const info = op('info') as SheetInfo;

      if (info.filter === null) throw env.realm.error('Exception', 'This filter has been removed.');

      return createRange(env, sheet, info.filter);
    },
    remove: () => {
      op('removeFilter');
    },
    setColumnFilterCriteria: (column: number, criteria: FilterCriteriaHandle | null) => {
      op('setFilterCriteria', column, criteria === null ? null : criteria.data);

      return filter;
    },
    removeColumnFilterCriteria: (column: number) => {
      op('setFilterCriteria', column, null);

      return filter;
    },
    getColumnFilterCriteria: (column: number) => {
      const data = op('getFilterCriteria', column) as FilterCriteriaData | null;

      return data === null ? null : createFilterCriteria(env, data);
    },
    sort: (column: number, ascending: boolean) => {
      op('sortFilter', column, ascending);

      return filter;
    },
  });

  return filter as unknown as GoogleAppsScript.Spreadsheet.Filter;
}

interface FilterCriteriaData {
  hiddenValues: string[];
  visibleValues: string[];
}

interface FilterCriteriaHandle {
  data: FilterCriteriaData;
}

function createFilterCriteria(env: ExecutionEnv, data: FilterCriteriaData): FilterCriteriaHandle {
  return counted(env, 'FilterCriteria', {
    data,
    getHiddenValues: () => env.realm.array([...data.hiddenValues]),
    getVisibleValues: () => env.realm.array([...data.visibleValues]),
    copy: () => createFilterCriteriaBuilder(env, { ...data }),
  });
}

/** SpreadsheetApp.newFilterCriteria(): the hidden and visible values criteria. */
export function createFilterCriteriaBuilder(env: ExecutionEnv, start: FilterCriteriaData = { hiddenValues: [], visibleValues: [] }): object {
  const data: FilterCriteriaData = { hiddenValues: [...start.hiddenValues], visibleValues: [...start.visibleValues] };
  const builder = counted(env, 'FilterCriteriaBuilder', {
    setHiddenValues: (values: string[]) => {
      data.hiddenValues = [...values].map(String);

      return builder;
    },
    setVisibleValues: (values: string[]) => {
      data.visibleValues = [...values].map(String);

      return builder;
    },
    whenTextEqualTo: (text: string) => {
      data.visibleValues = [String(text)];

      return builder;
    },
    build: () => createFilterCriteria(env, { ...data }),
  });

  return builder;
}
