/**
 * The benchmark's verdicts and its Markdown page: every target with its measured figure, and the
 * table of calls, cells and estimated durations next to the baseline's.
 */
import { COST_SOURCES, estimateMilliseconds, EXECUTION_LIMIT_MILLISECONDS, type CallCounts } from './cost-model';
import { totalCalls } from './measure';
import type { ScenarioResult } from './scenarios';

export interface TargetVerdict {
  target: string;
  met: boolean;
  measured: string;
}

export interface MachineInfo {
  command: string;
  commit: string;
  processors: number;
  cpuModel: string;
  nodeVersion: string;
  date: string;
}

/** Headroom the 10,000-participant import must keep under Apps Script's 6-minute limit. */
const HEADROOM_FACTOR = 5;
const SIZED_CALL_RATIO = 20;
const LARGEST_CALL_RATIO = 50;
const MERGE_LIMIT_MILLISECONDS = 1000;
/** Rows of a new sheet in Google Sheets. */
const DEFAULT_SHEET_ROWS = 1000;

function ratio(baseline: number, addOn: number): number {
  return addOn === 0 ? Infinity : baseline / addOn;
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(1);
}

export function judgeTargets(results: ScenarioResult[], largest: ScenarioResult, merge100k: { sessions: number; cpuMilliseconds: number }): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const sized = results.filter((result) => result.scenario.sized);

  for (const result of results) {
    verdicts.push({
      target: `${result.scenario.name}: fetches <= ceil(sessions / 300) + 2 per occurrence`,
      met: result.addOn.fetches <= result.fetchLimit,
      measured: `${result.addOn.fetches} fetches, limit ${result.fetchLimit}`,
    });
  }

  // A sheet that outgrows its rows needs one Sheet.insertRowsAfter, whatever the number of rows added.
  const growCalls = sized.map((result) => result.addOnCounters['Sheet.insertRowsAfter'] ?? 0);
  const otherWriteCalls = sized.map((result, i) => result.addOn.spreadsheetWrites - (growCalls[i] ?? 0));
  const grownSheets = sized.filter((result) => result.rows > DEFAULT_SHEET_ROWS).map((result) => result.addOnCounters['Sheet.insertRowsAfter'] ?? 0);

  verdicts.push({
    target: 'Spreadsheet write calls independent of the number of rows (insertRowsAfter counted apart: once per sheet that outgrows its rows)',
    met: new Set(otherWriteCalls).size === 1 && new Set(grownSheets).size <= 1,
    measured: sized
      .map((result, i) => `${result.rows.toLocaleString('en-US')} rows: ${result.addOn.spreadsheetWrites} write calls (${growCalls[i] ?? 0} insertRowsAfter)`)
      .join('; '),
  });

  const estimate = estimateMilliseconds(largest.addOn);

  verdicts.push({
    target: `${largest.scenario.name} within one execution with ${HEADROOM_FACTOR}x headroom (estimate <= ${seconds(EXECUTION_LIMIT_MILLISECONDS / HEADROOM_FACTOR)} s)`,
    met: estimate * HEADROOM_FACTOR <= EXECUTION_LIMIT_MILLISECONDS,
    measured: `estimated ${seconds(estimate)} s, ${(EXECUTION_LIMIT_MILLISECONDS / estimate).toFixed(1)}x headroom`,
  });

  for (const result of sized) {
    const needed = result === largest ? LARGEST_CALL_RATIO : SIZED_CALL_RATIO;
    const measured = ratio(totalCalls(result.baseline), totalCalls(result.addOn));

    verdicts.push({
      target: `${result.scenario.name}: total calls at least ${needed}x fewer than the baseline`,
      met: measured >= needed,
      measured: `${totalCalls(result.addOn)} against ${totalCalls(result.baseline)}: ${measured.toFixed(1)}x`,
    });
  }

  verdicts.push({
    target: `Aggregation of ${merge100k.sessions.toLocaleString('en-US')} sessions under ${MERGE_LIMIT_MILLISECONDS} ms of CPU time`,
    met: merge100k.cpuMilliseconds < MERGE_LIMIT_MILLISECONDS,
    measured: `${merge100k.cpuMilliseconds.toFixed(0)} ms`,
  });

  return verdicts;
}

