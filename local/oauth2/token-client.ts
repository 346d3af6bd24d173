// Token storage, token requests, expiry checks and locking of an OAuth2 service in the stand-in
// for the apps-script-oauth2 library, version 43
// (https://github.com/googleworkspace/apps-script-oauth2, src/Service.js). The flows that use
// them (authorization, refresh, grants) are in service.ts.
import type { CreateError } from './errors';
import type { OAuth2Environment } from './index';
import { OAuth2ServiceConfiguration } from './service-configuration';
import { decodeJwtPayload } from './signing';
import { OAuth2Storage } from './storage';
import {
  OAuth2Token,
  canRefreshToken,
  ensureExpiresAtSet,
  isTokenExpired,
  parseTokenBody,
  readTokenResponse,
  toEpochSeconds,
} from './token';

/** Maximum wait for the service's lock in `hasAccess()` and `refresh()`, in milliseconds. */
export const LOCK_WAIT_MILLISECONDS = 30 * 1000;

/** Prefix of the storage keys: the token is stored under `oauth2.<serviceName>`. */
export const STORAGE_PREFIX = 'oauth2.';

/** Library-level dependencies of each service: the execution's services and the default redirect URI. */
export interface OAuth2LibraryContext {
  env: OAuth2Environment;
  getRedirectUri: () => string;
  createError: CreateError;
}

export class OAuth2TokenClient extends OAuth2ServiceConfiguration {
  private storage: OAuth2Storage | undefined;

  constructor(
    serviceName: string,
    protected readonly context: OAuth2LibraryContext,
  ) {
    super(serviceName, context.createError);
  }

  /**
   * Sends a token request with `muteHttpExceptions`, so error bodies are read. UrlFetchApp
   * posts the payload object as a form body. The headers are the Accept header of the token
   * format plus the `setTokenHeaders` headers.
   */
  fetchToken_(payload: Record<string, unknown>, url?: string): OAuth2Token {
    let headers: Record<string, string> = { Accept: this.tokenFormat };

    if (this.tokenHeaders) {
      headers = Object.assign(headers, this.tokenHeaders);
    }

    let requestPayload: object = payload;

    if (this.tokenPayloadHandler) {
      requestPayload = this.tokenPayloadHandler(payload as unknown as GoogleAppsScriptOAuth2.TokenPayload);
    }

    const response = this.context.env.UrlFetchApp.fetch(String(url || this.tokenUrl), {
      method: this.tokenMethod as GoogleAppsScript.URL_Fetch.HttpMethod,
      headers,
      payload: requestPayload,
      muteHttpExceptions: true,
    });

    return this.getTokenFromResponse_(response);
  }

  getTokenFromResponse_(response: GoogleAppsScript.URL_Fetch.HTTPResponse): OAuth2Token {
    return readTokenResponse(
      response.getResponseCode(),
      response.getContentText(),
      this.tokenFormat,
      this.nowSeconds(),
      this.createError,
    );
  }

  parseToken_(content: string): OAuth2Token {
    return parseTokenBody(content, this.tokenFormat, this.nowSeconds(), this.createError);
  }

  ensureExpiresAtSet_(token: OAuth2Token): void {
    ensureExpiresAtSet(token, this.nowSeconds());
  }

  getStorage(): OAuth2Storage {
    if (!this.storage) {
      this.storage = new OAuth2Storage(STORAGE_PREFIX + this.serviceName, this.propertyStore, this.cache);
    }

    return this.storage;
  }

  saveToken_(token: OAuth2Token): void {
    this.getStorage().setValue(null, token);
  }

  /** Reads the token from memory (unless `skipMemory`), then the cache, then the property store. */
  getToken(skipMemory?: boolean): OAuth2Token | null {
    return this.getToken_(skipMemory);
  }

  /** Tells whether the access token or the ID token expires within 60 seconds. */
  isExpired_(token: OAuth2Token): boolean {
    return isTokenExpired(token, this.nowSeconds(), decodeJwtPayload);
  }

  canRefresh_(token: OAuth2Token): boolean {
    return canRefreshToken(token, this.nowSeconds());
  }

  /**
   * Runs `body` holding the service's lock, unless there is no lock or this execution holds it
   * already. A lock taken here is released only when `body` returns.
   */
  lockable_<Result>(body: () => Result): Result {
    let releaseLock = false;

    if (this.lock && !this.lock.hasLock()) {
      this.lock.waitLock(LOCK_WAIT_MILLISECONDS);
      releaseLock = true;
    }

    // NOTE: no try/finally, as in the library: when body throws, the lock stays held until
    // the execution ends. hasAccess() catches inside body, but a direct refresh() does not.
    const result = body();

    if (this.lock && releaseLock) {
      this.lock.releaseLock();
    }

    return result;
  }

  protected getToken_(skipMemory?: boolean): OAuth2Token | null {
    return this.getStorage().getValue(null, skipMemory) as OAuth2Token | null;
  }

  protected nowSeconds(): number {
    return toEpochSeconds(this.context.env.now());
  }
}
