/**
 * The sidebar's connection functions: state, authorization URL, the OAuth callback page and
 * Disconnect. Every function returns plain JSON-safe values, because google.script.run turns a
 * Date or a class instance into null on the way to the sidebar.
 */
import { AddonError, isAddonError, MESSAGES } from '../errors';
import { createZoomApi } from '../zoom/client';
import { readZoomConfig, type ConnectionMode, type ZoomConfig } from '../zoom/config';
import {
  basicAuthorization,
  createZoomService,
  DISCONNECT_REASON_PROPERTY,
  errorText,
  hasZoomAccess,
  redactSecrets,
  REVOKE_URL,
  storedToken,
  tokenFailure,
} from '../zoom/oauth';

export type ConnectionStatus = 'setup-incomplete' | 'not-connected' | 'connected' | 'needs-reconnect' | 'error';

export interface SidebarState {
  status: ConnectionStatus;
  message: string;
  mode: ConnectionMode;
  redirectUrl: string;
  missingProperties: string[];
  zoomUser: { name: string; email: string } | null;
  /** The Google account the host check compares with in account mode. */
  googleEmail: string;
  canDisconnect: boolean;
}

function googleEmail(): string {
  return Session.getActiveUser().getEmail().toLowerCase();
}

function baseState(config: ZoomConfig): Omit<SidebarState, 'status' | 'message'> {
  return {
    mode: config.mode,
    redirectUrl: config.redirectUrl,
    missingProperties: config.missing,
    zoomUser: null,
    googleEmail: googleEmail(),
    canDisconnect: false,
  };
}

function errorMessage(error: unknown): string {
  return redactSecrets(errorText(error));
}

/**
 * Reports the connection state. A stored token is checked with one GET /users/me; the OAuth2
 * library refreshes only if the access token has expired, so checking makes no token request
 * while the token is valid.
 */
export function getConnectionState(): SidebarState {
  const config = readZoomConfig();
  const base = baseState(config);

  if (config.missing.length > 0) {
    return { ...base, status: 'setup-incomplete', message: MESSAGES.setupIncomplete(config.missing, config.redirectUrl) };
  }

  if (config.mode === 'account') return accountState(config, base);

  const service = createZoomService(config);

  if (storedToken(service) === null) {
    const reason = PropertiesService.getUserProperties().getProperty(DISCONNECT_REASON_PROPERTY);

    return reason === null
      ? { ...base, status: 'not-connected', message: MESSAGES.notConnected }
      : { ...base, status: 'needs-reconnect', message: reason };
  }

  try {
    const user = createZoomApi(config).getCurrentUser();

    return {
      ...base,
      status: 'connected',
      message: MESSAGES.connected(user.name, user.email, 'user'),
      zoomUser: { name: user.name, email: user.email },
      canDisconnect: true,
    };
  } catch (error) {
    if (isAddonError(error, 'ZOOM_DISCONNECTED') || isAddonError(error, 'ZOOM_NOT_CONNECTED')) {
      return { ...base, status: 'needs-reconnect', message: error.message };
    }

    return { ...base, status: 'error', message: errorMessage(error), canDisconnect: true };
  }
}

/**
 * Reports account mode: the Server-to-Server token is requested (under the script lock) only when
 * none is stored or it has expired. The Google email is shown because imports are limited to the
 * meetings that email hosts.
 */
function accountState(config: ZoomConfig, base: Omit<SidebarState, 'status' | 'message'>): SidebarState {
  const service = createZoomService(config);
  let access: boolean;

  try {
    access = hasZoomAccess(service);
  } catch (error) {
    return { ...base, status: 'error', message: errorMessage(error) };
  }

  if (access) {
    return {
      ...base,
      status: 'connected',
      message: MESSAGES.connected(`Zoom account ${config.accountId}`, base.googleEmail, 'account'),
    };
  }

  return { ...base, status: 'error', message: tokenFailure(config, service, service.getLastError()).message };
}

/**
 * Builds a fresh authorization URL when the user clicks Authorize Zoom: the state token inside it
 * expires after an hour, so a URL rendered when the sidebar opened may be stale by the click.
 */
export function getAuthorizationUrl(): string {
  const config = readZoomConfig();

  if (config.missing.length > 0) {
    throw new AddonError('SETUP_INCOMPLETE', MESSAGES.setupIncomplete(config.missing, config.redirectUrl));
  }

  if (config.mode === 'account') {
    throw new AddonError('ZOOM_ERROR', 'Account mode needs no authorization: the script owner set up Zoom for everyone');
  }

  return createZoomService(config).getAuthorizationUrl();
}

/** Revokes the user's token at Zoom, then deletes it. A failed revoke still disconnects locally. */
export function disconnect(): SidebarState {
  const config = readZoomConfig();

  if (config.mode === 'account') {
    throw new AddonError('ZOOM_ERROR', 'Account mode has no Disconnect: the script owner turns it off by removing ZOOM_ACCOUNT_ID');
  }

  const service = createZoomService(config);
  const token = storedToken(service)?.access_token;

  if (token !== undefined) {
    try {
      UrlFetchApp.fetch(REVOKE_URL, {
        method: 'post',
        headers: { Authorization: basicAuthorization(config) },
        payload: { token },
        muteHttpExceptions: true,
      });
    } catch (error) {
      console.warn(`Zoom revoke failed, disconnecting locally: ${errorMessage(error)}`);
    }
  }

  service.reset();
  PropertiesService.getUserProperties().deleteProperty(DISCONNECT_REASON_PROPERTY);

  return getConnectionState();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function callbackPage(title: string, body: string): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:Roboto,Arial,sans-serif;margin:32px;color:#202124}</style></head>' +
      `<body><h2>${escapeHtml(title)}</h2><p>${escapeHtml(body)}</p></body></html>`,
  ).setTitle(title);
}

/** Finishes Zoom's redirect: always returns a readable page, whatever happened. */
export function handleAuthCallback(request: object): GoogleAppsScript.HTML.HtmlOutput {
  try {
    const config = readZoomConfig();
    const service = createZoomService(config);

    if (!service.handleCallback(request)) {
      return callbackPage('Access denied', 'Zoom was not connected because access was denied. Close this tab; you can try again from the sidebar.');
    }

    PropertiesService.getUserProperties().deleteProperty(DISCONNECT_REASON_PROPERTY);

    return callbackPage('Zoom connected', 'Zoom is connected. Close this tab and return to the spreadsheet.');
  } catch (error) {
    return callbackPage(
      'Connecting Zoom failed',
      `Zoom could not be connected: ${errorMessage(error)}. Close this tab and click Authorize Zoom in the sidebar again.`,
    );
  }
}
