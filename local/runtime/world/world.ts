import { randomBytes } from 'node:crypto';
import { Clock } from '../clock';
import { CacheStore } from './cache-store';
import { AppsScriptException } from './errors';
import { LockTable } from './locks';
import { PropertyStore } from './property-store';
import { SpreadsheetModel } from './spreadsheet-model';
import { UiRecorder } from './ui-recorder';
import { handleOperation } from './operations';
import { captureOperation } from '../output-capture';

/** A time-driven trigger as ScriptApp.newTrigger(...).timeBased().atHour(h).everyDays(n) creates it. */
export interface TriggerRecord {
  uid: string;
  handlerFunction: string;
  owner: string;
  spreadsheetId: string | null;
  atHour: number | null;
  everyDays: number | null;
  everyHours: number | null;
  timeZone: string;
}

/** A token from ScriptApp.newStateToken(): the function the usercallback runs, its user and its expiry. */
export interface StateTokenRecord {
  token: string;
  method: string;
  arguments: Record<string, string>;
  user: string;
  expiresAtEpochMilliseconds: number;
}

export interface FetchErrorRule {
  urlPattern: RegExp | string;
  message: string;
  times: number;
}

/** Owner of a property store, cache or lock: the script, a user, or a spreadsheet. */
export type StoreScope = { kind: 'script' } | { kind: 'user'; user: string } | { kind: 'document'; spreadsheetId: string };

export interface WorldOptions {
  clock?: Clock;
  defaultTimeZone?: string;
}

/**
 * Everything Apps Script keeps between executions: properties, caches, locks, spreadsheets,
 * triggers, state tokens, and what the UI showed. Executions reach it only through call(op, args),
 * directly on this thread or through a worker's blocking RPC; tests read and seed it directly.
 */
export class World {
  readonly clock: Clock;
  readonly scriptProperties = new PropertyStore();
  readonly ui = new UiRecorder();
  readonly locks = new LockTable();
  readonly triggers: TriggerRecord[] = [];
  readonly stateTokens = new Map<string, StateTokenRecord>();
  readonly logs: string[] = [];
  readonly fetchLog: Array<{ method: string; url: string; status: number | null }> = [];
  counters: Record<string, number> = {};
  fetchCostMilliseconds = 0;
  /** Plays an add-on's test deployment, where Apps Script creates no installable trigger. */
  testDeployment = false;
  defaultSpreadsheetId: string | null = null;
  readonly fetchErrorRules: FetchErrorRule[] = [];
  readonly scriptCache: CacheStore;
  private readonly userStores = new Map<string, PropertyStore>();
  private readonly documentStores = new Map<string, PropertyStore>();
  private readonly userCaches = new Map<string, CacheStore>();
  private readonly documentCaches = new Map<string, CacheStore>();
  private readonly spreadsheetMap = new Map<string, SpreadsheetModel>();
  private readonly defaultTimeZone: string;

  constructor(options: WorldOptions = {}) {
    this.clock = options.clock ?? new Clock();
    this.defaultTimeZone = options.defaultTimeZone ?? 'Etc/UTC';
    this.scriptCache = new CacheStore(() => this.clock.now());
  }

  userProperties(email: string): PropertyStore {
    return getOrCreate(this.userStores, email, () => new PropertyStore());
  }

  documentProperties(spreadsheetId: string): PropertyStore {
    return getOrCreate(this.documentStores, spreadsheetId, () => new PropertyStore());
  }

  userCache(email: string): CacheStore {
    return getOrCreate(this.userCaches, email, () => new CacheStore(() => this.clock.now()));
  }

  documentCache(spreadsheetId: string): CacheStore {
    return getOrCreate(this.documentCaches, spreadsheetId, () => new CacheStore(() => this.clock.now()));
  }

  propertyStore(scope: StoreScope): PropertyStore {
    if (scope.kind === 'script') return this.scriptProperties;

    if (scope.kind === 'user') return this.userProperties(scope.user);

    return this.documentProperties(scope.spreadsheetId);
  }

  cacheStore(scope: StoreScope): CacheStore {
    if (scope.kind === 'script') return this.scriptCache;

    if (scope.kind === 'user') return this.userCache(scope.user);

    return this.documentCache(scope.spreadsheetId);
  }

  /** Creates a spreadsheet with one empty sheet "Sheet1"; the first one becomes the default active spreadsheet. */
  createSpreadsheet(options: { name?: string; timeZone?: string } = {}): SpreadsheetModel {
    const id = `1LocalSpreadsheet${String(this.spreadsheetMap.size + 1).padStart(4, '0')}${randomBytes(12).toString('hex')}`;
    const model = new SpreadsheetModel(id, options.name ?? 'Untitled spreadsheet', options.timeZone ?? this.defaultTimeZone, () => this.clock.now());

    this.spreadsheetMap.set(id, model);

    if (this.defaultSpreadsheetId === null) this.defaultSpreadsheetId = id;

    return model;
  }

  spreadsheet(id: string): SpreadsheetModel | null {
    return this.spreadsheetMap.get(id) ?? null;
  }

  /** Finds a spreadsheet for SpreadsheetApp.openById, with Apps Script's error for an unknown id. */
  requireSpreadsheet(id: string): SpreadsheetModel {
    const model = this.spreadsheetMap.get(id);

    if (model === undefined) {
      throw new AppsScriptException(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    }

    return model;
  }

  count(name: string, times = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + times;
  }

  resetCounters(): void {
    this.counters = {};
  }

  /** Makes UrlFetchApp throw "<message>: <url>" for the next `times` requests whose URL matches, before sending them. */
  injectFetchErrors(rules: FetchErrorRule[]): void {
    for (const rule of rules) this.fetchErrorRules.push({ ...rule });
  }

  /**
   * Checks the injected fetch errors and advances the clock by fetchCostMilliseconds; called before
   * every request. Requests sent together by fetchAll run in parallel, so only the first advances it.
   */
  beforeFetch(url: string, advanceClock = true): void {
    const rule = this.fetchErrorRules.find((candidate) => candidate.times > 0 && matches(candidate.urlPattern, url));

    if (rule !== undefined) {
      rule.times -= 1;
      throw new AppsScriptException(`${rule.message}: ${url}`);
    }

    if (advanceClock && this.fetchCostMilliseconds > 0) this.clock.advance(this.fetchCostMilliseconds);
  }

  createStateToken(request: { method: string; arguments: Record<string, string>; timeoutSeconds: number; user: string }): string {
    const token = `ADEPT${randomBytes(24).toString('base64url')}`;

    this.stateTokens.set(token, {
      token,
      method: request.method,
      arguments: { ...request.arguments },
      user: request.user,
      expiresAtEpochMilliseconds: this.clock.now() + request.timeoutSeconds * 1000,
    });

    return token;
  }

  /** Executes one operation for an execution, synchronously (direct mode, and every non-waiting operation). */
  call(op: string, args: unknown[]): unknown {
    captureOperation(op, args);

    return handleOperation(this, op, args);
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);

  if (value === undefined) {
    value = create();
    map.set(key, value);
  }

  return value;
}

function matches(pattern: RegExp | string, url: string): boolean {
  if (typeof pattern === 'string') return url.includes(pattern);

  pattern.lastIndex = 0;

  return pattern.test(url);
}
