import { AddonError } from '../errors';

/**
 * The add-on menu. Under AuthMode.NONE (a document where the add-on is installed but not yet used)
 * Apps Script allows no properties, OAuth or fetch, so the menu is static and touches nothing else.
 */
export const MENU_ITEMS: ReadonlyArray<{ caption: string; functionName: string }> = [
  { caption: 'Open sidebar', functionName: 'showSidebar' },
  { caption: 'Import attendance for meeting ID...', functionName: 'importAttendanceFromPrompt' },
  { caption: 'Sync now', functionName: 'syncNowFromMenu' },
  { caption: 'Create roster sheet', functionName: 'createRosterFromMenu' },
  { caption: 'Rebuild attendance summary', functionName: 'rebuildSummaryFromMenu' },
];

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();

  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);

  menu.addToUi();
}

export function showSidebarPanel(): void {
  const html = HtmlService.createTemplateFromFile('sidebar').evaluate().setTitle('Zoom Attendance');

  SpreadsheetApp.getUi().showSidebar(html);
}

export function activateSheet(sheetId: unknown): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getSheets().find((candidate) => candidate.getSheetId() === Number(sheetId));

  if (sheet === undefined) throw new AddonError('INVALID_INPUT', `The sheet with ID ${String(sheetId)} no longer exists; import the meeting again to recreate the table`);

  sheet.activate();
}
