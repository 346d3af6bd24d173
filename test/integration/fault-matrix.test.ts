/**
 * The fault matrix: an import by meeting ID and a nightly sync, each under every fault the Zoom
 * emulator can inject. For every cell of the matrix the sheet holds, per occurrence, either no rows
 * or exactly the rows of a fault-free import, no row twice, and the expected message. The observed
 * matrix is written to docs/fault-matrix.md; set UPDATE_FAULT_MATRIX=1 to rewrite the file, and the
 * last test fails while the committed file differs from the run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateRecurringMeeting } from '../../local/data/generators';
import type { FaultRule } from '../../local/zoom-emulator';
import { startOffline, type Offline } from './harness';

/** Three weekly occurrences of 321 sessions each (320 students and the host), so two pages of 300 each. */
const meeting = generateRecurringMeeting({ occurrences: 3, participants: 400, meetingId: 94_000_000_001 });
const meetingId = String(meeting.id);
const NOW = Date.parse('2024-04-20T08:00:00Z');
const DAILY_RETRY_AT = '2024-04-21T00:00:00Z';
const MATRIX_FILE = path.join(__dirname, '..', '..', 'docs', 'fault-matrix.md');

function occurrenceAt(index: number): { uuid: string } {
  const occurrence = meeting.occurrences[index];

  if (occurrence === undefined) throw new Error(`The generated meeting has no occurrence ${index}`);

  return occurrence;
}

/** The third occurrence: faults hit it, so that the first two are fetched (and, in a sync, written) first. */
const target = occurrenceAt(2);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const TARGET_PARTICIPANTS = `^/v2/past_meetings/${escapeRegExp(target.uuid)}/participants$`;

/** Omit applied to each member of a union, so that each kind of fault keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type FaultWithoutPath = DistributiveOmit<FaultRule, 'path'>;

function onTargetPage2(fault: FaultWithoutPath): FaultRule {
  return { ...fault, path: TARGET_PARTICIPANTS, page: 2 } as FaultRule;
}

type Mode = 'import' | 'sync';

/** What a case left behind: which occurrences have rows, and the message shown to the user. */
interface Observation {
  occurrences: string;
  message: string;
  tokenRefreshes: number;
}

interface FaultCase {
  fault: string;
  /** Injects the fault after the connection (and, for a sync, the tracking) is set up. */
  arrange: (offline: Offline) => Promise<void>;
  /** Runs the import or the sync together with a second execution. */
  concurrent?: boolean;
  expected: Record<Mode, { occurrences: string; message: RegExp }>;
}

const ALL = 'all 3 occurrences';
const NONE = 'none (sheet unchanged)';
const FIRST_TWO = 'first 2 of 3; the third has no rows';
const NO_MESSAGE = /^$/;
const SYNC_OK = /^OK$/;

function inject(faults: FaultRule[]): (offline: Offline) => Promise<void> {
  return (offline) => offline.emulator.injectFaults(faults);
}

