import { wallTimeAt } from './time-zone';
import type { CellValue } from './cell-input';

/** Sheets' format for a Date written without a number format (en_US locale). */
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';
export const GENERAL_FORMAT = 'General';
export const PLAIN_TEXT_FORMAT = '@';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Formats a cell value as Sheets displays it (getDisplayValues), in the spreadsheet's time zone. */
export function formatCellValue(value: CellValue, numberFormat: string, timeZone: string): string {
  if (value === '') return '';

  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';

  if (typeof value === 'string') return value;

  if (isDate(value)) {
    const pattern = isDatePattern(numberFormat) ? numberFormat : DEFAULT_DATE_TIME_FORMAT;

    return formatDatePattern(value.getTime(), pattern, timeZone);
  }

  return formatNumber(value, numberFormat);
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isDatePattern(pattern: string): boolean {
  const withoutLiterals = pattern.replace(/"[^"]*"/g, '').replace(/\\./g, '');

  return /[ydhs]|am\/pm|a\/p/i.test(withoutLiterals) || (/m/i.test(withoutLiterals) && !/[0#]/.test(withoutLiterals));
}

function formatNumber(value: number, numberFormat: string): string {
  const format = numberFormat === '' ? GENERAL_FORMAT : numberFormat;

  if (format === GENERAL_FORMAT || format === PLAIN_TEXT_FORMAT || isDatePattern(format)) return formatGeneral(value);

  const percent = format.endsWith('%');
  const body = percent ? format.slice(0, -1) : format;
  const decimals = (body.split('.')[1] ?? '').replace(/[^0#]/g, '').length;
  const scaled = percent ? value * 100 : value;
  const grouped = body.includes(',');
  const text = scaled.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouped,
  });

  return percent ? `${text}%` : text;
}

/** Sheets' General format shows up to about ten significant digits and no trailing zeros. */
function formatGeneral(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);

  return String(Number(value.toPrecision(10)));
}

/** Formats an instant with a Sheets date-time pattern such as `yyyy-mm-dd hh:mm` or `M/d/yyyy H:mm:ss`. */
export function formatDatePattern(epochMilliseconds: number, pattern: string, timeZone: string): string {
  const wall = wallTimeAt(epochMilliseconds, timeZone);
  const twelveHour = /am\/pm|a\/p/i.test(pattern);
  const tokens = pattern.match(/"[^"]*"|\\.|am\/pm|a\/p|y+|m+|d+|h+|s+|./gi) ?? [];
  let output = '';
  let previousWasHour = false;

  tokens.forEach((token, index) => {
    const lower = token.toLowerCase();
    const nextDateToken = tokens.slice(index + 1).find((t) => /^[a-z]/i.test(t))?.toLowerCase() ?? '';

    if (token.startsWith('"')) {
      output += token.slice(1, -1);

      return;
    }

    if (token.startsWith('\\')) {
      output += token.slice(1);

      return;
    }

    if (lower === 'am/pm' || lower === 'a/p') {
      const pm = wall.hour >= 12;
      const text = lower === 'am/pm' ? (pm ? 'PM' : 'AM') : pm ? 'P' : 'A';

      output += token === token.toLowerCase() ? text.toLowerCase() : text;

      return;
    }

    if (lower.startsWith('y')) {
      output += lower.length <= 2 ? String(wall.year % 100).padStart(2, '0') : String(wall.year);
      previousWasHour = false;

      return;
    }

    if (lower.startsWith('d')) {
      output += lower.length === 1 ? String(wall.day) : lower.length === 2 ? pad(wall.day) : lower.length === 3 ? DAYS[wall.weekday]!.slice(0, 3) : DAYS[wall.weekday]!;
      previousWasHour = false;

      return;
    }

    if (lower.startsWith('h')) {
      const hour = twelveHour ? ((wall.hour + 11) % 12) + 1 : wall.hour;

      output += lower.length === 1 ? String(hour) : pad(hour);
      previousWasHour = true;

      return;
    }

    if (lower.startsWith('s')) {
      output += lower.length === 1 ? String(wall.second) : pad(wall.second);
      previousWasHour = false;

      return;
    }

    if (lower.startsWith('m')) {
      const isMinute = lower.length <= 2 && (previousWasHour || nextDateToken.startsWith('s'));

      if (isMinute) output += lower.length === 1 ? String(wall.minute) : pad(wall.minute);
      else output += lower.length === 1 ? String(wall.month) : lower.length === 2 ? pad(wall.month) : lower.length === 3 ? MONTHS[wall.month - 1]!.slice(0, 3) : MONTHS[wall.month - 1]!;

      previousWasHour = false;

      return;
    }

    output += token;
  });

  return output;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
