import type { StoreScope } from '../world/world';
import { counted, requireAuthMode, type ExecutionEnv } from './env';

/** Apps Script's message when waitLock gives up (https://developers.google.com/apps-script/reference/lock/lock#waitlocktimeoutinmillis). */
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** A trigger and the OAuth callback have no open document, so no document store, cache or lock. */
function documentScope(env: ExecutionEnv): StoreScope | null {
  if (env.spreadsheetId === null || env.origin !== 'editor') return null;

  return { kind: 'document', spreadsheetId: env.spreadsheetId };
}

function createProperties(env: ExecutionEnv, scope: StoreScope): GoogleAppsScript.Properties.Properties {
  const store = counted(env, 'Properties', {
    getProperty: (key: string) => env.call('properties.get', [scope, String(key)]),
    getProperties: () => env.call('properties.getAll', [scope]),
    getKeys: () => env.call('properties.keys', [scope]),
    setProperty: (key: string, value: string) => {
      env.call('properties.set', [scope, String(key), String(value)]);

      return store;
    },
    setProperties: (properties: Record<string, string>, deleteAllOthers?: boolean) => {
      const values = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, String(value)]));

      env.call('properties.setAll', [scope, values, deleteAllOthers === true]);

      return store;
    },
    deleteProperty: (key: string) => {
      env.call('properties.delete', [scope, String(key)]);

      return store;
    },
    deleteAllProperties: () => {
      env.call('properties.deleteAll', [scope]);

      return store;
    },
  });

  return store as unknown as GoogleAppsScript.Properties.Properties;
}

export function createPropertiesService(env: ExecutionEnv): GoogleAppsScript.Properties.PropertiesService {
  const guard = (method: string): void => requireAuthMode(env, 'LIMITED', `PropertiesService.${method}`);
  const service = counted(env, 'PropertiesService', {
    getScriptProperties: () => {
      guard('getScriptProperties');

      return createProperties(env, { kind: 'script' });
    },
    getUserProperties: () => {
      guard('getUserProperties');

      return createProperties(env, { kind: 'user', user: env.user });
    },
    getDocumentProperties: () => {
      guard('getDocumentProperties');

      const scope = documentScope(env);

      return scope === null ? null : createProperties(env, scope);
    },
  });

  return service as unknown as GoogleAppsScript.Properties.PropertiesService;
}

function createCache(env: ExecutionEnv, scope: StoreScope): GoogleAppsScript.Cache.Cache {
  const cache = counted(env, 'Cache', {
    get: (key: string) => env.call('cache.get', [scope, String(key)]),
    getAll: (keys: string[]) => env.call('cache.getAll', [scope, [...keys].map(String)]),
    put: (key: string, value: string, expirationInSeconds?: number) => {
      env.call('cache.put', [scope, String(key), String(value), expirationInSeconds ?? null]);
    },
    putAll: (values: Record<string, string>, expirationInSeconds?: number) => {
      const copied = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));

      env.call('cache.putAll', [scope, copied, expirationInSeconds ?? null]);
    },
    remove: (key: string) => {
      env.call('cache.remove', [scope, String(key)]);
    },
    removeAll: (keys: string[]) => {
      env.call('cache.removeAll', [scope, [...keys].map(String)]);
    },
  });

  return cache as unknown as GoogleAppsScript.Cache.Cache;
}

export function createCacheService(env: ExecutionEnv): GoogleAppsScript.Cache.CacheService {
  const guard = (method: string): void => requireAuthMode(env, 'LIMITED', `CacheService.${method}`);
  const service = counted(env, 'CacheService', {
    getScriptCache: () => {
      guard('getScriptCache');

      return createCache(env, { kind: 'script' });
    },
    getUserCache: () => {
      guard('getUserCache');

      return createCache(env, { kind: 'user', user: env.user });
    },
    getDocumentCache: () => {
      guard('getDocumentCache');

      const scope = documentScope(env);

      return scope === null ? null : createCache(env, scope);
    },
  });

  return service as unknown as GoogleAppsScript.Cache.CacheService;
}

function createLock(env: ExecutionEnv, key: string): GoogleAppsScript.Lock.Lock {
  const acquire = (timeoutInMillis: number): boolean => env.call('lock.acquire', [env.executionId, key, Number(timeoutInMillis)]) === true;
  const lock = counted(env, 'Lock', {
    tryLock: (timeoutInMillis: number) => acquire(timeoutInMillis),
    waitLock: (timeoutInMillis: number) => {
      if (!acquire(timeoutInMillis)) throw env.realm.error('Exception', LOCK_TIMEOUT_MESSAGE);
    },
    releaseLock: () => {
      env.call('lock.release', [env.executionId, key]);
    },
    hasLock: () => env.call('lock.holds', [env.executionId, key]) === true,
  });

  return lock as unknown as GoogleAppsScript.Lock.Lock;
}

export function createLockService(env: ExecutionEnv): GoogleAppsScript.Lock.LockService {
  const guard = (method: string): void => requireAuthMode(env, 'LIMITED', `LockService.${method}`);
  const service = counted(env, 'LockService', {
    getScriptLock: () => {
      guard('getScriptLock');

      return createLock(env, 'script');
    },
    getUserLock: () => {
      guard('getUserLock');

      return createLock(env, `user:${env.user}`);
    },
    getDocumentLock: () => {
      guard('getDocumentLock');

      const scope = documentScope(env);

      return scope === null ? null : createLock(env, `document:${env.spreadsheetId}`);
    },
  });

  return service as unknown as GoogleAppsScript.Lock.LockService;
}
