// Java SimpleDateFormat patterns for Utilities.formatDate and parseDate, computed with Intl so
// that daylight-saving changes come out right
// (https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html).

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MILLISECONDS_PER_MINUTE = 60_000;

/** The wall-clock fields of an instant in a time zone. */
interface ZonedFields {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
  dayOfYear: number;
  offsetMinutes: number;
}

/** A time zone as Java resolves it: an IANA zone, or a fixed offset such as "GMT+05:30". */
type ResolvedZone = { kind: 'iana'; id: string } | { kind: 'fixed'; offsetMinutes: number; id: string };

/** A pattern token: a run of one pattern letter, or literal text. */
type Token = { letter: string; count: number } | { literal: string };

const formatterCache = new Map<string, Intl.DateTimeFormat>();

/** Formats a date with a Java SimpleDateFormat pattern, in English, in the given time zone. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!(date instanceof Date) && Object.prototype.toString.call(date) !== '[object Date]') {
    throw new Error(`Invalid argument: date. Expected a Date, got ${String(date)}.`);
  }

  const instant = new Date(date.getTime());

  if (Number.isNaN(instant.getTime())) throw new Error('Invalid argument: date is an invalid Date.');

  const zone = resolveZone(timeZone);
  const fields = zonedFields(instant, zone);

  return tokenize(pattern)
    .map((token) => ('literal' in token ? token.literal : formatField(token.letter, token.count, fields, instant, zone)))
    .join('');
}

/**
 * Resolves a time zone ID the way java.util.TimeZone does: IANA IDs, "GMT"/"UTC", and custom
 * IDs "GMT+h", "GMT+hh:mm" or "GMT+hhmm".
 * NOTE: Java falls back to GMT for an ID it does not know. The local runtime throws instead, so
 * that a misspelt zone shows up in tests.
 */
function resolveZone(timeZone: string): ResolvedZone {
  const custom = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(String(timeZone).trim());

  if (custom !== null) {
    const sign = custom[1] === '-' ? -1 : 1;
    const offsetMinutes = custom[1] === undefined ? 0 : sign * (Number(custom[2]) * 60 + Number(custom[3] ?? 0));

    return { kind: 'fixed', offsetMinutes, id: String(timeZone).trim().toUpperCase() };
  }

  try {
    formatterFor(timeZone);
  } catch {
    throw new Error(`Invalid argument: timeZone ${JSON.stringify(timeZone)} is not a known time zone ID (use an IANA ID such as "Europe/Berlin").`);
  }

  return { kind: 'iana', id: timeZone };
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatterCache.get(timeZone);

  if (cached !== undefined) return cached;

  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  formatterCache.set(timeZone, formatter);

  return formatter;
}

/** Returns the zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  return zonedFields(instant, resolveZone(timeZone)).offsetMinutes;
}

function zonedFields(instant: Date, zone: ResolvedZone): ZonedFields {
  const millisecond = ((instant.getTime() % 1000) + 1000) % 1000;
  let wall: Date;
  let offsetMinutes: number;

  if (zone.kind === 'fixed') {
    offsetMinutes = zone.offsetMinutes;
    wall = new Date(instant.getTime() + offsetMinutes * MILLISECONDS_PER_MINUTE);
  } else {
    const parts = Object.fromEntries(formatterFor(zone.id).formatToParts(instant).map((part) => [part.type, part.value]));
    const wallMilliseconds = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second), millisecond);

    offsetMinutes = Math.round((wallMilliseconds - instant.getTime()) / MILLISECONDS_PER_MINUTE);
    wall = new Date(wallMilliseconds);
  }

  const startOfYear = Date.UTC(wall.getUTCFullYear(), 0, 1);

  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond,
    weekday: wall.getUTCDay(),
    dayOfYear: Math.floor((wall.getTime() - startOfYear) / 86_400_000) + 1,
    offsetMinutes,
  };
}

/** Splits a pattern into letter runs and literal text; 'quoted text' is literal and '' is a quote. */
function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;

  while (index < pattern.length) {
    const char = pattern[index] as string;

    if (char === "'") {
      const { text, next } = readQuoted(pattern, index);

      tokens.push({ literal: text });
      index = next;
      continue;
    }

    if (/[A-Za-z]/.test(char)) {
      let end = index;

      while (pattern[end] === char) end += 1;

      tokens.push({ letter: char, count: end - index });
      index = end;
      continue;
    }

    tokens.push({ literal: char });
    index += 1;
  }

  return tokens;
}

