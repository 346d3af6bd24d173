import type { SheetInfo } from '../world/operations';
import type { ChartRecord } from '../world/sheet-charts';
import { parseA1 } from './a1-notation';
import { chartsFromRecords, chartStateOf, createEmbeddedChartBuilder, emptyChartSpec, type ChartHost } from './charts';
import { counted, requireAuthMode, type ExecutionEnv } from './env';
import { createFilter, createRange } from './range';

/** Handle that a Range uses to reach its sheet. */
export interface SheetHandle {
  spreadsheetId: string;
  sheetId: number;
  service(): GoogleAppsScript.Spreadsheet.Sheet;
}

/** Creates the Sheet service object for one sheet of a spreadsheet. */
export function createSheet(
  env: ExecutionEnv,
  spreadsheetId: string,
  sheetId: number,
  parent: () => GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet {
  const op = (name: string, ...args: unknown[]): unknown => {
    requireAuthMode(env, 'LIMITED', `Sheet.${name}`);

    return env.call(`sheet.${name}`, [spreadsheetId, sheetId, ...args]);
  };
  const info = (): SheetInfo => op('info') as SheetInfo;
  const handle: SheetHandle = { spreadsheetId, sheetId, service: () => sheet as unknown as GoogleAppsScript.Spreadsheet.Sheet };
  const range = (box: { row: number; column: number; rows: number; columns: number }): GoogleAppsScript.Spreadsheet.Range => {
    op('checkBox', box);

    return createRange(env, handle, box);
  };
  const chartHost: ChartHost = {
    sheetId,
    rangeOf: (chartRange) => {
      const owner = chartRange.sheetId === sheetId ? handle : { spreadsheetId, sheetId: chartRange.sheetId, service: () => parent().getSheetById(chartRange.sheetId) ?? handle.service() };

      return createRange(env, owner, chartRange.box);
    },
  };
  const insertedChartId = (chart: unknown, method: string): number => {
    const state = chartStateOf(env, chart);

    if (state.chartId === null) throw env.realm.error('Exception', `The chart passed to Sheet.${method} has not been inserted in a sheet.`);

    return state.chartId;
  };
  const sheet = counted(env, 'Sheet', {
    getName: () => info().name,
    setName: (name: string) => {
      op('setName', name);

      return sheet;
    },
    getSheetId: () => sheetId,
    getParent: () => parent(),
    getRange: (rowOrA1: number | string, column?: number, rows?: number, columns?: number) => {
      if (typeof rowOrA1 === 'string') {
        const current = info();
        const box = parseA1(rowOrA1, current.maxRows, current.maxColumns);

        if (box === null) throw env.realm.error('Exception', 'Range not found');

        return range(box);
      }

      if (column === undefined) throw env.realm.error('Exception', 'The parameters (number) don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');

      return range({ row: rowOrA1, column, rows: rows ?? 1, columns: columns ?? 1 });
    },
    getDataRange: () => {
      const current = info();

      return createRange(env, handle, { row: 1, column: 1, rows: Math.max(1, current.lastRow), columns: Math.max(1, current.lastColumn) });
    },
    getLastRow: () => info().lastRow,
    getLastColumn: () => info().lastColumn,
    getMaxRows: () => info().maxRows,
    getMaxColumns: () => info().maxColumns,
    insertRowsAfter: (afterPosition: number, howMany: number) => {
      op('insertRowsAfter', afterPosition, howMany);

      return sheet;
    },
    insertColumnsAfter: (afterPosition: number, howMany: number) => {
      op('insertColumnsAfter', afterPosition, howMany);

      return sheet;
    },
    deleteRows: (rowPosition: number, howMany: number) => {
      op('deleteRows', rowPosition, howMany);
    },
    deleteRow: (rowPosition: number) => {
      op('deleteRows', rowPosition, 1);

      return sheet;
    },
    appendRow: (rowContents: unknown[]) => {
      op('appendRow', rowContents);

      return sheet;
    },
    clear: () => {
      op('clear', { row: 1, column: 1, rows: info().maxRows, columns: info().maxColumns }, { contents: true, formats: true });

      return sheet;
    },
    clearContents: () => {
      op('clear', { row: 1, column: 1, rows: info().maxRows, columns: info().maxColumns }, { contents: true, formats: false });

      return sheet;
    },
    setFrozenRows: (rows: number) => {
      op('setFrozenRows', rows);
    },
    getFrozenRows: () => info().frozenRows,
    getFilter: () => (info().filter === null ? null : createFilter(env, handle)),
    isRowHiddenByFilter: (rowPosition: number) => (op('hiddenRows') as number[]).includes(rowPosition),
    sort: (columnPosition: number, ascending?: boolean) => {
      op('sort', columnPosition, ascending !== false);

      return sheet;
    },
    setColumnWidth: (columnPosition: number, width: number) => {
      op('setColumnWidth', columnPosition, width);

      return sheet;
    },
    autoResizeColumns: (startColumn: number, numColumns: number) => {
      op('checkBox', { row: 1, column: startColumn, rows: 1, columns: numColumns });

      return sheet;
    },
    activate: () => {
      env.call('spreadsheet.setActiveSheet', [spreadsheetId, sheetId]);

      return sheet;
    },
    isSheetHidden: () => info().hidden,
    newChart: () => createEmbeddedChartBuilder(env, chartHost, emptyChartSpec(), null),
    getCharts: () => chartsFromRecords(env, chartHost, op('getCharts') as ChartRecord[]),
    insertChart: (chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) => {
      op('insertChart', chartStateOf(env, chart).spec);
    },
    updateChart: (chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) => {
      op('updateChart', insertedChartId(chart, 'updateChart'), chartStateOf(env, chart).spec);
    },
    removeChart: (chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) => {
      op('removeChart', insertedChartId(chart, 'removeChart'));
    },
  });

  return sheet as unknown as GoogleAppsScript.Spreadsheet.Sheet;
}
