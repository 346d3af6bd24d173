/**
 * Counts what one execution of the offline runtime asked of Apps Script's services: calls from
 * world.counters, classified as reads and writes, and cells moved by setValues, appendRow and
 * getValues, counted at the world's operation boundary.
 */
import type { World } from '../local/runtime';
import type { CallCounts } from './cost-model';

const SPREADSHEET_SERVICES = ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'Filter', 'RangeList'];
const WRITE_METHOD = /^(set|append|insert|delete|clear|sort|create|remove|add|hide|show|auto|copy|move|merge|activate|flush|trim)/;

export interface CellCounter {
  read: number;
  written: number;
}

function cellsIn(values: unknown): number {
  if (!Array.isArray(values)) return 0;

  return values.reduce<number>((sum, row) => sum + (Array.isArray(row) ? row.length : 0), 0);
}

/** Wraps world.call so that every value crossing into or out of a sheet is counted; returns the live counter. */
export function countCells(world: World): CellCounter {
  const counter: CellCounter = { read: 0, written: 0 };
  const call = world.call.bind(world);

  world.call = (op: string, args: unknown[]): unknown => {
    if (op === 'sheet.setValues') counter.written += cellsIn(args[3]);

    if (op === 'sheet.appendRow') counter.written += Array.isArray(args[2]) ? args[2].length : 0;

    const result = call(op, args);

    if (op === 'sheet.getValues') counter.read += cellsIn(result);

    return result;
  };

  return counter;
}

function serviceOf(counterName: string): { service: string; method: string } {
  const dot = counterName.indexOf('.');

  return { service: counterName.slice(0, dot), method: counterName.slice(dot + 1) };
}

/** Classifies world.counters into the call kinds the cost model prices. */
export function classifyCalls(counters: Record<string, number>, cells: CellCounter): CallCounts {
  const counts: CallCounts = {
    fetches: 0,
    spreadsheetReads: 0,
    spreadsheetWrites: 0,
    cellsRead: cells.read,
    cellsWritten: cells.written,
    propertyReads: 0,
    propertyWrites: 0,
    cacheReads: 0,
    cacheWrites: 0,
    lockCalls: 0,
  };

  for (const [name, times] of Object.entries(counters)) {
    const { service, method } = serviceOf(name);
    const writes = WRITE_METHOD.test(method) || method === 'put' || method.startsWith('put');

    if (service === 'UrlFetchApp' && method.startsWith('fetch')) counts.fetches += times;
    else if (SPREADSHEET_SERVICES.includes(service)) {
      if (writes) counts.spreadsheetWrites += times;
      else counts.spreadsheetReads += times;
    } else if (service === 'Properties') {
      if (writes) counts.propertyWrites += times;
      else counts.propertyReads += times;
    } else if (service === 'Cache') {
      if (writes) counts.cacheWrites += times;
      else counts.cacheReads += times;
    } else if (service === 'Lock') counts.lockCalls += times;
  }

  return counts;
}

/** UrlFetchApp plus SpreadsheetApp calls: the figure the targets compare with the baseline. */
export function totalCalls(counts: CallCounts): number {
  return counts.fetches + counts.spreadsheetReads + counts.spreadsheetWrites;
}
