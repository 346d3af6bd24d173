import { AppsScriptException } from './errors';
import { SheetModel, type SheetParent } from './sheet-model';

/** One spreadsheet: its sheets in tab order, its time zone, and which sheet is active in the editor. */
export class SpreadsheetModel {
  activeSheetId: number;
  private readonly sheetList: SheetModel[] = [];
  private nextSheetId = 0;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
    private readonly clockNow: () => number,
  ) {
    this.activeSheetId = this.insertSheet('Sheet1').sheetId;
  }

  sheets(): SheetModel[] {
    return [...this.sheetList];
  }

  sheetByName(name: string): SheetModel | null {
    return this.sheetList.find((sheet) => sheet.name === name) ?? null;
  }

  sheetById(sheetId: number): SheetModel | null {
    return this.sheetList.find((sheet) => sheet.sheetId === sheetId) ?? null;
  }

  /** Finds a sheet by its id or throws the error Apps Script gives for a sheet deleted meanwhile. */
  requireSheet(sheetId: number): SheetModel {
    const sheet = this.sheetById(sheetId);

    if (sheet === null) throw new AppsScriptException(`Sheet ${sheetId} not found in spreadsheet ${this.id}; it may have been deleted.`);

    return sheet;
  }

  activeSheet(): SheetModel {
    return this.sheetById(this.activeSheetId) ?? this.sheetList[0]!;
  }

  /** Inserts a sheet (at a 0-based tab index, default last); names must be unique, as in Sheets. */
  insertSheet(name?: string, index?: number): SheetModel {
    const sheetName = name ?? this.unusedName();

    if (this.sheetByName(sheetName) !== null) {
      throw new AppsScriptException(
        `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }

    const sheetId = this.nextSheetId === 0 ? 0 : 100000000 + this.nextSheetId * 7919;
    const sheet = new SheetModel(sheetName, sheetId, this.sheetParent());

    this.nextSheetId += 1;
    this.sheetList.splice(index === undefined ? this.sheetList.length : Math.min(Math.max(index, 0), this.sheetList.length), 0, sheet);

    return sheet;
  }

  removeSheet(sheetId: number): void {
    if (this.sheetList.length === 1) {
      throw new AppsScriptException("You can't remove all the sheets in a document.");
    }

    const index = this.sheetList.findIndex((sheet) => sheet.sheetId === sheetId);

    if (index < 0) return;

    this.sheetList.splice(index, 1);

    if (this.activeSheetId === sheetId) this.activeSheetId = this.sheetList[Math.max(0, index - 1)]!.sheetId;
  }

  /** Builds the sheet's view of this spreadsheet. The time zone is read through a getter, so a later change applies. */
  private sheetParent(): SheetParent {
    const currentTimeZone = (): string => this.timeZone;

    return {
      get timeZone() {
        return currentTimeZone();
      },
      now: () => this.clockNow(),
      removeSheet: (id) => this.removeSheet(id),
    };
  }

  private unusedName(): string {
    for (let n = this.sheetList.length + 1; ; n += 1) {
      if (this.sheetByName(`Sheet${n}`) === null) return `Sheet${n}`;
    }
  }
}