function readQuoted(pattern: string, start: number): { text: string; next: number } {
  if (pattern[start + 1] === "'") return { text: "'", next: start + 2 };

  let text = '';
  let index = start + 1;

  while (index < pattern.length) {
    if (pattern[index] === "'" && pattern[index + 1] === "'") {
      text += "'";
      index += 2;
      continue;
    }

    if (pattern[index] === "'") return { text, next: index + 1 };

    text += pattern[index];
    index += 1;
  }

  throw new Error(`Invalid argument: unterminated quote in date pattern ${JSON.stringify(pattern)}.`);
}

function formatField(letter: string, count: number, fields: ZonedFields, instant: Date, zone: ResolvedZone): string {
  switch (letter) {
    case 'G':
      return fields.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(fields.year % 100, 2) : pad(fields.year, count);
    case 'M':
    case 'L':
      return formatText(count, fields.month, MONTH_NAMES[fields.month - 1] as string);
    case 'd':
      return pad(fields.day, count);
    case 'D':
      return pad(fields.dayOfYear, count);
    case 'E':
      return count >= 4 ? (WEEKDAY_NAMES[fields.weekday] as string) : (WEEKDAY_NAMES[fields.weekday] as string).slice(0, 3);
    case 'u':
      return pad(fields.weekday === 0 ? 7 : fields.weekday, count);
    case 'a':
      return fields.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(fields.hour, count);
    case 'k':
      return pad(fields.hour === 0 ? 24 : fields.hour, count);
    case 'K':
      return pad(fields.hour % 12, count);
    case 'h':
      return pad(fields.hour % 12 === 0 ? 12 : fields.hour % 12, count);
    case 'm':
      return pad(fields.minute, count);
    case 's':
      return pad(fields.second, count);
    case 'S':
      return pad(fields.millisecond, count);
    case 'z':
      return zoneName(instant, zone, fields.offsetMinutes, count >= 4 ? 'long' : 'short');
    case 'Z':
      return formatOffset(fields.offsetMinutes, false);
    case 'X':
      return formatIsoOffset(fields.offsetMinutes, count);
    case 'Y':
    case 'w':
    case 'W':
    case 'F':
      throw new Error(`Pattern letter '${letter}' (week-based fields) is not supported by the local runtime's formatDate.`);
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** Formats a field that Java shows as a number for 1-2 letters, an abbreviation for 3, and a full name for 4 or more. */
function formatText(count: number, value: number, name: string): string {
  if (count >= 4) return name;

  if (count === 3) return name.slice(0, 3);

  return pad(value, count);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Formats an offset as Java's "Z" letter does ("-0500"), or with a colon ("-05:00"). */
function formatOffset(offsetMinutes: number, withColon: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const hours = pad(Math.floor(absolute / 60), 2);
  const minutes = pad(absolute % 60, 2);

  return withColon ? `${sign}${hours}:${minutes}` : `${sign}${hours}${minutes}`;
}

/** Formats an ISO 8601 offset as Java's "X" letters do: "Z" for UTC, else "-05", "-0500" or "-05:00". */
function formatIsoOffset(offsetMinutes: number, count: number): string {
  if (count > 3) throw new Error('Invalid ISO 8601 offset pattern: at most three X letters are allowed.');

  if (offsetMinutes === 0) return 'Z';

  if (count === 1) return formatOffset(offsetMinutes, false).slice(0, 3);

  return formatOffset(offsetMinutes, count === 3);
}

/**
 * Returns the zone's name at an instant, such as "EST"/"EDT" or "CET"/"CEST". Intl's en-US
 * names are used, with en-GB's where en-US only has "GMT+1"-style names; an offset that has no
 * name is written "GMT+01:00", as Java does.
 */
function zoneName(instant: Date, zone: ResolvedZone, offsetMinutes: number, style: 'short' | 'long'): string {
  const customName = `GMT${formatOffset(offsetMinutes, true)}`;

  if (zone.kind === 'fixed') return offsetMinutes === 0 ? zone.id.slice(0, 3) : customName;

  for (const locale of style === 'short' ? ['en-US', 'en-GB'] : ['en-US']) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone.id, timeZoneName: style })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value;

    if (name !== undefined && !/^GMT[+-]/.test(name)) return name;
  }

  return customName;
}

/** Parsed pattern fields; an offset from the text (Z, X, z) overrides the time zone argument. */
interface ParsedFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  pm: boolean | undefined;
  twelveHour: boolean;
  offsetMinutes: number | undefined;
}

/**
 * Parses text with a Java SimpleDateFormat pattern, reading the wall-clock time in the given
 * time zone. Supports the letters that formatDate writes except week fields; day names are read
 * and ignored, as Java does when the date is complete.
 */
