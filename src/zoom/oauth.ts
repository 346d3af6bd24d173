/**
 * The Zoom OAuth2 service (Google's apps-script-oauth2 library, version 43) and the token source the
 * HTTP client uses. The library alone decides when to refresh: inside hasAccess(), under the lock,
 * 60 s before expiry. The add-on forces a refresh only after Zoom rejects a token with a 401.
 */
import { AddonError, MESSAGES } from '../errors';
import type { TokenSource } from './http';
import type { ZoomConfig } from './config';

export const AUTHORIZE_URL = 'https://zoom.us/oauth/authorize';
export const TOKEN_URL = 'https://zoom.us/oauth/token';
export const REVOKE_URL = 'https://zoom.us/oauth/revoke';

const USER_SERVICE_NAME = 'zoom';
const ACCOUNT_SERVICE_NAME = 'zoomAccount';

/** User property that keeps why the connection was dropped, until the user reconnects. */
export const DISCONNECT_REASON_PROPERTY = 'zoom.disconnectReason';

export function basicAuthorization(config: ZoomConfig): string {
  return `Basic ${Utilities.base64Encode(`${config.clientId}:${config.clientSecret}`)}`;
}

/**
 * Builds the Zoom service. User mode keeps each user's token in user properties and refreshes under
 * the user lock, because Zoom refresh tokens are single-use and rotate. Account mode
 * (Server-to-Server OAuth) keeps the one token in script properties under the script lock, because
 * a new token can invalidate the previous one. No scope is set: Zoom takes the scopes from the app's
 * configuration and rejects a scope parameter with "Invalid scope".
 */
export function createZoomService(config: ZoomConfig): GoogleAppsScriptOAuth2.OAuth2Service {
  if (config.mode === 'account') {
    return OAuth2.createService(ACCOUNT_SERVICE_NAME)
      .setTokenUrl(TOKEN_URL)
      .setClientId(config.clientId)
      .setClientSecret(config.clientSecret)
      .setGrantType('account_credentials')
      .setParam('account_id', config.accountId)
      .setTokenHeaders({ Authorization: basicAuthorization(config) })
      .setPropertyStore(PropertiesService.getScriptProperties())
      .setCache(CacheService.getScriptCache())
      .setLock(LockService.getScriptLock());
  }

  return OAuth2.createService(USER_SERVICE_NAME)
    .setAuthorizationBaseUrl(AUTHORIZE_URL)
    .setTokenUrl(TOKEN_URL)
    .setClientId(config.clientId)
    .setClientSecret(config.clientSecret)
    .setCallbackFunction('authCallback')
    .setTokenHeaders({ Authorization: basicAuthorization(config) })
    .setPropertyStore(PropertiesService.getUserProperties())
    .setCache(CacheService.getUserCache())
    .setLock(LockService.getUserLock());
}

interface StoredToken {
  access_token?: string;
  scope?: string;
}

export function storedToken(service: GoogleAppsScriptOAuth2.OAuth2Service): StoredToken | null {
  const token = service.getToken() as StoredToken | null;

  return token ?? null;
}

/** Returns the scopes Zoom granted, from the token's space-separated `scope` field, or null when unknown. */
export function grantedScopes(service: GoogleAppsScriptOAuth2.OAuth2Service): string[] | null {
  const scope = storedToken(service)?.scope;

  return typeof scope === 'string' && scope.trim() !== '' ? scope.trim().split(/\s+/) : null;
}

/** Removes anything token-like from a message before it is shown or logged. */
export function redactSecrets(text: string): string {
  return text.replace(/[A-Za-z0-9._~+/=-]{32,}/g, '[redacted]');
}

/** Returns the message of an error from any realm, because the OAuth2 library's errors are not instances of this realm's Error. */
export function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }

  return String(error);
}

/** Apps Script's LockService message when waitLock gives up. */
const LOCK_TIMEOUT = /lock timeout/i;

/**
 * Calls the library's hasAccess(), which refreshes under the lock when the token has expired. A lock
 * wait that times out throws in the library, and becomes an AddonError whose message asks the user to try again.
 */
export function hasZoomAccess(service: GoogleAppsScriptOAuth2.OAuth2Service): boolean {
  try {
    return service.hasAccess();
  } catch (error) {
    if (!LOCK_TIMEOUT.test(errorText(error))) throw error;

    throw lockTimeoutError();
  }
}

function lockTimeoutError(): AddonError {
  return new AddonError(
    'ZOOM_ERROR',
    'Another execution was renewing the Zoom token and held the lock too long; nothing was changed, try again in a minute',
  );
}

