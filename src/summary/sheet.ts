/**
 * Lays the summary out on the "Attendance summary" sheet: the person x occurrence matrix with totals
 * and flags, then a small "people present per occurrence" table and its column chart. The sheet is
 * cleared and written as one block, so rebuilding gives the same sheet and the same single chart, with
 * a constant number of spreadsheet calls however many people and occurrences there are.
 */
import { sanitizeText } from '../sheets/cells';
import { describeFlags, type SummarySettings } from './matching';
import type { AttendanceSummary, SummaryLine, SummaryOccurrence } from './model';
import { insertSheetKeepingActive } from './roster';

export const SUMMARY_SHEET_NAME = 'Attendance summary';

export const CHART_TITLE = 'People present per occurrence';

/** Columns before the per-occurrence pairs. */
const FIXED_HEADER = ['Name', 'Email', 'Roster', 'Total', 'Present', 'Late', 'Left early', 'Absent'];

const LINE_KIND_LABELS: Record<SummaryLine['kind'], string> = {
  roster: 'on roster',
  unmatched: 'unmatched',
  registrant: 'registrant',
};

type Cell = string | number;

export interface SummaryLayout {
  values: Cell[][];
  formats: string[][];
  /** 1-based row of the chart's data table header. */
  chartTableRow: number;
  occurrenceCount: number;
}

function occurrenceLabel(occurrence: SummaryOccurrence, timeZone: string): string {
  const start = Utilities.formatDate(new Date(occurrence.meetingStart), timeZone, 'yyyy-MM-dd HH:mm');

  return occurrence.topic === '' ? start : `${start} ${occurrence.topic}`;
}

function lineTotals(line: SummaryLine, settings: SummarySettings): Cell[] {
  const expected = line.cells.filter((cell) => cell.state !== 'none');
  const minutes = line.cells.reduce((sum, cell) => sum + cell.minutes, 0);
  const averagePercent = expected.length === 0 ? 0 : expected.reduce((sum, cell) => sum + cell.percent, 0) / expected.length;
  const total = settings.matrixValue === 'minutes' ? minutes : averagePercent;

  return [
    Math.round(total * 10) / 10,
    line.cells.filter((cell) => cell.present).length,
    line.cells.filter((cell) => cell.late).length,
    line.cells.filter((cell) => cell.leftEarly).length,
    line.cells.filter((cell) => cell.state === 'absent').length,
  ];
}

/** Builds the values and number formats of the whole sheet as one rectangle. */
export function layOutSummary(summary: AttendanceSummary, settings: SummarySettings, timeZone: string): SummaryLayout {
  const unit = settings.matrixValue === 'minutes' ? '(min)' : '(%)';
  const labels = summary.occurrences.map((occurrence) => occurrenceLabel(occurrence, timeZone));
  const totalHeader = settings.matrixValue === 'minutes' ? 'Total minutes' : 'Average %';
  const header = [...FIXED_HEADER.map((name) => (name === 'Total' ? totalHeader : name)), ...labels.flatMap((label) => [`${label} ${unit}`, `${label} flags`])];
  const rows: Cell[][] = [header];
  const rowFormats: string[][] = [header.map(() => '@')];

  for (const line of summary.lines) {
    const cells = line.cells.flatMap((cell): Cell[] => {
      if (cell.state === 'none') return ['', ''];

      return [settings.matrixValue === 'minutes' ? cell.minutes : cell.percent, describeFlags(cell, settings)];
    });
    const kind = line.note === '' ? LINE_KIND_LABELS[line.kind] : `${LINE_KIND_LABELS[line.kind]}: ${line.note}`;

    rows.push([sanitizeText(line.name), sanitizeText(line.email), kind, ...lineTotals(line, settings), ...cells]);
    rowFormats.push(['@', '@', '@', '0.0', '0', '0', '0', '0', ...line.cells.flatMap(() => ['0.0', '@'])]);
  }

  const chartTableRow = rows.length + 2;

  rows.push([]);
  rowFormats.push([]);
  rows.push(['Occurrence', 'People present']);
  rowFormats.push(['@', '@']);
  summary.occurrences.forEach((_, i) => {
    rows.push([labels[i] ?? '', summary.presentPerOccurrence[i] ?? 0]);
    rowFormats.push(['@', '0']);
  });

  const width = Math.max(...rows.map((row) => row.length));
  const pad = <T>(row: T[], filler: T): T[] => [...row, ...new Array<T>(width - row.length).fill(filler)];

  return {
    values: rows.map((row) => pad<Cell>(row, '')),
    formats: rowFormats.map((row) => pad(row, '@')),
    chartTableRow,
    occurrenceCount: summary.occurrences.length,
  };
}

function ensureSize(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();

  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);

  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** Updates the sheet's chart in place (or inserts it), and removes any other chart, so there is always one. */
function writeChart(sheet: GoogleAppsScript.Spreadsheet.Sheet, layout: SummaryLayout): void {
  const dataRange = sheet.getRange(layout.chartTableRow, 1, layout.occurrenceCount + 1, 2);
  const [existing, ...extra] = sheet.getCharts();

  for (const chart of extra) sheet.removeChart(chart);

  const builder = (existing === undefined ? sheet.newChart() : existing.modify())
    .clearRanges()
    .setChartType(Charts.ChartType.COLUMN)
    .addRange(dataRange)
    .setNumHeaders(1)
    .setOption('title', CHART_TITLE)
    .setOption('legend', { position: 'none' })
    .setPosition(layout.chartTableRow, 4, 0, 0);

  if (existing === undefined) sheet.insertChart(builder.build());
  else sheet.updateChart(builder.build());
}

/** Clears and rewrites the summary sheet, creating it when missing. Call under the user lock. */
export function writeSummarySheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  summary: AttendanceSummary,
  settings: SummarySettings,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.getSheetByName(SUMMARY_SHEET_NAME) ?? insertSheetKeepingActive(spreadsheet, SUMMARY_SHEET_NAME);
  const layout = layOutSummary(summary, settings, spreadsheet.getSpreadsheetTimeZone());
  const width = layout.values[0]?.length ?? FIXED_HEADER.length;

  sheet.clear();
  ensureSize(sheet, layout.values.length, width);

  const block = sheet.getRange(1, 1, layout.values.length, width);

  // Formats first: text cells then keep names such as "+44 20 7946 0000" literally.
  block.setNumberFormats(layout.formats);
  block.setValues(layout.values);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  sheet.getRange(layout.chartTableRow, 1, 1, 2).setFontWeight('bold');
  sheet.setFrozenRows(1);
  writeChart(sheet, layout);

  return sheet;
}
