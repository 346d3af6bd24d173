import { AppsScriptException } from './errors';
import { checkInputLength, parseInput, type CellValue } from './cell-input';
import { formatCellValue, GENERAL_FORMAT } from './number-format';
import type { SheetFilter } from './sheet-filter';
import { compareForSort, EMPTY_CELL, hasContent, type Cell } from './cell';
import { SheetCharts } from './sheet-charts';

/** Sheets' size for a new sheet: 1000 rows by 26 columns. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;


/** The spreadsheet a sheet belongs to, as far as the sheet needs it. */
export interface SheetParent {
  readonly timeZone: string;
  now(): number;
  removeSheet(sheetId: number): void;
}

/** 1-based rectangle of cells. */
export interface CellBox {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** One sheet's cells, formats, frozen rows and filter, behaving like Sheets where the add-on depends on it. */
export class SheetModel {
  frozenRows = 0;
  hidden = false;
  maxRows = NEW_SHEET_ROWS;
  maxColumns = NEW_SHEET_COLUMNS;
  filter: SheetFilter | null = null;
  readonly columnWidths = new Map<number, number>();
  readonly charts = new SheetCharts();
  private cells: Array<Array<Cell | undefined> | undefined> = [];

  constructor(
    public name: string,
    readonly sheetId: number,
    private readonly parent: SheetParent,
  ) {}

  /** Values of the data range, like getDataRange().getValues(). */
  values(): CellValue[][] {
    return this.read(this.dataBox(), (cell) => cell.value);
  }

  displayValues(): string[][] {
    return this.read(this.dataBox(), (cell) => this.display(cell));
  }

  formulas(): string[][] {
    return this.read(this.dataBox(), (cell) => cell.formula);
  }

  numberFormats(): string[][] {
    return this.read(this.dataBox(), (cell) => cell.numberFormat);
  }

  /** Enters values as a user would type them, starting at (row, 1): strings are parsed. */
  typeValues(row: number, column: number, rows: unknown[][]): void {
    const width = Math.max(1, ...rows.map((r) => r.length));
    const padded = rows.map((r) => [...r, ...new Array<unknown>(width - r.length).fill('')]);

    this.ensureSize(row + rows.length - 1, column + width - 1);
    this.setValues({ row, column, rows: rows.length, columns: width }, padded);
  }

  lastRow(): number {
    for (let r = this.cells.length - 1; r >= 0; r -= 1) {
      if (this.cells[r]?.some((cell) => hasContent(cell))) return r + 1;
    }

    return 0;
  }

  lastColumn(): number {
    let last = 0;

    for (const row of this.cells) {
      if (row === undefined) continue;

      for (let c = row.length - 1; c >= last; c -= 1) {
        if (hasContent(row[c])) {
          last = c + 1;
          break;
        }
      }
    }

    return last;
  }

  dataBox(): CellBox {
    return { row: 1, column: 1, rows: Math.max(1, this.lastRow()), columns: Math.max(1, this.lastColumn()) };
  }

