import type { ChartRange, ChartRecord, ChartSpec } from '../world/sheet-charts';
import { counted, createEnum, type EnumValue, type ExecutionEnv } from './env';

/** Charts.ChartType as @types/google-apps-script lists it. */
export const CHART_TYPE_NAMES = [
  'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM',
  'RADAR', 'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
] as const;

type ChartTypes = Record<(typeof CHART_TYPE_NAMES)[number], EnumValue>;

/** The sheet behind a chart service object: its ID, and Range objects for chart ranges. */
export interface ChartHost {
  sheetId: number;
  rangeOf(range: ChartRange): GoogleAppsScript.Spreadsheet.Range;
}

/** The spec and ID (null until inserted) behind each EmbeddedChart object this runtime created. */
const chartStates = new WeakMap<object, { spec: ChartSpec; chartId: number | null }>();

/** One Charts.ChartType enum per execution, shared by Charts and every chart builder of that execution. */
const chartTypeEnums = new WeakMap<ExecutionEnv, ChartTypes>();

function chartTypes(env: ExecutionEnv): ChartTypes {
  let types = chartTypeEnums.get(env);

  if (types === undefined) {
    types = createEnum(CHART_TYPE_NAMES);
    chartTypeEnums.set(env, types);
  }

  return types;
}

/** Creates the Charts service for one execution: enough for embedded sheet charts (Charts.ChartType). */
export function createCharts(env: ExecutionEnv): { ChartType: ChartTypes } {
  return { ChartType: chartTypes(env) };
}

/** Apps Script's defaults for a new embedded chart: no type until one is set, anchored at A1, headers guessed (-1). */
export function emptyChartSpec(): ChartSpec {
  return { chartType: '', ranges: [], position: { row: 1, column: 1, offsetX: 0, offsetY: 0 }, options: {}, numHeaders: -1, transposeRowsAndColumns: false };
}

/** Reads the spec behind an EmbeddedChart object, throwing Apps Script's error for anything else. */
export function chartStateOf(env: ExecutionEnv, chart: unknown): { spec: ChartSpec; chartId: number | null } {
  const state = chart !== null && typeof chart === 'object' ? chartStates.get(chart) : undefined;

  if (state === undefined) {
    throw env.realm.error('Exception', 'The parameters (Object) don\'t match the method signature for SpreadsheetApp.Sheet.insertChart.');
  }

  return state;
}

function toChartRange(range: GoogleAppsScript.Spreadsheet.Range): ChartRange {
  return {
    sheetId: range.getSheet().getSheetId(),
    box: { row: range.getRow(), column: range.getColumn(), rows: range.getNumRows(), columns: range.getNumColumns() },
  };
}

function sameRange(a: ChartRange, b: ChartRange): boolean {
  return a.sheetId === b.sheetId && a.box.row === b.box.row && a.box.column === b.box.column && a.box.rows === b.box.rows && a.box.columns === b.box.columns;
}

/** Sheet.newChart() and EmbeddedChart.modify(): a builder over a copy of `start`, keeping `chartId` for updateChart. */
export function createEmbeddedChartBuilder(env: ExecutionEnv, host: ChartHost, start: ChartSpec, chartId: number | null): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
  const spec: ChartSpec = { ...start, ranges: [...start.ranges], position: { ...start.position }, options: { ...start.options } };
  const types = chartTypes(env);
  const builder = counted(env, 'EmbeddedChartBuilder', {
    addRange: (range: GoogleAppsScript.Spreadsheet.Range) => {
      spec.ranges.push(toChartRange(range));

      return builder;
    },
    removeRange: (range: GoogleAppsScript.Spreadsheet.Range) => {
      const removed = toChartRange(range);

      spec.ranges = spec.ranges.filter((candidate) => !sameRange(candidate, removed));

      return builder;
    },
    clearRanges: () => {
      spec.ranges = [];

      return builder;
    },
    getRanges: () => env.realm.array(spec.ranges.map((range) => host.rangeOf(range))),
    setChartType: (type: EnumValue) => {
      spec.chartType = String(type);

      return builder;
    },
    getChartType: () => (spec.chartType === '' ? null : types[spec.chartType as keyof ChartTypes]),
    asColumnChart: () => {
      spec.chartType = 'COLUMN';

      return builder;
    },
    asLineChart: () => {
      spec.chartType = 'LINE';

      return builder;
    },
    asBarChart: () => {
      spec.chartType = 'BAR';

      return builder;
    },
    setOption: (option: string, value: unknown) => {
      spec.options[String(option)] = value;

      return builder;
    },
    setPosition: (row: number, column: number, offsetX: number, offsetY: number) => {
      spec.position = { row: Number(row), column: Number(column), offsetX: Number(offsetX), offsetY: Number(offsetY) };

      return builder;
    },
    setNumHeaders: (headers: number) => {
      spec.numHeaders = Number(headers);

      return builder;
    },
    setTransposeRowsAndColumns: (transpose: boolean) => {
      spec.transposeRowsAndColumns = transpose === true;

      return builder;
    },
    build: () => {
      if (spec.chartType === '') throw env.realm.error('Exception', 'You must set a chart type before building the chart.');

      return createEmbeddedChart(env, host, { ...spec, ranges: [...spec.ranges] }, chartId);
    },
  });

  return builder as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
}

/** Creates an EmbeddedChart: built and not yet inserted (chartId null), or read back from the sheet. */
export function createEmbeddedChart(env: ExecutionEnv, host: ChartHost, spec: ChartSpec, chartId: number | null): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const chart = counted(env, 'EmbeddedChart', {
    getChartId: () => chartId,
    getRanges: () => env.realm.array(spec.ranges.map((range) => host.rangeOf(range))),
    getNumHeaders: () => spec.numHeaders,
    getTransposeRowsAndColumns: () => spec.transposeRowsAndColumns,
    getOptions: () => ({ get: (option: string) => env.realm.toContext(spec.options[String(option)] ?? null) }),
    getContainerInfo: () => ({
      getAnchorRow: () => spec.position.row,
      getAnchorColumn: () => spec.position.column,
      getOffsetX: () => spec.position.offsetX,
      getOffsetY: () => spec.position.offsetY,
    }),
    modify: () => createEmbeddedChartBuilder(env, host, spec, chartId),
  });

  chartStates.set(chart, { spec, chartId });

  return chart as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart;
}

/** Wraps the charts the world returned for Sheet.getCharts(). */
export function chartsFromRecords(env: ExecutionEnv, host: ChartHost, records: ChartRecord[]): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
  return env.realm.array(records.map(({ chartId, ...spec }) => createEmbeddedChart(env, host, spec, chartId)));
}