function countsCells(counts: CallCounts): string {
  return `${counts.fetches} / ${counts.spreadsheetReads} / ${counts.spreadsheetWrites} / ${counts.cellsWritten.toLocaleString('en-US')}`;
}

export function renderTable(results: ScenarioResult[]): string {
  const lines = [
    '| Scenario | Sessions | Rows | Add-on fetches / sheet reads / sheet writes / cells written | Baseline, same figures | Total calls: add-on, baseline, ratio | Estimated duration: add-on, baseline, ratio | Merge CPU |',
    '|---|---:|---:|---|---|---|---|---:|',
  ];

  for (const result of results) {
    const addOnTotal = totalCalls(result.addOn);
    const baselineTotal = totalCalls(result.baseline);
    const addOnEstimate = estimateMilliseconds(result.addOn);
    const baselineEstimate = estimateMilliseconds(result.baseline);

    lines.push(
      [
        result.scenario.name,
        result.sessions.toLocaleString('en-US'),
        result.rows.toLocaleString('en-US'),
        countsCells(result.addOn),
        countsCells(result.baseline),
        `${addOnTotal}, ${baselineTotal}, ${ratio(baselineTotal, addOnTotal).toFixed(1)}x`,
        `${seconds(addOnEstimate)} s, ${seconds(baselineEstimate)} s, ${ratio(baselineEstimate, addOnEstimate).toFixed(1)}x`,
        `${result.mergeCpuMilliseconds.toFixed(1)} ms`,
      ].join(' | ').replace(/^/, '| ').concat(' |'),
    );
  }

  return lines.join('\n');
}

export function renderResults(machine: MachineInfo, results: ScenarioResult[], verdicts: TargetVerdict[], notes: string[]): string {
  const costLines = COST_SOURCES.map((cost) => `| ${cost.call} | ${cost.milliseconds} | ${cost.source} |`);
  const verdictLines = verdicts.map((verdict) => `| ${verdict.met ? 'met' : 'NOT MET'} | ${verdict.target} | ${verdict.measured} |`);

  return [
    '# Benchmark results',
    '',
    `Command: \`${machine.command}\` (bench/run.ts). Commit: \`${machine.commit}\`. Run on ${machine.date}.`,
    `Machine: ${machine.processors} processors (\`nproc\`), ${machine.cpuModel}, Node ${machine.nodeVersion}.`,
    '',
    'Every scenario runs the built bundle in the offline Apps Script runtime against the Zoom emulator,',
    'then the baseline (bench/baseline.ts: Zoom\'s default page size of 30, one `appendRow` per record,',
    'no merge) on the same emulator and meetings. Calls are counted by the runtime\'s services; cells are',
    'counted in every `setValues`, `appendRow` and `getValues`. Merge CPU is the median CPU time of',
    '`mergeSessions` (src/attendance/merge.ts) over the same sessions, measured on this machine.',
    '',
    '## Targets',
    '',
    '| Verdict | Target | Measured |',
    '|---|---|---|',
    ...verdictLines,
    '',
    '## Calls, cells and estimated duration',
    '',
    renderTable(results),
    '',
    '## Cost model (an estimate)',
    '',
    'The estimated duration prices each service call with a third-party measurement; script CPU time is',
    'left out. Real latencies differ with the API, payload size and load, so the durations above are',
    'estimates, while the call counts are exact for this code and data.',
    '',
    '| Call | Milliseconds | Source |',
    '|---|---:|---|',
    ...costLines,
    '',
    ...(notes.length > 0 ? ['## Notes', '', ...notes.map((note) => `- ${note}`), ''] : []),
  ].join('\n');
}
