import { AppsScriptException } from './errors';
import type { CellBox } from './sheet-model';

/** A chart's data range: a box on a sheet of the same spreadsheet. */
export interface ChartRange {
  sheetId: number;
  box: CellBox;
}

/** The anchor cell (1-based) of a chart floating over the grid, and its pixel offsets from that cell. */
export interface ChartPosition {
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
}

/** The chart EmbeddedChartBuilder.build() describes, as plain data so it can cross the worker boundary. */
export interface ChartSpec {
  /** A Charts.ChartType name, such as "COLUMN". */
  chartType: string;
  ranges: ChartRange[];
  position: ChartPosition;
  options: Record<string, unknown>;
  numHeaders: number;
  transposeRowsAndColumns: boolean;
}

/** An embedded chart of a sheet, with the ID Sheets gives it on insertChart. */
export interface ChartRecord extends ChartSpec {
  chartId: number;
}

/** Chart IDs are unique within a spreadsheet in Sheets, so one counter for the whole process keeps them unique here too. */
let nextChartId = 1_000_001;

/** The embedded charts of one sheet, in insertion order. Clearing cells leaves them in place, as in Sheets. */
export class SheetCharts {
  private readonly records: ChartRecord[] = [];

  list(): ChartRecord[] {
    return this.records.map(copyRecord);
  }

  insert(spec: ChartSpec): number {
    const chartId = nextChartId;

    nextChartId += 1;
    this.records.push({ ...copySpec(spec), chartId });

    return chartId;
  }

  update(chartId: number, spec: ChartSpec): void {
    const index = this.requireIndex(chartId);

    this.records[index] = { ...copySpec(spec), chartId };
  }

  remove(chartId: number): void {
    this.records.splice(this.requireIndex(chartId), 1);
  }

  private requireIndex(chartId: number): number {
    const index = this.records.findIndex((record) => record.chartId === chartId);

    // NOTE: Apps Script's wording for a chart that is not on the sheet is not documented.
    if (index < 0) throw new AppsScriptException(`Chart ${chartId} is not on this sheet.`);

    return index;
  }
}

function copySpec(spec: ChartSpec): ChartSpec {
  return {
    chartType: String(spec.chartType),
    ranges: spec.ranges.map((range) => ({ sheetId: Number(range.sheetId), box: { ...range.box } })),
    position: { ...spec.position },
    options: { ...spec.options },
    numHeaders: Number(spec.numHeaders),
    transposeRowsAndColumns: spec.transposeRowsAndColumns === true,
  };
}

function copyRecord(record: ChartRecord): ChartRecord {
  return { ...copySpec(record), chartId: record.chartId };
}
