// The offline Apps Script runtime: loads the built bundle (dist/Code.js) with gas-local and runs each
// call as one Apps Script execution against the in-memory services of a shared World.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Clock } from './clock';
import { ExecutionPool } from './concurrent';
import { prepareExecution, type ExecutionSpec } from './execution';
import { createSyncTransport, type FetchTransport } from './fetch/url-fetch-app';
import { capture } from './output-capture';
import { describeError, type AuthModeName, type ExecutionOrigin } from './services/env';
import { wallTimeAt } from './world/time-zone';
import { World } from './world/world';

export { Clock } from './clock';
export { World } from './world/world';
export type { StoreScope, TriggerRecord, StateTokenRecord, FetchErrorRule } from './world/world';
export { SpreadsheetModel } from './world/spreadsheet-model';
export { SheetModel } from './world/sheet-model';
export type { CellValue } from './world/cell-input';

export const DEFAULT_SCRIPT_ID = '1LocalRuntimeScriptId0000000000000000000000000000000000';
export const DEFAULT_USER_EMAIL = 'teacher@example.edu';
/** The page Apps Script shows for a usercallback whose state token is unknown, expired or another user's. */
export const INVALID_STATE_TOKEN_PAGE = 'The state token is invalid or has expired. Please try again.';
/** Real time a concurrent execution may run before its worker is terminated; below jest's 60 s test timeout. */
export const EXECUTION_TIMEOUT_MILLISECONDS = 30000;
const DEFAULT_FETCH_DEADLINE_MILLISECONDS = 60000;

export interface LocalRuntimeOptions {
  /** The Zoom emulator; https://zoom.us and https://api.zoom.us are routed there. */
  zoomBaseUrl?: string;
  /** Folder of the bundle, loaded with gas-local; default <repo>/dist. */
  distDir?: string;
  scriptId?: string;
  clock?: Clock;
  /** The active user by default. */
  userEmail?: string;
  /** Default from the bundle's appsscript.json. */
  scriptTimeZone?: string;
  /** UrlFetchApp's deadline per request, in real milliseconds. */
  fetchDeadlineMilliseconds?: number;
  /** Real time a runConcurrently execution may run before its worker is terminated; default 30000. */
  executionTimeoutMilliseconds?: number;
}

export interface ExecutionContext {
  /** The active user's email. */
  user?: string;
  /** The active (container) spreadsheet; default world.defaultSpreadsheetId; null = none. */
  spreadsheetId?: string | null;
  /** Default FULL; NONE and LIMITED restrict services as Apps Script does. */
  authMode?: AuthModeName;
  /** A time-driven trigger: no active spreadsheet, getUi() throws, no document properties, cache or lock. */
  trigger?: boolean;
}

export interface ConcurrentCallRequest {
  functionName: string;
  args?: unknown[];
  context?: ExecutionContext;
  startDelayMilliseconds?: number;
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'esbuild.config.mjs'))) return dir;

    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function readManifestTimeZone(distDir: string): string | undefined {
  const manifest = path.join(distDir, 'appsscript.json');

  if (!existsSync(manifest)) return undefined;

  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { timeZone?: unknown };

  return typeof parsed.timeZone === 'string' ? parsed.timeZone : undefined;
}

/** Copies a value out of the execution's realm (structured clone); a value that cannot be cloned is returned as is. */
function toHost(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function toHostError(error: unknown): Error {
  const { name, message } = describeError(error);
  const hostError = new Error(message, { cause: error });

  hostError.name = name;

  return hostError;
}

/** ISO-8601 week number of a UTC date, as time-driven trigger events give it. */
function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;

  date.setUTCDate(date.getUTCDate() + 4 - weekday);

  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);

  return Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7);
}

export class LocalRuntime {
  readonly world: World;
  private readonly distDir: string;
  private readonly scriptId: string;
  private readonly userEmail: string;
  private readonly scriptTimeZone: string;
  private readonly zoomBaseUrl: string | undefined;
  private readonly fetchDeadlineMilliseconds: number;
  private readonly pool: ExecutionPool;
  private transport: (FetchTransport & { close(): void }) | null = null;
  private executionCount = 0;

  constructor(options: LocalRuntimeOptions = {}) {
    const repoRoot = findRepoRoot(__dirname);

    this.distDir = options.distDir ?? path.join(repoRoot, 'dist');
    this.scriptId = options.scriptId ?? DEFAULT_SCRIPT_ID;
    this.userEmail = options.userEmail ?? DEFAULT_USER_EMAIL;
    this.scriptTimeZone = options.scriptTimeZone ?? readManifestTimeZone(this.distDir) ?? 'Etc/UTC';
    this.zoomBaseUrl = options.zoomBaseUrl;
    this.fetchDeadlineMilliseconds = options.fetchDeadlineMilliseconds ?? DEFAULT_FETCH_DEADLINE_MILLISECONDS;
    this.world = new World({ clock: options.clock ?? new Clock(), defaultTimeZone: this.scriptTimeZone });
    this.pool = new ExecutionPool(this.world, path.join(repoRoot, 'build', 'local', 'execution-worker.cjs'), options.executionTimeoutMilliseconds ?? EXECUTION_TIMEOUT_MILLISECONDS);
  }

  /** One execution: fresh vm context, bundle loaded, fresh service objects. Rethrows its error as a host Error with the same name and message. */
  run(functionName: string, args: unknown[] = [], context: ExecutionContext = {}): unknown {
    return this.execute(this.spec(functionName, args, context), toHost);
  }

