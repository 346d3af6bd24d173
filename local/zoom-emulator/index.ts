// Host side of the Zoom emulator: starts the built emulator (build/local/zoom-emulator.cjs) as a child
// process and drives it through its HTTP control API. The emulator runs in its own process because the
// add-on's synchronous fetch blocks the calling thread.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { EmulatedMeeting, EmulatedOccurrence, EmulatorSeed, FaultRule, RecordedRequest } from './model';

export type {
  EmulatedApp,
  EmulatedMeeting,
  EmulatedOccurrence,
  EmulatedSession,
  EmulatedUser,
  EmulatorSeed,
  FaultRule,
  RecordedRequest,
} from './model';

const STARTUP_TIMEOUT_MILLISECONDS = 15_000;

export interface ZoomEmulator {
  /** http://127.0.0.1:<port>; both https://zoom.us and https://api.zoom.us are routed here. */
  readonly baseUrl: string;
  /** Replaces all data, tokens, faults and the request log. */
  seed(seed: EmulatorSeed): Promise<void>;
  /** Adds one meeting, or replaces the meeting with the same ID. */
  addMeeting(meeting: EmulatedMeeting): Promise<void>;
  updateOccurrence(meetingId: number, uuid: string, patch: Partial<EmulatedOccurrence>): Promise<void>;
  /** Appends fault rules; each rule fires `times` times (default 1). */
  injectFaults(faults: FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** Every request received outside the control API, in order. */
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  /** Fixes the emulator's "now" (epoch milliseconds); null follows real time. */
  setClock(epochMs: number | null): Promise<void>;
  /** Revokes every token, or one user's, as when a user re-authorizes elsewhere or removes the app. */
  revokeAllTokens(userId?: string): Promise<void>;
  /** Stops the child process and waits for it to exit. */
  stop(): Promise<void>;
}

/** Finds the built entry point. This file runs from local/zoom-emulator/ (ts-jest) or build/local/ (bundles). */
function emulatorEntry(): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', 'build', 'local', 'zoom-emulator.cjs'),
    path.resolve(__dirname, 'zoom-emulator.cjs'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));

  if (!found) {
    throw new Error(`Zoom emulator build not found at ${candidates[0]}: run "node esbuild.config.mjs" first.`);
  }

  return found;
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Zoom emulator did not print "LISTENING <port>" within ${STARTUP_TIMEOUT_MILLISECONDS} ms.`));
    }, STARTUP_TIMEOUT_MILLISECONDS);

    lines.once('line', (line) => {
      clearTimeout(timer);

      const match = /^LISTENING (\d+)$/.exec(line);

      if (match) resolve(Number(match[1]));
      else reject(new Error(`Zoom emulator printed an unexpected first line: ${line}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Zoom emulator exited before listening (code ${code}, signal ${signal}).`));
    });
  });
}

async function sendControl(baseUrl: string, method: string, route: string, body?: unknown): Promise<Response> {
  const request: RequestInit = {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };

  try {
    return await fetch(`${baseUrl}/__emulator/${route}`, request);
  } catch (error) {
    // fetch reuses a kept-alive connection, which the server may close just as a request starts
    // ("other side closed"); the request never reached the server, so it is sent once more.
    if (!/other side closed|socket|ECONNRESET/i.test(String((error as { cause?: unknown }).cause ?? error))) throw error;

    return fetch(`${baseUrl}/__emulator/${route}`, request);
  }
}

async function control(baseUrl: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await sendControl(baseUrl, method, route, body);
  const text = await response.text();

  if (!response.ok) throw new Error(`Zoom emulator control ${method} ${route} failed: ${response.status} ${text}`);

  return text === '' ? undefined : JSON.parse(text);
}

export async function startZoomEmulator(options: { seed?: EmulatorSeed } = {}): Promise<ZoomEmulator> {
  const child = spawn(process.execPath, [emulatorEntry(), '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await waitForPort(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const call = (method: string, route: string, body?: unknown): Promise<unknown> => control(baseUrl, method, route, body);

  const emulator: ZoomEmulator = {
    baseUrl,
    seed: async (seed) => void (await call('POST', 'seed', seed)),
    addMeeting: async (meeting) => void (await call('POST', 'meetings', meeting)),
    updateOccurrence: async (meetingId, uuid, patch) => void (await call('POST', 'occurrence', { meetingId, uuid, patch })),
    injectFaults: async (faults) => void (await call('POST', 'faults', faults)),
    clearFaults: async () => void (await call('DELETE', 'faults')),
    requests: async () => (await call('GET', 'requests')) as RecordedRequest[],
    clearRequests: async () => void (await call('DELETE', 'requests')),
    setClock: async (epochMs) => void (await call('POST', 'clock', { epochMs })),
    revokeAllTokens: async (userId) => void (await call('POST', 'revoke-tokens', userId === undefined ? {} : { userId })),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');

      await exited;
    },
  };

  if (options.seed) {
    try {
      await emulator.seed(options.seed);
    } catch (error) {
      await emulator.stop();
      throw error;
    }
  }

  return emulator;
}
