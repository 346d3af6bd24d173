/**
 * Starts the Zoom emulator and the local Apps Script runtime with the built bundle, and plays the
 * user's steps: connect Zoom through the real authorization round trip, then call server functions.
 */
import { approveAuthorization } from '../../local/authorize';
import { LOCAL_SCRIPT_ID, standardSeed, TEACHER, USER_APP } from '../../local/data/seeds';
import { Clock, LocalRuntime, type SheetModel, type SpreadsheetModel } from '../../local/runtime';
import type { ExecutionContext } from '../../local/runtime';
import { startZoomEmulator, type EmulatedMeeting, type EmulatorSeed, type ZoomEmulator } from '../../local/zoom-emulator';

export interface OfflineOptions {
  meetings?: EmulatedMeeting[];
  seed?: Partial<EmulatorSeed>;
  /** Epoch ms of the shared clock; default the day after the generated meetings. */
  now?: number;
  timeZone?: string;
  userEmail?: string;
  scriptProperties?: Record<string, string>;
}

export const DEFAULT_NOW = Date.parse('2024-05-07T08:00:00Z');

export class Offline {
  readonly clock: Clock;
  readonly runtime: LocalRuntime;
  readonly spreadsheet: SpreadsheetModel;

  constructor(
    readonly emulator: ZoomEmulator,
    options: OfflineOptions,
  ) {
    this.clock = new Clock(options.now ?? DEFAULT_NOW);
    this.runtime = new LocalRuntime({
      zoomBaseUrl: emulator.baseUrl,
      scriptId: LOCAL_SCRIPT_ID,
      clock: this.clock,
      userEmail: options.userEmail ?? TEACHER.email,
      fetchDeadlineMilliseconds: 3000,
    });

    const properties = options.scriptProperties ?? { ZOOM_CLIENT_ID: USER_APP.clientId, ZOOM_CLIENT_SECRET: USER_APP.clientSecret };

    for (const [key, value] of Object.entries(properties)) this.runtime.world.scriptProperties.set(key, value);

    this.spreadsheet = this.runtime.world.createSpreadsheet({ name: 'Class', timeZone: options.timeZone ?? 'Europe/London' });
  }

  call<T = unknown>(functionName: string, ...args: unknown[]): T {
    return this.runtime.run(functionName, args) as T;
  }

  callIn<T = unknown>(context: ExecutionContext, functionName: string, ...args: unknown[]): T {
    return this.runtime.run(functionName, args, context) as T;
  }

  /** Plays the user's click on Authorize Zoom and approval on Zoom's consent page. */
  async connect(): Promise<{ html: string; title: string }> {
    const url = this.call<string>('getAuthorizationUrl');
    const callback = await approveAuthorization(url, this.emulator.baseUrl, this.clock);

    return this.runtime.playUserCallback(callback);
  }

  sheet(name: string): SheetModel {
    const sheet = this.spreadsheet.sheetByName(name);

    if (sheet === null) throw new Error(`No sheet named "${name}"; sheets: ${this.spreadsheet.sheets().map((s) => s.name).join(', ')}`);

    return sheet;
  }

  /** The attendance table as objects keyed by header name. */
  table(name = 'Sheet1'): Array<Record<string, unknown>> {
    const [header, ...rows] = this.sheet(name).values();

    return rows.map((row) => Object.fromEntries((header ?? []).map((h, i) => [String(h), row[i]])));
  }

  async tokenRequests(): Promise<number> {
    return (await this.emulator.requests()).filter((r) => r.path === '/oauth/token').length;
  }

  async apiRequests(): Promise<string[]> {
    return (await this.emulator.requests()).filter((r) => r.path.startsWith('/v2/')).map((r) => r.path);
  }

  async stop(): Promise<void> {
    await this.runtime.dispose();
    await this.emulator.stop();
  }
}

export async function startOffline(options: OfflineOptions = {}): Promise<Offline> {
  const emulator = await startZoomEmulator({ seed: { ...standardSeed(options.meetings ?? []), ...options.seed } });

  return new Offline(emulator, options);
}

/** Runs a function in the runtime and returns the error it threw, or fails. */
export function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }

  throw new Error('Expected the call to throw, but it returned');
}