  /** Throws Apps Script's errors for a range that does not fit the sheet. */
  checkBox(box: CellBox): void {
    if (!Number.isInteger(box.row) || box.row < 1) throw new AppsScriptException('The starting row of the range is too small.');

    if (!Number.isInteger(box.column) || box.column < 1) throw new AppsScriptException('The starting column of the range is too small.');

    if (!Number.isInteger(box.rows) || box.rows < 1) throw new AppsScriptException('The number of rows in the range must be at least 1.');

    if (!Number.isInteger(box.columns) || box.columns < 1) throw new AppsScriptException('The number of columns in the range must be at least 1.');

    if (box.row + box.rows - 1 > this.maxRows || box.column + box.columns - 1 > this.maxColumns) {
      throw new AppsScriptException('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  getValues(box: CellBox): CellValue[][] {
    this.checkBox(box);

    return this.read(box, (cell) => (cell.value instanceof Date ? new Date(cell.value.getTime()) : cell.value));
  }

  getDisplayValues(box: CellBox): string[][] {
    this.checkBox(box);

    return this.read(box, (cell) => this.display(cell));
  }

  getFormulas(box: CellBox): string[][] {
    this.checkBox(box);

    return this.read(box, (cell) => cell.formula);
  }

  getNumberFormats(box: CellBox): string[][] {
    this.checkBox(box);

    return this.read(box, (cell) => cell.numberFormat);
  }

  getStyles(box: CellBox): Array<Array<{ fontWeight: string; background: string }>> {
    this.checkBox(box);

    return this.read(box, (cell) => ({ fontWeight: cell.fontWeight, background: cell.background }));
  }

  /** Writes values with Sheets' parsing; checks dimensions and cell length before writing anything. */
  setValues(box: CellBox, values: unknown[][]): void {
    this.checkBox(box);

    if (!Array.isArray(values) || values.length !== box.rows) {
      const dataRows = Array.isArray(values) ? values.length : 0;

      throw new AppsScriptException(
        `The number of rows in the data does not match the number of rows in the range. The data has ${dataRows} but the range has ${box.rows}.`,
      );
    }

    for (const row of values) {
      const dataColumns = Array.isArray(row) ? row.length : 0;

      if (dataColumns !== box.columns) {
        throw new AppsScriptException(
          `The number of columns in the data does not match the number of columns in the range. The data has ${dataColumns} but the range has ${box.columns}.`,
        );
      }

      row.forEach(checkInputLength);
    }

    values.forEach((row, r) => {
      row.forEach((raw, c) => this.writeCell(box.row + r, box.column + c, raw));
    });
  }

  setNumberFormats(box: CellBox, formats: string[][]): void {
    this.checkBox(box);
    this.update(box, (cell, r, c) => {
      cell.numberFormat = String(formats[r]?.[c] ?? GENERAL_FORMAT);
    });
  }

  setStyle(box: CellBox, style: { fontWeight?: string; background?: string }): void {
    this.checkBox(box);
    this.update(box, (cell) => {
      if (style.fontWeight !== undefined) cell.fontWeight = style.fontWeight;

      if (style.background !== undefined) cell.background = style.background;
    });
  }

  clear(box: CellBox, what: { contents: boolean; formats: boolean }): void {
    this.checkBox(box);
    this.update(box, (cell) => {
      if (what.contents) {
        cell.value = '';
        cell.formula = '';
      }

      if (what.formats) {
        cell.numberFormat = GENERAL_FORMAT;
        cell.fontWeight = 'normal';
        cell.background = '#ffffff';
      }
    });
  }

  appendRow(values: unknown[]): void {
    values.forEach(checkInputLength);

    const row = this.lastRow() + 1;

    this.ensureSize(row, values.length);
    values.forEach((raw, c) => this.writeCell(row, c + 1, raw));
  }

  insertRowsAfter(afterRow: number, howMany: number): void {
    this.checkInsert(afterRow, howMany, this.maxRows, 'row');
    this.cells.splice(afterRow, 0, ...new Array<undefined>(howMany).fill(undefined));
    this.maxRows += howMany;
  }

  insertColumnsAfter(afterColumn: number, howMany: number): void {
    this.checkInsert(afterColumn, howMany, this.maxColumns, 'column');

    for (const row of this.cells) row?.splice(afterColumn, 0, ...new Array<undefined>(howMany).fill(undefined));

    this.maxColumns += howMany;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) {
      throw new AppsScriptException('Those rows are out of bounds.');
    }

    if (howMany >= this.maxRows) throw new AppsScriptException("You can't delete all the rows on the sheet.");

    this.cells.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }

  ensureSize(rows: number, columns: number): void {
    this.maxRows = Math.max(this.maxRows, rows);
    this.maxColumns = Math.max(this.maxColumns, columns);
  }

  /** Sorts the rows below the frozen rows by one column, moving whole rows, as Sheet.sort does. */
  sortByColumn(column: number, ascending = true): void {
    this.sortRows(this.frozenRows + 1, Math.max(this.lastRow(), this.frozenRows) - this.frozenRows, column, ascending);
  }

  /** Sorts rows [firstRow, firstRow + rowCount) by one column; empty values go last in either order. */
  sortRows(firstRow: number, rowCount: number, column: number, ascending: boolean): void {
    const block = this.cells.slice(firstRow - 1, firstRow - 1 + rowCount);

    while (block.length < rowCount) block.push(undefined);

    const keyed = block.map((row, index) => ({ row, index, key: row?.[column - 1]?.value ?? '' }));

    keyed.sort((a, b) => compareForSort(a.key, b.key, ascending) || a.index - b.index);
    this.cells.splice(firstRow - 1, rowCount, ...keyed.map((k) => k.row));
  }

  setFrozenRows(rows: number): void {
    if (!Number.isInteger(rows) || rows < 0 || rows > this.maxRows) throw new AppsScriptException(`Invalid frozen row count: ${rows}`);

    this.frozenRows = rows;
  }

  deleteSheet(): void {
    this.parent.removeSheet(this.sheetId);
  }

  private checkInsert(after: number, howMany: number, max: number, kind: string): void {
    if (!Number.isInteger(after) || after < 1 || after > max) throw new AppsScriptException(`The ${kind} position is out of bounds: ${after}.`);

    if (!Number.isInteger(howMany) || howMany < 1) throw new AppsScriptException(`The number of ${kind}s to insert must be at least 1.`);
  }

  private writeCell(row: number, column: number, raw: unknown): void {
    const cell = this.cellAt(row, column);
    const parsed = parseInput(raw, cell.numberFormat, this.parent.timeZone, this.parent.now());

    cell.value = parsed.value;
    cell.formula = parsed.formula;

    if (parsed.autoFormat !== null && cell.numberFormat === GENERAL_FORMAT) cell.numberFormat = parsed.autoFormat;
  }

  private display(cell: Cell): string {
    return formatCellValue(cell.value, cell.numberFormat, this.parent.timeZone);
  }

  private read<T>(box: CellBox, pick: (cell: Cell) => T): T[][] {
    const output: T[][] = [];

    for (let r = 0; r < box.rows; r += 1) {
      const row: T[] = [];

      for (let c = 0; c < box.columns; c += 1) row.push(pick(this.cells[box.row - 1 + r]?.[box.column - 1 + c] ?? EMPTY_CELL));

      output.push(row);
    }

    return output;
  }

  private update(box: CellBox, change: (cell: Cell, r: number, c: number) => void): void {
    for (let r = 0; r < box.rows; r += 1) {
      for (let c = 0; c < box.columns; c += 1) change(this.cellAt(box.row + r, box.column + c), r, c);
    }
  }

  private cellAt(row: number, column: number): Cell {
    let cells = this.cells[row - 1];

    if (cells === undefined) {
      cells = [];
      this.cells[row - 1] = cells;
    }

    let cell = cells[column - 1];

    if (cell === undefined) {
      cell = { ...EMPTY_CELL };
      cells[column - 1] = cell;
    }

    return cell;
  }
}