export function parseDate(text: string, timeZone: string, pattern: string): Date {
  const zone = resolveZone(timeZone);
  const fields: ParsedFields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, pm: undefined, twelveHour: false, offsetMinutes: undefined };
  const tokens = tokenize(pattern);
  let position = 0;

  const fail = (): never => {
    throw new Error(`Unparseable date: ${JSON.stringify(text)} does not match the pattern ${JSON.stringify(pattern)}.`);
  };

  tokens.forEach((token, index) => {
    if ('literal' in token) {
      if (!text.startsWith(token.literal, position)) fail();

      position += token.literal.length;

      return;
    }

    const nextIsLetter = (tokens[index + 1] ?? { literal: '' }) as Token;
    const maxDigits = 'letter' in nextIsLetter ? token.count : Number.MAX_SAFE_INTEGER;
    const consumed = parseField(text, position, token, maxDigits, fields);

    if (consumed === 0) fail();

    position += consumed;
  });

  if (position !== text.length) fail();

  if (fields.twelveHour && fields.pm === true) fields.hour = (fields.hour % 12) + 12;

  if (fields.twelveHour && fields.pm === false) fields.hour %= 12;

  const wallMilliseconds = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);

  if (fields.offsetMinutes !== undefined) return new Date(wallMilliseconds - fields.offsetMinutes * MILLISECONDS_PER_MINUTE);

  // The offset is read at a first guess and then at the result. A wall time that falls in a
  // spring-forward gap keeps the offset from before the gap, so 02:30 becomes 03:30, as in Java.
  const firstGuess = wallMilliseconds - zonedFields(new Date(wallMilliseconds), zone).offsetMinutes * MILLISECONDS_PER_MINUTE;
  const secondGuess = wallMilliseconds - zonedFields(new Date(firstGuess), zone).offsetMinutes * MILLISECONDS_PER_MINUTE;
  const secondFields = zonedFields(new Date(secondGuess), zone);

  if (secondFields.hour === fields.hour && secondFields.minute === fields.minute) return new Date(secondGuess);

  return new Date(firstGuess);
}

/** Reads one field at `position` into `fields`; returns the number of characters read (0 if none matched). */
function parseField(text: string, position: number, token: { letter: string; count: number }, maxDigits: number, fields: ParsedFields): number {
  const rest = text.slice(position);
  const digits = new RegExp(`^[+-]?\\d{1,${Math.min(maxDigits, 12)}}`).exec(rest)?.[0];
  const numeric = (assign: (value: number) => void): number => {
    if (digits === undefined) return 0;

    assign(Number(digits));

    return digits.length;
  };

  switch (token.letter) {
    case 'y':
      return numeric((value) => {
        fields.year = token.count === 2 && digits?.length === 2 ? 2000 + value : value;
      });
    case 'M':
    case 'L':
      if (token.count >= 3) return readName(rest, MONTH_NAMES, (index) => (fields.month = index + 1));

      return numeric((value) => (fields.month = value));
    case 'd':
      return numeric((value) => (fields.day = value));
    case 'E':
      return readName(rest, WEEKDAY_NAMES, () => undefined);
    case 'a':
      return readName(rest, ['AM', 'PM'], (index) => (fields.pm = index === 1));
    case 'H':
    case 'k':
      return numeric((value) => (fields.hour = value === 24 ? 0 : value));
    case 'h':
    case 'K':
      fields.twelveHour = true;

      return numeric((value) => (fields.hour = value));
    case 'm':
      return numeric((value) => (fields.minute = value));
    case 's':
      return numeric((value) => (fields.second = value));
    case 'S':
      return numeric((value) => (fields.millisecond = value));
    case 'Z':
    case 'X':
    case 'z':
      return readOffset(rest, fields);
    default:
      throw new Error(`Pattern letter '${token.letter}' is not supported by the local runtime's parseDate.`);
  }
}

/** Reads a full or three-letter English name, case-insensitively; returns the characters read. */
function readName(rest: string, names: string[], assign: (index: number) => void): number {
  const lower = rest.toLowerCase();

  for (const [index, name] of names.entries()) {
    for (const candidate of [name, name.slice(0, 3)]) {
      if (lower.startsWith(candidate.toLowerCase())) {
        assign(index);

        return candidate.length;
      }
    }
  }

  return 0;
}

/** Reads "Z", "+05", "+0530", "+05:30", "GMT", "UTC" or "GMT+05:30"; returns the characters read. */
function readOffset(rest: string, fields: ParsedFields): number {
  const match = /^(?:Z|(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?|GMT|UTC)/.exec(rest);

  if (match === null) return 0;

  const sign = match[1] === '-' ? -1 : 1;

  fields.offsetMinutes = match[1] === undefined ? 0 : sign * (Number(match[2]) * 60 + Number(match[3] ?? 0));

  return match[0].length;
}
