import { AppsScriptException } from './errors';
import { isDate, PLAIN_TEXT_FORMAT } from './number-format';
import { epochFromWallTime, wallTimeAt } from './time-zone';
import { evaluateFormula } from './formula';

/** A cell's value as Apps Script returns it from getValues: '' for an empty cell. */
export type CellValue = string | number | boolean | Date;

/** Sheets' limit on one cell (https://support.google.com/docs/answer/37603). */
export const CELL_MAX_CHARACTERS = 50000;
export const CELL_TOO_LONG_MESSAGE = 'Your input contains more than the maximum of 50000 characters in a single cell.';

/** What ends up in a cell after a value is written: the value, a formula, and a number format Sheets chose. */
export interface ParsedInput {
  value: CellValue;
  formula: string;
  /** Number format Sheets applies on its own (a typed date or percentage), if the cell has none yet. */
  autoFormat: string | null;
}

/** Throws Sheets' error for a string over 50,000 characters; called for every value before anything is written. */
export function checkInputLength(value: unknown): void {
  if (typeof value === 'string' && value.length > CELL_MAX_CHARACTERS) throw new AppsScriptException(CELL_TOO_LONG_MESSAGE);
}

/**
 * Parses a value written with setValue/setValues/appendRow the way Sheets parses what a user types.
 * Numbers, booleans and Dates pass through. Strings stay literal text when the cell's number format
 * is plain text (`@`) or the string starts with an apostrophe (which is dropped).
 */
export function parseInput(raw: unknown, cellFormat: string, timeZone: string, nowEpochMilliseconds: number): ParsedInput {
  if (raw === null || raw === undefined) return text('');

  if (typeof raw === 'number') return { value: Number.isFinite(raw) ? raw : '#NUM!', formula: '', autoFormat: null };

  if (typeof raw === 'boolean') return { value: raw, formula: '', autoFormat: null };

  if (isDate(raw)) return { value: new Date(raw.getTime()), formula: '', autoFormat: null };

  const input = typeof raw === 'string' ? raw : String(raw);

  if (cellFormat === PLAIN_TEXT_FORMAT) return text(input);

  if (input.startsWith("'")) return text(input.slice(1));

  return parseTyped(input, timeZone, nowEpochMilliseconds);
}

function text(value: string): ParsedInput {
  return { value, formula: '', autoFormat: null };
}

function parseTyped(input: string, timeZone: string, nowEpochMilliseconds: number): ParsedInput {
  const trimmed = input.trim();

  if (trimmed === '') return text(input);

  if (input.startsWith('=') && input.length > 1) return { value: evaluateFormula(input.slice(1)), formula: input, autoFormat: null };

  const number = parseNumber(trimmed);

  if (number !== null) return { value: number, formula: '', autoFormat: null };

  const percent = /^([+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+))\s*%$/.exec(trimmed);

  if (percent !== null) {
    const decimals = percent[1]!.includes('.');

    return { value: Number(percent[1]!.replace(/,/g, '')) / 100, formula: '', autoFormat: decimals ? '0.00%' : '0%' };
  }

  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true', formula: '', autoFormat: null };

  const date = parseDate(trimmed, timeZone, nowEpochMilliseconds);

  if (date !== null) return { value: new Date(date.epochMilliseconds), formula: '', autoFormat: date.format };

  // Sheets reads a leading + or - as the start of a formula: "-Sam" is =-Sam (#NAME?), "+44 20 7946 0000" a parse error.
  if (/^[+-]/.test(input)) return { value: evaluateFormula(input), formula: `=${input}`, autoFormat: null };

  return text(input);
}

function parseNumber(trimmed: string): number | null {
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);

  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(trimmed)) return Number(trimmed.replace(/,/g, ''));

  return null;
}

interface ParsedDate {
  epochMilliseconds: number;
  format: string;
}

/** Recognises the date and date-time forms an en_US spreadsheet turns into dates. */
function parseDate(trimmed: string, timeZone: string, nowEpochMilliseconds: number): ParsedDate | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);

  if (iso !== null) {
    const [, year, month, day, hour, minute, second] = iso;

    return build(timeZone, Number(year), Number(month), Number(day), hour, minute, second, undefined, 'yyyy-mm-dd');
  }

  const us = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(trimmed);

  if (us !== null) {
    const [, month, day, yearText, hour, minute, second, meridiem] = us;
    const year = yearText === undefined ? wallTimeAt(nowEpochMilliseconds, timeZone).year : normaliseYear(yearText);
    const dateFormat = yearText === undefined ? 'M/d' : 'M/d/yyyy';

    return build(timeZone, year, Number(month), Number(day), hour, minute, second, meridiem, dateFormat);
  }

  return null;
}

function normaliseYear(yearText: string): number {
  const year = Number(yearText);

  if (yearText.length === 4) return year;

  return year < 30 ? 2000 + year : 1900 + year;
}

function build(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  meridiem: string | undefined,
  dateFormat: string,
): ParsedDate | null {
  let hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);

  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;

    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;

  if (hour > 23 || minute > 59 || second > 59) return null;

  const withTime = hourText !== undefined;
  const format = withTime ? `${dateFormat === 'M/d' ? 'M/d/yyyy' : dateFormat} ${dateFormat === 'yyyy-mm-dd' ? 'hh:mm' : 'H:mm'}${secondText === undefined ? '' : ':ss'}` : dateFormat;

  return { epochMilliseconds: epochFromWallTime(timeZone, year, month, day, hour, minute, second), format };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
