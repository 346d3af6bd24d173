import type { CellBox, SheetModel } from './sheet-model';
import type { ChartSpec } from './sheet-charts';
import { SheetFilter, type FilterCriteria } from './sheet-filter';
import type { PromptButton, RecordedDialog, RecordedHtml, RecordedMenu } from './ui-recorder';
import type { StoreScope, TriggerRecord, World } from './world';
import { AppsScriptException } from './errors';
import { randomBytes } from 'node:crypto';

type Handler = (world: World, args: unknown[]) => unknown;

/** A sheet's size, content extent, frozen rows and filter, returned after each call that may change them. */
export interface SheetInfo {
  sheetId: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  hidden: boolean;
  filter: CellBox | null;
}

export interface SpreadsheetInfo {
  id: string;
  name: string;
  timeZone: string;
}

function sheetOf(world: World, spreadsheetId: unknown, sheetId: unknown): SheetModel {
  const spreadsheet = world.requireSpreadsheet(String(spreadsheetId));

  return spreadsheet.requireSheet(Number(sheetId));
}

function describeSheet(sheet: SheetModel): SheetInfo {
  return {
    sheetId: sheet.sheetId,
    name: sheet.name,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    lastRow: sheet.lastRow(),
    lastColumn: sheet.lastColumn(),
    frozenRows: sheet.frozenRows,
    hidden: sheet.hidden,
    filter: sheet.filter === null ? null : { ...sheet.filter.box },
  };
}

function requireFilter(sheet: SheetModel): SheetFilter {
  if (sheet.filter === null) throw new AppsScriptException('This sheet has no filter.');

  return sheet.filter;
}

/** Sheet methods an execution may call as `sheet.<name>` with (spreadsheetId, sheetId, ...args). */
const SHEET_METHODS: Record<string, (sheet: SheetModel, args: unknown[]) => unknown> = {
  info: (sheet) => describeSheet(sheet),
  getValues: (sheet, [box]) => sheet.getValues(box as CellBox),
  getDisplayValues: (sheet, [box]) => sheet.getDisplayValues(box as CellBox),
  getFormulas: (sheet, [box]) => sheet.getFormulas(box as CellBox),
  getNumberFormats: (sheet, [box]) => sheet.getNumberFormats(box as CellBox),
  getStyles: (sheet, [box]) => sheet.getStyles(box as CellBox),
  checkBox: (sheet, [box]) => sheet.checkBox(box as CellBox),
  setValues: (sheet, [box, values]) => sheet.setValues(box as CellBox, values as unknown[][]),
  setNumberFormats: (sheet, [box, formats]) => sheet.setNumberFormats(box as CellBox, formats as string[][]),
  setStyle: (sheet, [box, style]) => sheet.setStyle(box as CellBox, style as { fontWeight?: string; background?: string }),
  clear: (sheet, [box, what]) => sheet.clear(box as CellBox, what as { contents: boolean; formats: boolean }),
  appendRow: (sheet, [values]) => sheet.appendRow(values as unknown[]),
  insertRowsAfter: (sheet, [after, count]) => sheet.insertRowsAfter(Number(after), Number(count)),
  insertColumnsAfter: (sheet, [after, count]) => sheet.insertColumnsAfter(Number(after), Number(count)),
  deleteRows: (sheet, [position, count]) => sheet.deleteRows(Number(position), Number(count)),
  setFrozenRows: (sheet, [rows]) => sheet.setFrozenRows(Number(rows)),
  sortRange: (sheet, [box, column, ascending]) => {
    const range = box as CellBox;

    sheet.sortRows(range.row, range.rows, Number(column), ascending !== false);
  },
  sort: (sheet, [column, ascending]) => sheet.sortByColumn(Number(column), ascending !== false),
  setName: (sheet, [name]) => {
    sheet.name = String(name);
  },
  setColumnWidth: (sheet, [column, width]) => {
    sheet.columnWidths.set(Number(column), Number(width));
  },
  createFilter: (sheet, [box]) => {
    if (sheet.filter !== null) throw new AppsScriptException("You can't create a filter in a sheet that already has a filter.");

    sheet.checkBox(box as CellBox);
    sheet.filter = new SheetFilter({ ...(box as CellBox) }, sheet);
  },
  removeFilter: (sheet) => {
    sheet.filter = null;
  },
  setFilterCriteria: (sheet, [column, criteria]) => requireFilter(sheet).setColumnCriteria(Number(column), criteria as FilterCriteria | null),
  getFilterCriteria: (sheet, [column]) => requireFilter(sheet).criteria.get(Number(column)) ?? null,
  sortFilter: (sheet, [column, ascending]) => requireFilter(sheet).sort(Number(column), ascending !== false),
  hiddenRows: (sheet) => (sheet.filter === null ? [] : sheet.filter.hiddenRows()),
  getCharts: (sheet) => sheet.charts.list(),
  insertChart: (sheet, [spec]) => sheet.charts.insert(spec as ChartSpec),
  updateChart: (sheet, [chartId, spec]) => sheet.charts.update(Number(chartId), spec as ChartSpec),
  removeChart: (sheet, [chartId]) => sheet.charts.remove(Number(chartId)),
};

