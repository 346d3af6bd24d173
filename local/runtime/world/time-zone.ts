/** Wall-clock parts of an instant in an IANA time zone, and the reverse conversion, using Intl. */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);

  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }

  return formatter;
}

export function wallTimeAt(epochMilliseconds: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};

  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMilliseconds))) parts[part.type] = part.value;

  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMilliseconds % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

/** Returns the instant at which the wall clock in timeZone shows the given time (the earlier one in a DST overlap). */
export function epochFromWallTime(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc - offsetMilliseconds(asUtc, timeZone);

  guess = asUtc - offsetMilliseconds(guess, timeZone);

  return guess;
}

function offsetMilliseconds(epochMilliseconds: number, timeZone: string): number {
  const wall = wallTimeAt(epochMilliseconds, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

  return wallAsUtc - (epochMilliseconds - wall.millisecond);
}
