/**
 * The benchmark's scenarios: each runs once through the add-on's built bundle and once through the
 * baseline, in fresh offline runtimes against one shared Zoom emulator, and returns what each asked
 * of Apps Script's services.
 */
import { approveAuthorization } from '../local/authorize';
import { LOCAL_SCRIPT_ID, TEACHER, USER_APP } from '../local/data/seeds';
import { Clock, LocalRuntime } from '../local/runtime';
import type { EmulatedMeeting, EmulatedSession, ZoomEmulator } from '../local/zoom-emulator';
import { mergeSessions } from '../src/attendance/merge';
import type { JoinSession } from '../src/attendance/types';
import { startBaselineRuntime } from './baseline';
import type { CallCounts } from './cost-model';
import { classifyCalls, countCells } from './measure';

export interface Scenario {
  name: string;
  kind: 'import' | 'sync';
  meetings: EmulatedMeeting[];
  /** Whether the size targets (20x fewer calls, write calls independent of rows) apply. */
  sized: boolean;
}

export interface ScenarioResult {
  scenario: Scenario;
  sessions: number;
  occurrences: number;
  rows: number;
  /** ceil(sessions / 300) + 2 summed over the occurrences: the most fetches the target allows. */
  fetchLimit: number;
  addOn: CallCounts;
  /** The add-on's raw world.counters, by service method. */
  addOnCounters: Record<string, number>;
  baseline: CallCounts;
  /** Median CPU time of mergeSessions over every occurrence's sessions, in milliseconds. */
  mergeCpuMilliseconds: number;
}

/** Zoom's largest page: the add-on's fetch target is one page per 300 records plus two calls. */
const ZOOM_MAX_PAGE_SIZE = 300;
const MERGE_REPETITIONS = 5;

/** Converts the emulator's session to what the add-on's normalisation yields for the same record. */
export function toJoinSession(session: EmulatedSession): JoinSession {
  return {
    zoomUserId: session.participantUserId ?? '',
    sessionId: session.userId,
    name: session.name,
    email: (session.email ?? '').toLowerCase(),
    registrantId: session.registrantId ?? '',
    joinMilliseconds: Date.parse(session.joinTime),
    leaveMilliseconds: Date.parse(session.leaveTime),
    inWaitingRoom: session.status === 'in_waiting_room',
  };
}

/** Median CPU time, in milliseconds, of merging every occurrence of the meetings. */
export function timeMerge(meetings: EmulatedMeeting[]): number {
  const inputs = meetings.flatMap((meeting) =>
    meeting.occurrences.map((occurrence) => ({
      sessions: occurrence.sessions.map(toJoinSession),
      window: { startMilliseconds: Date.parse(occurrence.startTime), endMilliseconds: Date.parse(occurrence.endTime ?? occurrence.startTime) },
    })),
  );
  const samples: number[] = [];

  for (let i = 0; i < MERGE_REPETITIONS; i += 1) {
    const started = process.cpuUsage();

    for (const input of inputs) mergeSessions(input.sessions, input.window);

    const used = process.cpuUsage(started);

    samples.push((used.user + used.system) / 1000);
  }

  samples.sort((a, b) => a - b);

  return samples[Math.floor(samples.length / 2)] ?? 0;
}

async function connectedRuntime(emulator: ZoomEmulator, clock: Clock): Promise<LocalRuntime> {
  const runtime = new LocalRuntime({ zoomBaseUrl: emulator.baseUrl, scriptId: LOCAL_SCRIPT_ID, clock, userEmail: TEACHER.email });

  runtime.world.scriptProperties.set('ZOOM_CLIENT_ID', USER_APP.clientId);
  runtime.world.scriptProperties.set('ZOOM_CLIENT_SECRET', USER_APP.clientSecret);
  runtime.world.createSpreadsheet({ name: 'Bench', timeZone: 'Europe/London' });

  const callback = await approveAuthorization(String(runtime.run('getAuthorizationUrl')), emulator.baseUrl, clock);

  runtime.playUserCallback(callback);

  return runtime;
}

function meetingIds(scenario: Scenario): string[] {
  return scenario.meetings.map((meeting) => String(meeting.id));
}

/** Runs the add-on's side of a scenario and returns its counts and the rows of its table. */
function runAddOn(runtime: LocalRuntime, scenario: Scenario): { counts: CallCounts; counters: Record<string, number>; rows: number } {
  const world = runtime.world;

  if (scenario.kind === 'sync') {
    for (const id of meetingIds(scenario)) runtime.run('trackMeeting', [id]);

    runtime.run('setNightlySync', [true, 6]);
  }

  const cells = countCells(world);

  world.resetCounters();

  if (scenario.kind === 'import') {
    for (const id of meetingIds(scenario)) runtime.run('importAttendance', [id]);
  } else {
    const trigger = world.triggers.find((candidate) => candidate.handlerFunction === 'runNightlySync');

    if (trigger === undefined) throw new Error('setNightlySync created no runNightlySync trigger');

    runtime.fireTrigger(trigger.uid);
  }

  const counts = classifyCalls(world.counters, cells);
  const spreadsheet = world.defaultSpreadsheetId === null ? null : world.spreadsheet(world.defaultSpreadsheetId);
  const rows = (spreadsheet?.sheets() ?? []).reduce((sum, sheet) => {
    const header = sheet.values()[0] ?? [];

    return header.includes('Participant key') ? sum + sheet.values().length - 1 : sum;
  }, 0);

  return { counts, counters: { ...world.counters }, rows };
}

function runBaseline(runtime: LocalRuntime, scenario: Scenario): CallCounts {
  const cells = countCells(runtime.world);

  runtime.world.resetCounters();

  if (scenario.kind === 'sync' || scenario.meetings.some((meeting) => meeting.occurrences.length > 1)) {
    runtime.run('baselineImportAll', [meetingIds(scenario)]);
  } else {
    for (const id of meetingIds(scenario)) runtime.run('baselineImportLatest', [id]);
  }

  return classifyCalls(runtime.world.counters, cells);
}

export async function runScenario(emulator: ZoomEmulator, now: number, scenario: Scenario): Promise<ScenarioResult> {
  const clock = new Clock(now);
  const runtime = await connectedRuntime(emulator, clock);

  try {
    const addOn = runAddOn(runtime, scenario);
    const storedToken = runtime.world.userProperties(TEACHER.email).get('oauth2.zoom');

    if (storedToken === null) throw new Error('The add-on stored no token after connecting');


    const baselineRuntime = startBaselineRuntime({ zoomBaseUrl: emulator.baseUrl, clock, userEmail: TEACHER.email, storedToken });

    try {
      const baseline = runBaseline(baselineRuntime.runtime, scenario);
      const occurrences = scenario.meetings.flatMap((meeting) => meeting.occurrences);

      return {
        scenario,
        sessions: occurrences.reduce((sum, occurrence) => sum + occurrence.sessions.length, 0),
        occurrences: occurrences.length,
        rows: addOn.rows,
        fetchLimit: occurrences.reduce((sum, occurrence) => sum + Math.ceil(occurrence.sessions.length / ZOOM_MAX_PAGE_SIZE) + 2, 0),
        addOn: addOn.counts,
        addOnCounters: addOn.counters,
        baseline,
        mergeCpuMilliseconds: timeMerge(scenario.meetings),
      };
    } finally {
      await baselineRuntime.dispose();
    }
  } finally {
    await runtime.dispose();
  }
}
