// Stand-in for the apps-script-oauth2 library, version 43 (userSymbol `OAuth2`), which is an
// Apps Script library and not an npm package. It follows the library's source
// (https://github.com/googleworkspace/apps-script-oauth2, release 1.43.0) for every method the
// typings in @types/google-apps-script-oauth2 declare, using the Apps Script services of the
// execution it is created for.
import { CreateError, createRealmError } from './errors';
import { OAuth2Service, STORAGE_PREFIX } from './service';
import { TOKEN_FORMAT } from './token';

export { OAuth2Service } from './service';
export type { CreateError } from './errors';
export type { OAuth2Token } from './token';

/** The Apps Script services of one execution, and its clock. */
export interface OAuth2Environment {
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Session: GoogleAppsScript.Base.Session;
  /** Epoch milliseconds of the runtime clock, which the runtime's Date follows too. */
  now: () => number;
  /**
   * Creates the errors the library throws, in the realm of the add-on's context. Without it,
   * errors are of this Node realm and fail `instanceof Error` inside a vm context.
   */
  createError?: CreateError;
}

/**
 * The `OAuth2` global, with `createService` typed to return the stand-in's service class.
 * The typings declare TOKEN_FORMAT as one enum value, but it is the object of both formats.
 */
export interface OAuth2Library extends GoogleAppsScriptOAuth2.OAuth2 {
  TOKEN_FORMAT: typeof TOKEN_FORMAT & GoogleAppsScriptOAuth2.TokenFormat;
  createService(serviceName: string): OAuth2Service;
}

/**
 * Creates the `OAuth2` global for one execution. Services keep their in-memory token copy for
 * as long as the caller keeps them, so create the library again for each execution.
 */
export function createOAuth2Library(env: OAuth2Environment): OAuth2Library {
  /** Returns `https://script.google.com/macros/d/<script ID>/usercallback`, for this script by default. */
  function getRedirectUri(scriptId?: string): string {
    const id = scriptId || env.ScriptApp.getScriptId();

    return 'https://script.google.com/macros/d/' + encodeURIComponent(id) + '/usercallback';
  }

  const context = { env, getRedirectUri: () => getRedirectUri(), createError: env.createError ?? createRealmError };

  return {
    TOKEN_FORMAT: TOKEN_FORMAT as OAuth2Library['TOKEN_FORMAT'],
    createService: (serviceName: string) => new OAuth2Service(serviceName, context),
    getRedirectUri,
    getServiceNames: (propertyStore) => listServiceNames(propertyStore as unknown as GoogleAppsScript.Properties.Properties),
  };
}

/**
 * Lists the names of the services with a value in `propertyStore`, in key order, each once.
 * The typings declare a PropertiesService argument, but the library reads a Properties store.
 */
function listServiceNames(propertyStore: GoogleAppsScript.Properties.Properties): string[] {
  const names: string[] = [];

  for (const key of Object.keys(propertyStore.getProperties())) {
    const name = key.split('.')[1];

    if (!key.startsWith(STORAGE_PREFIX) || !name || names.includes(name)) continue;

    names.push(name);
  }

  return names;
}
