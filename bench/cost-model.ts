/**
 * An estimate of how long an execution takes in Apps Script, from the number of service calls it
 * makes. The per-call costs below are third-party measurements, not Google figures, and real
 * latencies vary with the API, the payload and the time of day: treat every result as an estimate.
 */

export interface CostSource {
  call: string;
  milliseconds: number;
  source: string;
}

/** One UrlFetchApp.fetch: three sequential fetches to the Google Books API took 1.769 s in total. */
export const FETCH_MILLISECONDS = 600;

/**
 * One SpreadsheetApp read call (getValues, getLastRow, getRange, ...): a loop calling getLastRow()
 * 1,000 times took 160.4 s, against 0.78 s with the call taken out of the loop. Reads served from
 * Apps Script's look-ahead cache are far cheaper (1,000 getRange().getValue() calls took 3.1 s on the
 * same page), so this price is on the high side.
 */
export const SPREADSHEET_READ_MILLISECONDS = 160;

/**
 * One SpreadsheetApp write call (setValues, appendRow, setNumberFormats, ...): 400 rows written one
 * row at a time with flush() after each took almost 12 s, so about 30 ms per committed row write.
 * Without flush() the same 400 rows took 164 ms, because Apps Script caches writes: a loop of
 * appendRow calls may cost less than this price.
 */
export const SPREADSHEET_WRITE_MILLISECONDS = 30;

/** Per cell moved by setValues or getValues: one 4,000-cell setValues took under 50 ms. */
export const CELL_MILLISECONDS = 50 / 4000;

/** PropertiesService getProperty averaged 30 ms and setProperty 62 ms over 100 runs. */
export const PROPERTY_READ_MILLISECONDS = 30;
export const PROPERTY_WRITE_MILLISECONDS = 62;

/** CacheService get averaged 3 ms and put 93 ms over 100 runs. */
export const CACHE_READ_MILLISECONDS = 3;
export const CACHE_WRITE_MILLISECONDS = 93;

/** LockService: no measurement was found; priced as a property read (an assumption). */
export const LOCK_MILLISECONDS = 30;

/** Apps Script's limit on one execution: 6 minutes. */
export const EXECUTION_LIMIT_MILLISECONDS = 6 * 60 * 1000;

export const COST_SOURCES: CostSource[] = [
  {
    call: 'UrlFetchApp.fetch',
    milliseconds: FETCH_MILLISECONDS,
    source: 'https://www.pre-practice.net/2020/03/urlfetchappfetchallfetch.html (3 sequential fetches: 1.769 s)',
  },
  {
    call: 'Spreadsheet read call',
    milliseconds: SPREADSHEET_READ_MILLISECONDS,
    source: 'https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html (1,000 getLastRow() calls: 160.4 s)',
  },
  {
    call: 'Spreadsheet write call',
    milliseconds: SPREADSHEET_WRITE_MILLISECONDS,
    source:
      'https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp (400 row writes with flush(): almost 12 s)',
  },
  {
    call: 'Cell read or written',
    milliseconds: CELL_MILLISECONDS,
    source: 'same page (one 4,000-cell setValues: under 50 ms)',
  },
  {
    call: 'Property read / write',
    milliseconds: PROPERTY_READ_MILLISECONDS,
    source: `https://ziritione.org/post/apps_script_performance (getProperty 30 ms, setProperty ${PROPERTY_WRITE_MILLISECONDS} ms averages)`,
  },
  {
    call: 'Cache read / write',
    milliseconds: CACHE_READ_MILLISECONDS,
    source: `same page (get 3 ms, put ${CACHE_WRITE_MILLISECONDS} ms averages)`,
  },
  { call: 'Lock call', milliseconds: LOCK_MILLISECONDS, source: 'no measurement found: assumed equal to a property read' },
];

/** The service calls of one measured run, classified by the bench. */
export interface CallCounts {
  fetches: number;
  spreadsheetReads: number;
  spreadsheetWrites: number;
  cellsRead: number;
  cellsWritten: number;
  propertyReads: number;
  propertyWrites: number;
  cacheReads: number;
  cacheWrites: number;
  lockCalls: number;
}

/** Estimates the Apps Script duration of the calls, in milliseconds, ignoring script CPU time. */
export function estimateMilliseconds(counts: CallCounts): number {
  return (
    counts.fetches * FETCH_MILLISECONDS +
    counts.spreadsheetReads * SPREADSHEET_READ_MILLISECONDS +
    counts.spreadsheetWrites * SPREADSHEET_WRITE_MILLISECONDS +
    (counts.cellsRead + counts.cellsWritten) * CELL_MILLISECONDS +
    counts.propertyReads * PROPERTY_READ_MILLISECONDS +
    counts.propertyWrites * PROPERTY_WRITE_MILLISECONDS +
    counts.cacheReads * CACHE_READ_MILLISECONDS +
    counts.cacheWrites * CACHE_WRITE_MILLISECONDS +
    counts.lockCalls * LOCK_MILLISECONDS
  );
}