const CASES: FaultCase[] = [
  {
    fault: '429 per-second limit, once',
    arrange: inject([onTargetPage2({ kind: 'rate-limit-per-second', retryAfterSeconds: 1 })]),
    expected: { import: { occurrences: ALL, message: NO_MESSAGE }, sync: { occurrences: ALL, message: SYNC_OK } },
  },
  {
    fault: '429 per-second limit, every retry',
    arrange: inject([onTargetPage2({ kind: 'rate-limit-per-second', times: 5 })]),
    expected: {
      import: { occurrences: NONE, message: /"too many requests" for \/past_meetings\/<uuid>\/participants.*try again in a few minutes$/ },
      sync: { occurrences: FIRST_TWO, message: /"too many requests" for \/past_meetings\/<uuid>\/participants/ },
    },
  },
  {
    fault: '429 daily limit, Retry-After date',
    arrange: inject([onTargetPage2({ kind: 'rate-limit-daily', retryAt: DAILY_RETRY_AT })]),
    expected: {
      import: { occurrences: NONE, message: /^Zoom's daily limit is reached; the next run continues after 2024-04-21T00:00:00.000Z$/ },
      sync: { occurrences: FIRST_TWO, message: /Zoom's daily limit is reached; the next run continues after 2024-04-21T00:00:00.000Z/ },
    },
  },
  ...([500, 502, 503] as const).flatMap((status): FaultCase[] => [
    {
      fault: `${status}, once`,
      arrange: inject([onTargetPage2({ kind: 'server-error', status })]),
      expected: { import: { occurrences: ALL, message: NO_MESSAGE }, sync: { occurrences: ALL, message: SYNC_OK } },
    },
    {
      fault: `${status}, every retry`,
      arrange: inject([onTargetPage2({ kind: 'server-error', status, times: 4 })]),
      expected: {
        import: { occurrences: NONE, message: new RegExp(`^Could not reach Zoom \\(Zoom answered ${status}\\); nothing was changed, try again$`) },
        sync: { occurrences: FIRST_TWO, message: new RegExp(`Could not reach Zoom \\(Zoom answered ${status}\\)`) },
      },
    },
  ]),
  {
    fault: 'dropped connection, once',
    arrange: inject([onTargetPage2({ kind: 'drop-connection' })]),
    expected: { import: { occurrences: ALL, message: NO_MESSAGE }, sync: { occurrences: ALL, message: SYNC_OK } },
  },
  {
    fault: 'dropped connection, every retry',
    arrange: inject([onTargetPage2({ kind: 'drop-connection', times: 3 })]),
    expected: {
      import: { occurrences: NONE, message: /^Could not reach Zoom \(Address unavailable\); nothing was changed, try again$/ },
      sync: { occurrences: FIRST_TWO, message: /Could not reach Zoom \(Address unavailable\)/ },
    },
  },
  {
    fault: 'answer slower than the fetch deadline, once',
    arrange: inject([onTargetPage2({ kind: 'slow', delayMilliseconds: 4000 })]),
    expected: { import: { occurrences: ALL, message: NO_MESSAGE }, sync: { occurrences: ALL, message: SYNC_OK } },
  },
  {
    fault: 'answer slower than the fetch deadline, every retry',
    arrange: inject([onTargetPage2({ kind: 'slow', delayMilliseconds: 4000, times: 3 })]),
    expected: {
      import: { occurrences: NONE, message: /^Could not reach Zoom \(Timeout\); nothing was changed, try again$/ },
      sync: { occurrences: FIRST_TWO, message: /Could not reach Zoom \(Timeout\)/ },
    },
  },
  {
    fault: 'access token expired mid-run',
    arrange: inject([onTargetPage2({ kind: 'token-expired' })]),
    expected: { import: { occurrences: ALL, message: NO_MESSAGE }, sync: { occurrences: ALL, message: SYNC_OK } },
  },
  {
    fault: 'two executions refreshing an expired token at once',
    arrange: async (offline) => {
      offline.clock.advance(2 * 3600 * 1000);
      await offline.emulator.setClock(offline.clock.now());
    },
    concurrent: true,
    expected: { import: { occurrences: ALL, message: NO_MESSAGE }, sync: { occurrences: ALL, message: SYNC_OK } },
  },
  {
    fault: 'page token expired, once',
    arrange: inject([onTargetPage2({ kind: 'page-token-expired' })]),
    expected: { import: { occurrences: ALL, message: NO_MESSAGE }, sync: { occurrences: ALL, message: SYNC_OK } },
  },
  {
    fault: 'page token expired, again after the restart',
    arrange: inject([onTargetPage2({ kind: 'page-token-expired', times: 2 })]),
    expected: {
      import: { occurrences: NONE, message: /^Zoom's page token expired while reading \/past_meetings\/<uuid>\/participants/ },
      sync: { occurrences: FIRST_TWO, message: /Zoom's page token expired while reading \/past_meetings\/<uuid>\/participants/ },
    },
  },
  {
    fault: 'report not ready for the third occurrence',
    arrange: (offline) => offline.emulator.updateOccurrence(meeting.id, target.uuid, { report: 'not-ended' }),
    expected: {
      import: { occurrences: FIRST_TWO, message: /^1 occurrence\(s\) pending: Zoom has not finished the report; try again in an hour$/ },
      sync: { occurrences: FIRST_TWO, message: /Pending|pending/ },
    },
  },
];

type RowsByUuid = Map<string, string[]>;

function rowsByUuid(offline: Offline): RowsByUuid {
  const grouped: RowsByUuid = new Map();

  for (const row of offline.table()) {
    const uuid = String(row['Meeting UUID']);
    const rows = grouped.get(uuid) ?? [];

    rows.push(JSON.stringify(row));
    grouped.set(uuid, rows);
  }

  for (const rows of grouped.values()) rows.sort();

  return grouped;
}

function describeOccurrences(present: boolean[]): string {
  const count = present.filter(Boolean).length;

  if (count === present.length) return ALL;

  if (count === 0) return NONE;

  if (count === 2 && present[2] === false) return FIRST_TWO;

  return `occurrences present: ${present.map((here) => (here ? 'yes' : 'no')).join(', ')}`;
}

/** Replaces the occurrences' UUIDs, plain or percent-encoded once or twice, with <uuid>. */
function masked(text: string): string {
  const forms = meeting.occurrences.flatMap((occurrence) => {
    const once = encodeURIComponent(occurrence.uuid);

    return [encodeURIComponent(once), once, occurrence.uuid];
  });

  return forms.reduce((result, form) => result.split(form).join('<uuid>'), text);
}

function syncTrigger(offline: Offline): string {
  offline.call('trackMeeting', meetingId);
  offline.call('setNightlySync', true, 6);

  const trigger = offline.runtime.world.triggers.find((candidate) => candidate.handlerFunction === 'runNightlySync');

  if (trigger === undefined) throw new Error('setNightlySync created no runNightlySync trigger');

  return trigger.uid;
}

function lastSyncLogLine(offline: Offline): string {
  const log = offline.sheet('Sync log').values();
  const last = log[log.length - 1] ?? [];

  const message = String(last[7] ?? '');

  return message === '' ? String(last[6] ?? '') : `${String(last[6] ?? '')} / ${message}`;
}

async function runImport(offline: Offline, fault: FaultCase): Promise<string> {
  if (fault.concurrent === true) {
    const results = await offline.runtime.runConcurrently([
      { functionName: 'importAttendance', args: [meetingId] },
      { functionName: 'importAttendance', args: [meetingId], startDelayMilliseconds: 20 },
    ]);

    return results.map((result) => result.error?.message ?? '').filter((message) => message !== '').join(' | ');
  }

  try {
    return offline.call<{ warnings: string[] }>('importAttendance', meetingId).warnings.join(' | ');
  } catch (error) {
    return (error as Error).message;
  }
}

async function runSync(offline: Offline, uid: string, fault: FaultCase): Promise<string> {
  if (fault.concurrent === true) {
    const results = await offline.runtime.runConcurrently([
      { functionName: 'runNightlySync', args: [{ authMode: 'FULL', triggerUid: uid }], context: { trigger: true, spreadsheetId: null } },
      { functionName: 'importAttendance', args: [meetingId], startDelayMilliseconds: 20 },
    ]);
    const errors = results.map((result) => result.error?.message ?? '').filter((message) => message !== '');

    return [lastSyncLogLine(offline), ...errors].join(' | ');
  }

  offline.runtime.fireTrigger(uid);

  return lastSyncLogLine(offline);
}

/** Runs one cell of the matrix in a fresh emulator and runtime, and checks the invariants on the sheet. */
async function observe(mode: Mode, fault: FaultCase, reference: RowsByUuid): Promise<Observation> {
  const offline = await startOffline({ meetings: [meeting], now: NOW });

  try {
    await offline.connect();

    const uid = mode === 'sync' ? syncTrigger(offline) : '';
    // NOTE: only the concurrent case reads the emulator's request log afterwards. After a long idle
    // wait (the slow-answer cases) a control request on a reused keep-alive socket can fail with
    // "other side closed".
    const tokenRequestsBefore = fault.concurrent === true ? await offline.tokenRequests() : 0;

    await fault.arrange(offline);

    const before = offline.sheet('Sheet1').values();
    const message = mode === 'import' ? await runImport(offline, fault) : await runSync(offline, uid, fault);
    const found = rowsByUuid(offline);
    const keys = offline.table().map((row) => `${String(row['Meeting UUID'])} ${String(row['Participant key'])}`);

    expect(new Set(keys).size).toBe(keys.length);

    for (const [uuid, rows] of found) expect(rows).toEqual(reference.get(uuid));

    if (found.size === 0) expect(offline.sheet('Sheet1').values()).toEqual(before);

    return {
      occurrences: describeOccurrences(meeting.occurrences.map((occurrence) => found.has(occurrence.uuid))),
      message: masked(message),
      tokenRefreshes: fault.concurrent === true ? (await offline.tokenRequests()) - tokenRequestsBefore : 0,
    };
  } finally {
    await offline.stop();
  }
}

const observed: Array<{ fault: string; import?: Observation; sync?: Observation }> = CASES.map((fault) => ({ fault: fault.fault }));
let reference: RowsByUuid = new Map();

beforeAll(async () => {
  const offline = await startOffline({ meetings: [meeting], now: NOW });

  try {
    await offline.connect();
    offline.call('importAttendance', meetingId);
    reference = rowsByUuid(offline);
  } finally {
    await offline.stop();
  }

  expect(reference.size).toBe(3);
});

describe.each(['import', 'sync'] as const)('%s under faults', (mode) => {
  test.each(CASES.map((fault, index) => [fault.fault, fault, index] as const))('%s', async (_name, fault, index) => {
    const observation = await observe(mode, fault, reference);
    const entry = observed[index];

    if (entry !== undefined) entry[mode] = observation;

    expect(observation.occurrences).toBe(fault.expected[mode].occurrences);
    expect(observation.message).toMatch(fault.expected[mode].message);

    if (fault.concurrent === true) expect(observation.tokenRefreshes).toBe(1);
  });
});

function cell(text: string): string {
  return text === '' ? '(none)' : text.replace(/\|/g, '\\|');
}

function renderMatrix(): string {
  const lines = [
    '# Fault matrix',
    '',
    'Generated by `test/integration/fault-matrix.test.ts` (run it with `UPDATE_FAULT_MATRIX=1` to rewrite this file).',
    'The meeting is a weekly meeting with 3 occurrences of 321 join sessions each, so two pages of up to 300.',
    `The Zoom emulator injects each fault into the second page of the third occurrence's participants,`,
    'unless the fault names another moment. "Import" is `importAttendance` by meeting ID, which fetches every',
    'occurrence before it writes. "Sync" is the nightly trigger, which writes after each occurrence.',
    'In every cell no row appears twice, and every occurrence present has exactly the rows of a fault-free import.',
    '',
    '| Fault | Import: rows written | Import: message | Sync: rows written | Sync: log status / message |',
    '|---|---|---|---|---|',
  ];

  for (const entry of observed) {
    lines.push(
      `| ${entry.fault} | ${cell(entry.import?.occurrences ?? 'not run')} | ${cell(entry.import?.message ?? '')} | ` +
        `${cell(entry.sync?.occurrences ?? 'not run')} | ${cell(entry.sync?.message ?? '')} |`,
    );
  }

  return `${lines.join('\n')}\n`;
}

// Declared after the matrix, so that it runs once every cell is observed.
describe('generated matrix', () => {
  test('docs/fault-matrix.md matches this run', () => {
    const generated = renderMatrix();

    if (process.env.UPDATE_FAULT_MATRIX === '1') writeFileSync(MATRIX_FILE, generated);

    expect(existsSync(MATRIX_FILE)).toBe(true);
    expect(readFileSync(MATRIX_FILE, 'utf8')).toBe(generated);
  });
});
