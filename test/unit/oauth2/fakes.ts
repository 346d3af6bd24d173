// Small in-memory fakes of the Apps Script services that the OAuth2 stand-in uses, with a
// scripted token endpoint that records every request. Stores that Apps Script shares between
// executions (properties, cache, locks, the token endpoint) live in SharedStores, so a test can
// play two executions by creating two libraries over the same stores.
import {
  CreateError,
  createOAuth2Library,
  OAuth2Environment,
  OAuth2Library,
  OAuth2Service,
} from '../../../local/oauth2';

export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret';
export const SCRIPT_ID = '1TestScriptId_abc';
export const TOKEN_URL = 'https://zoom.us/oauth/token';
export const AUTHORIZATION_URL = 'https://zoom.us/oauth/authorize';
export const BASIC_AUTHORIZATION = 'Basic ' + Buffer.from(CLIENT_ID + ':' + CLIENT_SECRET).toString('base64');
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** A settable clock in epoch milliseconds, starting at 2024-03-04 09:00:00 UTC. */
export class TestClock {
  nowMilliseconds = Date.UTC(2024, 2, 4, 9, 0, 0);

  nowSeconds(): number {
    return Math.floor(this.nowMilliseconds / 1000);
  }

  advanceSeconds(seconds: number): void {
    this.nowMilliseconds += seconds * 1000;
  }
}

export class FakeProperties implements GoogleAppsScript.Properties.Properties {
  readonly values = new Map<string, string>();

  deleteAllProperties(): this {
    this.values.clear();

    return this;
  }

  deleteProperty(key: string): this {
    this.values.delete(key);

    return this;
  }

  getKeys(): string[] {
    return [...this.values.keys()];
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  getProperty(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): this {
    if (deleteAllOthers) this.values.clear();

    for (const [key, value] of Object.entries(properties)) {
      this.values.set(key, value);
    }

    return this;
  }

  setProperty(key: string, value: string): this {
    this.values.set(key, value);

    return this;
  }
}

/** A cache whose entries expire on the test clock. */
export class FakeCache implements GoogleAppsScript.Cache.Cache {
  readonly entries = new Map<string, { value: string; expiresAtMilliseconds: number }>();

  constructor(private readonly clock: TestClock) {}

  get(key: string): string | null {
    const entry = this.entries.get(key);

    if (!entry || entry.expiresAtMilliseconds <= this.clock.nowMilliseconds) return null;

    return entry.value;
  }

  getAll(keys: string[]): Record<string, string> {
    const found: Record<string, string> = {};

    for (const key of keys) {
      const value = this.get(key);

      if (value !== null) found[key] = value;
    }

    return found;
  }

  put(key: string, value: string, expirationInSeconds = 600): void {
    this.entries.set(key, { value, expiresAtMilliseconds: this.clock.nowMilliseconds + expirationInSeconds * 1000 });
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [key, value] of Object.entries(values)) {
      this.put(key, value, expirationInSeconds);
    }
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  removeAll(keys: string[]): void {
    for (const key of keys) {
      this.entries.delete(key);
    }
  }
}

/**
 * The shared state of one named lock. Locks of different executions exclude each other.
 * `events` records each wait, with its timeout, and each release. `beforeWait` runs at the
 * start of every wait, so a test can play another execution that acts meanwhile.
 */
export class LockRecorder {
  holder: FakeLock | null = null;
  readonly events: string[] = [];
  beforeWait: (() => void) | undefined;
}

export class FakeLock implements GoogleAppsScript.Lock.Lock {
  constructor(private readonly recorder: LockRecorder) {}

  hasLock(): boolean {
    return this.recorder.holder === this;
  }

  releaseLock(): void {
    if (this.recorder.holder !== this) return;

    this.recorder.holder = null;
    this.recorder.events.push('release');
  }

  tryLock(_timeoutInMillis: number): boolean {
    if (this.recorder.holder && this.recorder.holder !== this) return false;

    this.recorder.holder = this;

    return true;
  }

  /** Acquires the lock, or throws Apps Script's timeout error when another lock holds it. */
  waitLock(timeoutInMillis: number): void {
    this.recorder.events.push('wait ' + timeoutInMillis);
    this.recorder.beforeWait?.();

    if (!this.tryLock(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }
}

/** A state token builder that records what the library puts into the token. */
export class FakeStateTokenBuilder implements GoogleAppsScript.Script.StateTokenBuilder {
  method: string | undefined;
  timeoutSeconds: number | undefined;
  readonly arguments: Record<string, string> = {};

  constructor(private readonly token: string) {}

  createToken(): string {
    return this.token;
  }

  withArgument(name: string, value: string): this {
    this.arguments[name] = value;

    return this;
  }

  withMethod(method: string): this {
    this.method = method;

    return this;
  }

  withTimeout(seconds: number): this {
    this.timeoutSeconds = seconds;

    return this;
  }
}

export interface RecordedRequest {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
  muteHttpExceptions: boolean | undefined;
}

export interface ScriptedResponse {
  status: number;
  body: string;
}

/**
 * A token endpoint that behaves like Zoom's: it exchanges the code `AUTH_CODE`, accepts each
 * refresh token once and rotates it, and issues account tokens without a refresh token.
 * Responses pushed on `scriptedResponses` are returned first, in order.
 */
export class ScriptedTokenEndpoint {
  static readonly AUTH_CODE = 'auth-code-1';
  readonly requests: RecordedRequest[] = [];
  readonly scriptedResponses: ScriptedResponse[] = [];
  readonly validRefreshTokens = new Set<string>();
  issuedCount = 0;

  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}): GoogleAppsScript.URL_Fetch.HTTPResponse {
    const request: RecordedRequest = {
      url,
      method: params.method,
      headers: { ...(params.headers as Record<string, string>) },
      payload: { ...(params.payload as Record<string, unknown>) },
      muteHttpExceptions: params.muteHttpExceptions,
    };
    this.requests.push(request);
    const response = this.scriptedResponses.shift() ?? this.answer(request);

    return {
      getResponseCode: () => response.status,
      getContentText: () => response.body,
    } as GoogleAppsScript.URL_Fetch.HTTPResponse;
  }