  /** Several executions at once, each in its own worker thread, sharing the world. */
  runConcurrently(calls: ConcurrentCallRequest[]): Promise<Array<{ result?: unknown; error?: { name: string; message: string } }>> {
    const outcomes = this.pool.runAll(
      calls.map((call) => ({
        spec: this.spec(call.functionName, call.args ?? [], call.context ?? {}),
        startDelayMilliseconds: call.startDelayMilliseconds ?? 0,
      })),
    );

    return outcomes.then((results) => {
      for (const result of results) if (result.error !== undefined) capture({ kind: 'error', text: result.error.message });

      return results;
    });
  }

  /**
   * Plays Apps Script's https://script.google.com/macros/d/<id>/usercallback: checks the state token
   * (known, not expired on the world clock, same user) and runs its method with {parameter, parameters}.
   */
  playUserCallback(url: string, context: ExecutionContext = {}): { html: string; title: string } {
    const parsed = new URL(url);
    const expectedPath = `/macros/d/${this.scriptId}/usercallback`;

    if (parsed.hostname !== 'script.google.com' || parsed.pathname !== expectedPath) {
      throw new Error(`Not this script's usercallback URL: expected https://script.google.com${expectedPath}, got ${parsed.origin}${parsed.pathname}`);
    }

    const user = context.user ?? this.userEmail;
    const token = this.world.stateTokens.get(parsed.searchParams.get('state') ?? '');

    if (token === undefined || token.expiresAtEpochMilliseconds <= this.world.clock.now() || token.user !== user) {
      return { html: INVALID_STATE_TOKEN_PAGE, title: '' };
    }

    const parameters: Record<string, string[]> = {};

    for (const [key, value] of parsed.searchParams) (parameters[key] ??= []).push(value);

    for (const [key, value] of Object.entries(token.arguments)) parameters[key] = [value];

    const parameter = Object.fromEntries(Object.entries(parameters).map(([key, values]) => [key, values[0]!]));
    const spec = this.spec(token.method, [{ parameter, parameters }], { ...context, user, spreadsheetId: context.spreadsheetId ?? null }, 'callback');

    return this.execute(spec, (result) => {
      const output = result as { getContent?: () => unknown; getTitle?: () => unknown } | null | undefined;

      if (output !== null && typeof output === 'object' && typeof output.getContent === 'function') {
        return { html: String(output.getContent()), title: String(output.getTitle?.() ?? '') };
      }

      return { html: typeof result === 'string' ? result : 'The script completed but did not return anything.', title: '' };
    });
  }

  /** Runs a time-driven trigger's handler as Apps Script does: AuthMode FULL, the clock event, as the owner, no active spreadsheet. */
  fireTrigger(triggerUid: string): unknown {
    const trigger = this.world.triggers.find((candidate) => candidate.uid === triggerUid);

    if (trigger === undefined) throw new Error(`No trigger with unique ID ${triggerUid}; world.triggers lists the existing ones.`);

    const wall = wallTimeAt(this.world.clock.now(), 'Etc/UTC');
    const event = {
      authMode: 'FULL',
      triggerUid,
      year: wall.year,
      month: wall.month,
      'day-of-month': wall.day,
      'day-of-week': wall.weekday === 0 ? 7 : wall.weekday,
      'week-of-year': isoWeek(wall.year, wall.month, wall.day),
      hour: wall.hour,
      minute: wall.minute,
      second: wall.second,
      timezone: 'UTC',
    };

    return this.run(trigger.handlerFunction, [event], { user: trigger.owner, authMode: 'FULL', trigger: true });
  }

  /** Stops the fetch worker and any execution workers still running; leaves no handle open. */
  async dispose(): Promise<void> {
    this.transport?.close();
    this.transport = null;
    await this.pool.terminateAll();
  }

  private spec(functionName: string, args: unknown[], context: ExecutionContext, origin?: ExecutionOrigin): ExecutionSpec {
    const resolvedOrigin: ExecutionOrigin = origin ?? (context.trigger === true ? 'trigger' : 'editor');

    this.executionCount += 1;

    return {
      executionId: `execution-${this.executionCount}`,
      functionName,
      args,
      user: context.user ?? this.userEmail,
      spreadsheetId: resolvedOrigin === 'trigger' ? null : context.spreadsheetId === undefined ? this.world.defaultSpreadsheetId : context.spreadsheetId,
      authMode: context.authMode ?? 'FULL',
      origin: resolvedOrigin,
      scriptId: this.scriptId,
      scriptTimeZone: this.scriptTimeZone,
      distDir: this.distDir,
      zoomBaseUrl: this.zoomBaseUrl,
      fetchDeadlineMilliseconds: this.fetchDeadlineMilliseconds,
    };
  }

  private execute<T>(spec: ExecutionSpec, convert: (result: unknown) => T): T {
    const host = { backend: this.world, count: (name: string) => this.world.count(name), transport: this.lazyTransport() };

    try {
      return convert(prepareExecution(spec, host).invoke());
    } catch (error) {
      const hostError = toHostError(error);

      capture({ kind: 'error', text: hostError.message });
      throw hostError;
    } finally {
      this.world.locks.releaseAll(spec.executionId);
    }
  }

  /** The fetch worker starts on the first fetch only, so runtimes that never fetch start no thread. */
  private lazyTransport(): FetchTransport {
    return {
      request: (request) => this.syncTransport().request(request),
      requestAll: (requests) => {
        const transport = this.syncTransport();

        return transport.requestAll === undefined ? requests.map((request) => transport.request(request)) : transport.requestAll(requests);
      },
    };
  }

  private syncTransport(): FetchTransport & { close(): void } {
    this.transport ??= createSyncTransport();

    return this.transport;
  }
}
