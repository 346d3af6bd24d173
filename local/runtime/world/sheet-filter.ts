import { AppsScriptException } from './errors';
import type { CellBox, SheetModel } from './sheet-model';

/** Filter criteria as the add-on can build them: hidden values and/or a required exact text. */
export interface FilterCriteria {
  hiddenValues: string[];
  visibleValues: string[];
}

/**
 * A sheet's basic filter: its range and per-column criteria. Rows it hides are still returned by
 * getValues, as in Sheets; isRowHiddenByFilter reports them.
 */
export class SheetFilter {
  readonly criteria = new Map<number, FilterCriteria>();

  constructor(
    readonly box: CellBox,
    private readonly sheet: SheetModel,
  ) {}

  setColumnCriteria(column: number, criteria: FilterCriteria | null): void {
    this.checkColumn(column);

    if (criteria === null) this.criteria.delete(column);
    else this.criteria.set(column, criteria);
  }

  /** Rows (1-based sheet rows) that the criteria hide; the header row of the filter range never hides. */
  hiddenRows(): number[] {
    const firstDataRow = this.box.row + 1;
    const rowCount = this.box.rows - 1;

    if (rowCount < 1 || this.criteria.size === 0) return [];

    const display = this.sheet.getDisplayValues({ row: firstDataRow, column: this.box.column, rows: rowCount, columns: this.box.columns });
    const hidden: number[] = [];

    display.forEach((row, index) => {
      const hides = [...this.criteria].some(([column, criteria]) => {
        const shown = row[column - this.box.column] ?? '';

        if (criteria.hiddenValues.includes(shown)) return true;

        return criteria.visibleValues.length > 0 && !criteria.visibleValues.includes(shown);
      });

      if (hides) hidden.push(firstDataRow + index);
    });

    return hidden;
  }

  /** Sorts the filter range's data rows by one column (the header row stays). */
  sort(column: number, ascending: boolean): void {
    this.checkColumn(column);
    this.sheet.sortRows(this.box.row + 1, this.box.rows - 1, column, ascending);
  }

  private checkColumn(column: number): void {
    if (column < this.box.column || column >= this.box.column + this.box.columns) {
      throw new AppsScriptException(`The column ${column} is outside the filter range.`);
    }
  }
}
