import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createOAuth2Library } from '../oauth2';
import { createUrlFetchApp, type FetchTransport } from './fetch/url-fetch-app';
import { createHtmlService } from './html-service';
import { installRealm } from './realm';
import { createCharts } from './services/charts';
import { createCall, requireAuthMode, type AuthModeName, type Backend, type ExecutionEnv, type ExecutionOrigin } from './services/env';
import { createScriptApp } from './services/script-app';
import { createLoggers, createSession } from './services/session-logger';
import { createSpreadsheetApp } from './services/spreadsheet';
import { createCacheService, createLockService, createPropertiesService } from './services/stores';
import { createUiFactory } from './services/ui';
import { createUtilities } from './utilities';

// gas-local has no type declarations: it exports the loader, which runs every .js file of a folder in a context.
const gasLocal = require('gas-local') as { require(folder: string, globals: object, options?: object): vm.Context };

/** Everything that describes one execution; plain data, so it can be posted to a worker thread. */
export interface ExecutionSpec {
  executionId: string;
  functionName: string;
  args: unknown[];
  user: string;
  spreadsheetId: string | null;
  authMode: AuthModeName;
  origin: ExecutionOrigin;
  scriptId: string;
  scriptTimeZone: string;
  distDir: string;
  zoomBaseUrl: string | undefined;
  fetchDeadlineMilliseconds: number;
}

/** What the thread running an execution provides: the world's backend, call counting and HTTP. */
export interface ExecutionHost {
  backend: Backend;
  count(name: string): void;
  transport: FetchTransport;
}

export interface PreparedExecution {
  context: vm.Context;
  /** Calls the function; the result and any error are the context's own values. */
  invoke(): unknown;
}

/**
 * Builds a fresh vm context with this execution's services as globals and loads the bundle into it
 * with gas-local, so module-level state never survives from one execution to the next.
 */
export function prepareExecution(spec: ExecutionSpec, host: ExecutionHost): PreparedExecution {
  const globals: Record<string, unknown> = {};
  const context = vm.createContext(globals);
  const now = (): number => Number(host.backend.call('clock.now', []));
  const realm = installRealm(context, now);
  const env: ExecutionEnv = {
    executionId: spec.executionId,
    user: spec.user,
    spreadsheetId: spec.spreadsheetId,
    authMode: spec.authMode,
    origin: spec.origin,
    scriptId: spec.scriptId,
    scriptTimeZone: spec.scriptTimeZone,
    realm,
    count: host.count,
    call: createCall(host.backend, realm),
  };

  Object.assign(globals, createServices(env, spec, host, now));
  gasLocal.require(spec.distDir, context, { filter: (file: string) => path.extname(file) === '.js' });

  return {
    context,
    invoke: () => {
      const target = (globals as Record<string, unknown>)[spec.functionName];

      if (typeof target !== 'function') throw realm.error('Exception', `Script function not found: ${spec.functionName}`);

      const args = realm.toContext(spec.args).map((arg) => withAuthModeEnum(arg, globals.ScriptApp));

      return (target as (...args: unknown[]) => unknown)(...args);
    },
  };
}

function createServices(env: ExecutionEnv, spec: ExecutionSpec, host: ExecutionHost, now: () => number): Record<string, unknown> {
  const SpreadsheetApp = createSpreadsheetApp(env, createUiFactory(env));
  const PropertiesService = createPropertiesService(env);
  const CacheService = createCacheService(env);
  const LockService = createLockService(env);
  const ScriptApp = createScriptApp(env);
  const Session = createSession(env);
  const { Logger, console } = createLoggers(env);
  const Utilities = createUtilities({
    sleep: (milliseconds) => {
      env.call('clock.advance', [milliseconds]);
    },
    count: (method) => env.count(`Utilities.${method}`),
  });
  const HtmlService = createHtmlService({
    readFile: (name) => readFileSync(path.join(spec.distDir, name.endsWith('.html') ? name : `${name}.html`), 'utf8'),
    count: (method) => env.count(`HtmlService.${method}`),
  });
  const UrlFetchApp = restrictToFullAuth(
    env,
    createUrlFetchApp({
      transport: host.transport,
      zoomBaseUrl: spec.zoomBaseUrl,
      now,
      deadlineMilliseconds: spec.fetchDeadlineMilliseconds,
      count: (method) => env.count(`UrlFetchApp.${method}`),
      beforeFetch: (url, advanceClock) => {
        env.call('fetch.before', [url, advanceClock]);
      },
      log: (entry) => {
        env.call('fetch.log', [entry]);
      },
    }),
  );
  const OAuth2 = createOAuth2Library({ PropertiesService, CacheService, LockService, UrlFetchApp, ScriptApp, Utilities, Session, now });

  const Charts = createCharts(env);

  return { SpreadsheetApp, PropertiesService, CacheService, LockService, ScriptApp, Session, Logger, console, Utilities, HtmlService, UrlFetchApp, OAuth2, Charts };
}

/** UrlFetchApp needs the script.external_request scope, which only AuthMode.FULL grants. */
function restrictToFullAuth(env: ExecutionEnv, app: GoogleAppsScript.URL_Fetch.UrlFetchApp): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  return {
    fetch: (...args: Parameters<typeof app.fetch>) => {
      requireAuthMode(env, 'FULL', 'UrlFetchApp.fetch');

      return app.fetch(...args);
    },
    fetchAll: (...args: Parameters<typeof app.fetchAll>) => {
      requireAuthMode(env, 'FULL', 'UrlFetchApp.fetchAll');

      return app.fetchAll(...args);
    },
    getRequest: (...args: Parameters<typeof app.getRequest>) => app.getRequest(...args),
  } as GoogleAppsScript.URL_Fetch.UrlFetchApp;
}

/** An event object's `authMode: 'FULL'` (plain data from the host) becomes ScriptApp.AuthMode.FULL, as Apps Script passes it. */
function withAuthModeEnum(arg: unknown, scriptApp: unknown): unknown {
  if (arg === null || typeof arg !== 'object' || !('authMode' in arg)) return arg;

  const record = arg as { authMode: unknown };
  const enums = (scriptApp as { AuthMode: Record<string, unknown> }).AuthMode;

  if (typeof record.authMode === 'string' && record.authMode in enums) record.authMode = enums[record.authMode];

  return arg;
}