const HANDLERS: Record<string, Handler> = {
  'clock.now': (world) => world.clock.now(),
  'clock.advance': (world, [milliseconds]) => world.clock.advance(Number(milliseconds)),
  'counters.add': (world, [counts]) => {
    for (const [name, times] of Object.entries(counts as Record<string, number>)) world.count(name, times);
  },
  'log.append': (world, [line]) => {
    world.logs.push(String(line));
  },

  'properties.get': (world, [scope, key]) => world.propertyStore(scope as StoreScope).get(String(key)),
  'properties.getAll': (world, [scope]) => world.propertyStore(scope as StoreScope).all(),
  'properties.keys': (world, [scope]) => world.propertyStore(scope as StoreScope).keys(),
  'properties.set': (world, [scope, key, value]) => world.propertyStore(scope as StoreScope).set(String(key), String(value)),
  'properties.setAll': (world, [scope, values, deleteAllOthers]) =>
    world.propertyStore(scope as StoreScope).setAll(values as Record<string, string>, deleteAllOthers === true),
  'properties.delete': (world, [scope, key]) => world.propertyStore(scope as StoreScope).delete(String(key)),
  'properties.deleteAll': (world, [scope]) => world.propertyStore(scope as StoreScope).deleteAll(),

  'cache.get': (world, [scope, key]) => world.cacheStore(scope as StoreScope).get(String(key)),
  'cache.getAll': (world, [scope, keys]) => {
    const cache = world.cacheStore(scope as StoreScope);
    const found: Record<string, string> = {};

    for (const key of keys as string[]) {
      const value = cache.get(String(key));

      if (value !== null) found[key] = value;
    }

    return found;
  },
  'cache.put': (world, [scope, key, value, ttl]) =>
    world.cacheStore(scope as StoreScope).put(String(key), String(value), ttl === undefined || ttl === null ? undefined : Number(ttl)),
  'cache.putAll': (world, [scope, values, ttl]) => {
    const cache = world.cacheStore(scope as StoreScope);

    for (const [key, value] of Object.entries(values as Record<string, string>)) {
      cache.put(key, String(value), ttl === undefined || ttl === null ? undefined : Number(ttl));
    }
  },
  'cache.remove': (world, [scope, key]) => world.cacheStore(scope as StoreScope).remove(String(key)),
  'cache.removeAll': (world, [scope, keys]) => {
    for (const key of keys as string[]) world.cacheStore(scope as StoreScope).remove(String(key));
  },

  // Direct mode never waits: a lock held by another execution is reported as not acquired at once.
  'lock.acquire': (world, [executionId, key]) => world.locks.tryAcquire(String(executionId), String(key)),
  'lock.release': (world, [executionId, key]) => world.locks.release(String(executionId), String(key)),
  'lock.holds': (world, [executionId, key]) => world.locks.holds(String(executionId), String(key)),
  'lock.releaseAll': (world, [executionId]) => world.locks.releaseAll(String(executionId)),

  'spreadsheet.info': (world, [id]) => {
    const spreadsheet = world.requireSpreadsheet(String(id));

    return { id: spreadsheet.id, name: spreadsheet.name, timeZone: spreadsheet.timeZone } satisfies SpreadsheetInfo;
  },
  'spreadsheet.sheets': (world, [id]) => world.requireSpreadsheet(String(id)).sheets().map(describeSheet),
  'spreadsheet.insertSheet': (world, [id, name, index]) => {
    const sheet = world.requireSpreadsheet(String(id)).insertSheet(
      name === undefined || name === null ? undefined : String(name),
      index === undefined || index === null ? undefined : Number(index),
    );

    return describeSheet(sheet);
  },
  'spreadsheet.deleteSheet': (world, [id, sheetId]) => world.requireSpreadsheet(String(id)).removeSheet(Number(sheetId)),
  'spreadsheet.activeSheet': (world, [id]) => describeSheet(world.requireSpreadsheet(String(id)).activeSheet()),
  'spreadsheet.setActiveSheet': (world, [id, sheetId]) => {
    const spreadsheet = world.requireSpreadsheet(String(id));

    spreadsheet.activeSheetId = spreadsheet.requireSheet(Number(sheetId)).sheetId;
  },
  'spreadsheet.rename': (world, [id, name]) => {
    world.requireSpreadsheet(String(id)).name = String(name);
  },

  'ui.toast': (world, [toast]) => {
    world.ui.toasts.push(toast as UiToast);
  },
  'ui.alert': (world, [dialog]) => world.ui.answerAlert(dialog as RecordedDialog),
  'ui.prompt': (world, [dialog]) => world.ui.answerPrompt(dialog as RecordedDialog) satisfies { button: PromptButton; text: string },
  'ui.sidebar': (world, [html]) => {
    world.ui.sidebars.push(html as RecordedHtml);
  },
  'ui.dialog': (world, [html]) => {
    world.ui.dialogs.push(html as RecordedHtml);
  },
  'ui.menu': (world, [menu]) => {
    world.ui.menus.push(menu as RecordedMenu);
  },

  'triggers.create': (world, [record]) => {
    // NOTE: Apps Script's exact wording for a trigger refused in a test deployment is not documented.
    if (world.testDeployment) throw new AppsScriptException('Installable triggers are not supported in add-on test deployments.');

    const trigger: TriggerRecord = { ...(record as Omit<TriggerRecord, 'uid'>), uid: String(BigInt(`0x${randomBytes(7).toString('hex')}`)) };

    world.triggers.push(trigger);

    return trigger;
  },
  'triggers.list': (world, [owner]) => world.triggers.filter((trigger) => trigger.owner === owner),
  'triggers.delete': (world, [uid]) => {
    const index = world.triggers.findIndex((trigger) => trigger.uid === uid);

    if (index >= 0) world.triggers.splice(index, 1);
  },

  'stateToken.create': (world, [request]) =>
    world.createStateToken(request as { method: string; arguments: Record<string, string>; timeoutSeconds: number; user: string }),

  'fetch.before': (world, [url, advanceClock]) => world.beforeFetch(String(url), advanceClock !== false),
  'fetch.log': (world, [entry]) => {
    world.fetchLog.push(entry as { method: string; url: string; status: number | null });
  },
};

type UiToast = World['ui']['toasts'][number];

/** Runs one operation against the world; `sheet.<method>` operations take (spreadsheetId, sheetId, ...args). */
export function handleOperation(world: World, op: string, args: unknown[]): unknown {
  if (op.startsWith('sheet.')) {
    const method = SHEET_METHODS[op.slice('sheet.'.length)];

    if (method === undefined) throw new Error(`Unknown local runtime operation: ${op}`);

    const [spreadsheetId, sheetId, ...rest] = args;

    return method(sheetOf(world, spreadsheetId, sheetId), rest);
  }

  const handler = HANDLERS[op];

  if (handler === undefined) throw new Error(`Unknown local runtime operation: ${op}`);

  return handler(world, args);
}