function recordDisconnect(config: ZoomConfig, reason: string): void {
  if (config.mode === 'user') PropertiesService.getUserProperties().setProperty(DISCONNECT_REASON_PROPERTY, reason);
}

/** Reason phrases of 5xx responses, which the library's "Error retrieving token" message may carry. */
const SERVER_ERROR_REASON = /retrieving token: (5\d\d|internal server error|bad gateway|service unavailable|gateway timeout)\b/i;

const TRANSPORT_FAILURE = /address unavailable|dns error|timeout|timed out|end of file|unexpected error/i;

/**
 * Returns why a token request failed for now (a transport failure, a 5xx, or a body that is not
 * JSON, such as an outage page), or null when Zoom responded with a real rejection.
 */
function temporaryFailureReason(message: string): string | null {
  const serverError = SERVER_ERROR_REASON.exec(message)?.[1];

  if (serverError !== undefined) return `Zoom answered ${serverError}`;

  if (/token response not valid json/i.test(message)) return 'Zoom answered with a body that is not JSON';

  if (TRANSPORT_FAILURE.test(message)) return message.split(':')[0]?.replace(/^Exception\s*/i, '').trim() || 'network error';

  return null;
}

/**
 * Classifies why the library could not produce a token. `invalid_grant` means Zoom refused the
 * refresh token for good (rotated elsewhere, revoked, app removed), so the token is reset and the
 * user must reconnect; a network failure or a 5xx keeps the token for the next try.
 */
export function tokenFailure(
  config: ZoomConfig,
  service: GoogleAppsScriptOAuth2.OAuth2Service,
  error: unknown,
): AddonError {
  if (error === null || error === undefined) {
    if (config.mode === 'account') {
      return new AddonError('ZOOM_DISCONNECTED', 'Zoom gave no account token: check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET in Script Properties');
    }

    const reason = PropertiesService.getUserProperties().getProperty(DISCONNECT_REASON_PROPERTY);

    if (reason !== null) return new AddonError('ZOOM_DISCONNECTED', reason);

    return new AddonError('ZOOM_NOT_CONNECTED', "Not connected: open the add-on's sidebar and click Authorize Zoom");
  }

  const message = redactSecrets(errorText(error));

  if (LOCK_TIMEOUT.test(message)) return lockTimeoutError();

  if (/invalid_grant/i.test(message)) {
    service.reset();
    recordDisconnect(config, MESSAGES.disconnected);

    return new AddonError('ZOOM_DISCONNECTED', MESSAGES.disconnected);
  }

  if (/invalid_client/i.test(message)) {
    return new AddonError(
      'SETUP_INCOMPLETE',
      'Zoom rejected the client ID or secret in Script Properties (invalid_client): check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET',
    );
  }

  const temporaryReason = temporaryFailureReason(message);

  if (temporaryReason !== null) return new AddonError('NETWORK', MESSAGES.network(temporaryReason));

  if (config.mode === 'account') {
    return new AddonError(
      'SETUP_INCOMPLETE',
      `Zoom refused the account token request (${message}): check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET in Script Properties`,
    );
  }

  return new AddonError('ZOOM_ERROR', `Zoom refused the token request (${message}); try again, or reconnect Zoom`);
}

/** Hands the HTTP client access tokens from the OAuth2 library. */
export class OAuthTokenSource implements TokenSource {
  constructor(private readonly config: ZoomConfig) {}

  accessToken(): string {
    const service = createZoomService(this.config);

    if (hasZoomAccess(service)) return service.getAccessToken();

    throw tokenFailure(this.config, service, service.getLastError());
  }

  /**
   * Called after Zoom rejected `rejected` with a 401 (code 124). A new service object is used,
   * because refresh() reads the service's in-memory copy of the token, which may be older than the
   * stored one. If another execution already stored a newer token, that one is used unrefreshed.
   */
  accessTokenAfterRejection(rejected: string): string {
    const service = createZoomService(this.config);
    const stored = storedToken(service);

    if (stored?.access_token !== undefined && stored.access_token !== rejected && hasZoomAccess(service)) {
      return service.getAccessToken();
    }

    try {
      if (this.config.mode === 'account') service.reset();
      else service.refresh();
    } catch (error) {
      throw tokenFailure(this.config, service, error);
    }

    if (hasZoomAccess(service)) return service.getAccessToken();

    throw tokenFailure(this.config, service, service.getLastError());
  }

  /** Drops a token that Zoom keeps rejecting even after a refresh, so the user reconnects. */
  markRejected(): void {
    createZoomService(this.config).reset();
    recordDisconnect(this.config, MESSAGES.disconnected);
  }
}
