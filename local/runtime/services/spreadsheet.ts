import type { SheetInfo, SpreadsheetInfo } from '../world/operations';
import { counted, requireAuthMode, type ExecutionEnv } from './env';
import { createFilterCriteriaBuilder } from './range';
import { createSheet } from './sheet';
import type { UiFactory } from './ui';

/** Creates the Spreadsheet service object for one spreadsheet. */
export function createSpreadsheet(env: ExecutionEnv, spreadsheetId: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const info = (): SpreadsheetInfo => env.call('spreadsheet.info', [spreadsheetId]) as SpreadsheetInfo;
  const sheetService = (sheetId: number): GoogleAppsScript.Spreadsheet.Sheet => createSheet(env, spreadsheetId, sheetId, () => spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
  const sheets = (): SheetInfo[] => env.call('spreadsheet.sheets', [spreadsheetId]) as SheetInfo[];
  const spreadsheet = counted(env, 'Spreadsheet', {
    getId: () => spreadsheetId,
    getName: () => info().name,
    rename: (name: string) => {
      env.call('spreadsheet.rename', [spreadsheetId, name]);
    },
    getUrl: () => `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`,
    getSheets: () => env.realm.array(sheets().map((sheet) => sheetService(sheet.sheetId))),
    getSheetByName: (name: string) => {
      const found = sheets().find((sheet) => sheet.name === name);

      return found === undefined ? null : sheetService(found.sheetId);
    },
    getSheetById: (sheetId: number) => {
      const found = sheets().find((sheet) => sheet.sheetId === sheetId);

      return found === undefined ? null : sheetService(found.sheetId);
    },
    /** Inserts a sheet and makes it the active one, as Apps Script does. */
    insertSheet: (nameOrIndex?: string | number, index?: number) => {
      const name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
      const position = typeof nameOrIndex === 'number' ? nameOrIndex : index;
      const created = env.call('spreadsheet.insertSheet', [spreadsheetId, name ?? null, position ?? null]) as SheetInfo;

      env.call('spreadsheet.setActiveSheet', [spreadsheetId, created.sheetId]);

      return sheetService(created.sheetId);
    },
    deleteSheet: (sheet: GoogleAppsScript.Spreadsheet.Sheet) => {
      env.call('spreadsheet.deleteSheet', [spreadsheetId, sheet.getSheetId()]);
    },
    getActiveSheet: () => sheetService((env.call('spreadsheet.activeSheet', [spreadsheetId]) as SheetInfo).sheetId),
    setActiveSheet: (sheet: GoogleAppsScript.Spreadsheet.Sheet) => {
      env.call('spreadsheet.setActiveSheet', [spreadsheetId, sheet.getSheetId()]);

      return sheet;
    },
    getSpreadsheetTimeZone: () => info().timeZone,
    getRange: (a1Notation: string) => {
      const match = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(a1Notation);

      if (match === null) return spreadsheet.getActiveSheet().getRange(a1Notation);

      const sheetName = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2]!;
      const sheet = spreadsheet.getSheetByName(sheetName);

      if (sheet === null) throw env.realm.error('Exception', 'Range not found');

      return sheet.getRange(match[3]!);
    },
    toast: (message: string, title?: string, timeoutSeconds?: number) => {
      env.call('ui.toast', [{ spreadsheetId, message: String(message), title: title === undefined ? '' : String(title), timeoutSeconds: timeoutSeconds ?? 5 }]);
    },
  });

  return spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
}

/** Creates SpreadsheetApp for one execution. */
export function createSpreadsheetApp(env: ExecutionEnv, ui: UiFactory): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  const active = (): GoogleAppsScript.Spreadsheet.Spreadsheet | null => {
    if (env.spreadsheetId === null) return null;

    requireAuthMode(env, 'LIMITED', 'SpreadsheetApp.getActiveSpreadsheet');

    return createSpreadsheet(env, env.spreadsheetId);
  };
  const app = counted(env, 'SpreadsheetApp', {
    getActiveSpreadsheet: active,
    getActive: active,
    getActiveSheet: () => active()?.getActiveSheet() ?? null,
    openById: (id: string) => {
      requireAuthMode(env, 'FULL', 'SpreadsheetApp.openById');
      env.call('spreadsheet.info', [String(id)]);

      return createSpreadsheet(env, String(id));
    },
    getUi: () => ui.create(),
    flush: () => undefined,
    newFilterCriteria: () => createFilterCriteriaBuilder(env),
  });

  return app as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