  private answer(request: RecordedRequest): ScriptedResponse {
    const grantType = request.payload.grant_type;

    if (grantType === 'authorization_code') {
      if (request.payload.code === ScriptedTokenEndpoint.AUTH_CODE) return this.issueToken(true);

      const reason = 'Invalid authorization code ' + String(request.payload.code);

      return { status: 400, body: JSON.stringify({ reason, error: 'invalid_request' }) };
    }

    if (grantType === 'refresh_token') {
      const refreshToken = String(request.payload.refresh_token);

      if (!this.validRefreshTokens.delete(refreshToken)) {
        return { status: 400, body: JSON.stringify({ reason: 'Invalid Token!', error: 'invalid_grant' }) };
      }

      return this.issueToken(true);
    }

    if (grantType === 'account_credentials') return this.issueToken(false);

    return { status: 400, body: JSON.stringify({ reason: 'Unsupported grant type', error: 'unsupported_grant_type' }) };
  }

  private issueToken(withRefreshToken: boolean): ScriptedResponse {
    this.issuedCount += 1;
    const token: Record<string, unknown> = {
      access_token: 'access-' + this.issuedCount,
      token_type: 'bearer',
      expires_in: 3599,
      scope: 'meeting:read user:read',
    };

    if (withRefreshToken) {
      token.refresh_token = 'refresh-' + this.issuedCount;
      this.validRefreshTokens.add(String(token.refresh_token));
    }

    return { status: 200, body: JSON.stringify(token) };
  }
}

/** What Apps Script shares between executions of one user, plus the clock and the token endpoint. */
export class SharedStores {
  readonly clock = new TestClock();
  readonly userProperties = new FakeProperties();
  readonly scriptProperties = new FakeProperties();
  readonly userCache = new FakeCache(this.clock);
  readonly userLock = new LockRecorder();
  readonly tokenEndpoint = new ScriptedTokenEndpoint();
  readonly stateTokens: FakeStateTokenBuilder[] = [];

  /** Stores a token the way the library does, with `expiresAt` seconds from now. */
  seedUserToken(serviceName: string, token: Record<string, unknown>, secondsLeft: number): void {
    const stored = { ...token, expiresAt: this.clock.nowSeconds() + secondsLeft };
    this.userProperties.setProperty('oauth2.' + serviceName, JSON.stringify(stored));

    if (typeof token.refresh_token === 'string') {
      this.tokenEndpoint.validRefreshTokens.add(token.refresh_token);
    }
  }

  readUserToken(serviceName: string): Record<string, unknown> | null {
    const json = this.userProperties.getProperty('oauth2.' + serviceName);

    return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
  }
}

/** One execution: a fresh OAuth2 library and its own user lock object over the shared stores. */
export class TestExecution {
  readonly lock: FakeLock;
  readonly library: OAuth2Library;

  constructor(
    readonly stores: SharedStores,
    createError?: CreateError,
  ) {
    this.lock = new FakeLock(stores.userLock);
    this.library = createOAuth2Library({ ...createEnvironment(stores, this.lock), createError });
  }

  /** Builds the service the way the add-on's user mode does: user properties, cache and lock. */
  createZoomService(): OAuth2Service {
    return this.library
      .createService('zoom')
      .setAuthorizationBaseUrl(AUTHORIZATION_URL)
      .setTokenUrl(TOKEN_URL)
      .setClientId(CLIENT_ID)
      .setClientSecret(CLIENT_SECRET)
      .setCallbackFunction('authCallback')
      .setTokenHeaders({ Authorization: BASIC_AUTHORIZATION })
      .setPropertyStore(this.stores.userProperties)
      .setCache(this.stores.userCache)
      .setLock(this.lock);
  }
}

function createEnvironment(stores: SharedStores, lock: FakeLock): OAuth2Environment {
  const scriptApp = {
    getScriptId: () => SCRIPT_ID,
    newStateToken: () => {
      const builder = new FakeStateTokenBuilder('state-token-' + (stores.stateTokens.length + 1));
      stores.stateTokens.push(builder);

      return builder;
    },
  };
  const utilities = {
    base64Encode: (data: string) => Buffer.from(data, 'utf8').toString('base64'),
  };

  return {
    PropertiesService: {
      getUserProperties: () => stores.userProperties,
      getScriptProperties: () => stores.scriptProperties,
    } as unknown as GoogleAppsScript.Properties.PropertiesService,
    CacheService: { getUserCache: () => stores.userCache } as unknown as GoogleAppsScript.Cache.CacheService,
    LockService: { getUserLock: () => lock } as unknown as GoogleAppsScript.Lock.LockService,
    UrlFetchApp: {
      fetch: (url: string, params?: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions) =>
        stores.tokenEndpoint.fetch(url, params),
    } as unknown as GoogleAppsScript.URL_Fetch.UrlFetchApp,
    ScriptApp: scriptApp as unknown as GoogleAppsScript.Script.ScriptApp,
    Utilities: utilities as unknown as GoogleAppsScript.Utilities.Utilities,
    Session: {} as GoogleAppsScript.Base.Session,
    now: () => stores.clock.nowMilliseconds,
  };
}
