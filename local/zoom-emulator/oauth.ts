// Zoom's OAuth endpoints on https://zoom.us: /oauth/authorize, /oauth/token and /oauth/revoke.
// Facts mirrored: Basic client authentication on the token endpoint; authorization codes live
// 5 minutes and are single-use; refresh tokens are single-use and rotate; a stale refresh token
// gets 400 {"reason":"Invalid Token!","error":"invalid_grant"}; account credentials return no
// refresh token and supersede the app's previous access token. Sources: Zoom's OAuth and
// Server-to-Server OAuth documentation, and invalid_grant bodies that developers reported.
import type { EmulatedApp, EmulatedUser } from './model';
import { basicCredentials, jsonResponse, type EmulatorRequest, type EmulatorResponse } from './exchange';
import type { EmulatorState } from './state';
import { AUTHORIZATION_CODE_LIFETIME_MILLISECONDS, type Grant } from './tokens';

const API_URL = 'https://api.zoom.us';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function errorPage(status: number, title: string, detail: string): EmulatorResponse {
  const html =
    `<!DOCTYPE html><html><head><title>Zoom - ${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></body></html>`;

  return { status, html };
}

function oauthError(status: number, error: string, reason: string): EmulatorResponse {
  return jsonResponse(status, { reason, error });
}

/** Scopes granted to a user: the app's scopes, without `:admin` scopes unless the user is an admin. */
function grantedScopes(app: EmulatedApp, user: EmulatedUser | undefined): string[] {
  if (!user || user.admin) return [...app.scopes];

  return app.scopes.filter((scope) => !scope.endsWith(':admin'));
}

export function handleAuthorize(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const { query } = request;
  const app = state.app(query.client_id ?? '');

  if (!app || app.kind !== 'user') {
    return errorPage(400, 'Invalid client_id', `Error 4702: the app with client ID "${query.client_id ?? ''}" was not found.`);
  }

  const redirectUri = query.redirect_uri ?? '';

  if (!app.redirectUris.includes(redirectUri)) {
    return errorPage(400, 'Redirect URI mismatch', 'Error 4709: the redirect URI does not match the app\'s redirect URL or allow list.');
  }

  if (query.scope !== undefined) {
    return errorPage(400, 'Invalid scope', 'Error 4700: Invalid scope. The app\'s scopes come from its configuration.');
  }

  if (query.response_type !== 'code') {
    return errorPage(400, 'Unsupported response type', 'Error 4700: response_type must be "code".');
  }

  const consent = state.consent;

  if (!consent || !state.user(consent.userId)) {
    return errorPage(200, 'Sign in', 'Sign in to Zoom to authorize this app (no user is signed in to the emulator).');
  }

  const target = new URL(redirectUri);

  if (consent.decision === 'deny') {
    target.searchParams.set('error', 'access_denied');
  } else {
    const code = state.tokens.issueCode({ clientId: app.clientId, userId: consent.userId, redirectUri, issuedAt: request.now });

    target.searchParams.set('code', code);
  }

  if (query.state !== undefined) target.searchParams.set('state', query.state);

  return { status: 302, headers: { location: target.toString() }, html: '' };
}

function tokenResponse(state: EmulatorState, grant: Grant, now: number, withRefresh: boolean): EmulatorResponse {
  const lifetimeSeconds = state.accessTokenLifetimeSeconds;
  const body: Record<string, unknown> = {
    access_token: state.tokens.issueAccessToken(grant, now + lifetimeSeconds * 1000),
    token_type: 'bearer',
  };

  if (withRefresh) body.refresh_token = state.tokens.issueRefreshToken(grant);

  body.expires_in = lifetimeSeconds;
  body.scope = grant.scopes.join(' ');
  body.api_url = API_URL;

  return jsonResponse(200, body);
}

function exchangeCode(state: EmulatorState, app: EmulatedApp, params: Record<string, string>, now: number): EmulatorResponse {
  const code = state.tokens.takeCode(params.code ?? '');

  if (!code || code.used || code.clientId !== app.clientId) {
    return oauthError(400, 'invalid_request', 'Invalid authorization code');
  }

  if (now - code.issuedAt > AUTHORIZATION_CODE_LIFETIME_MILLISECONDS) {
    return oauthError(400, 'invalid_request', 'Authorization code is expired');
  }

  if (params.redirect_uri !== code.redirectUri) return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');

  const user = state.user(code.userId);

  if (!user) return oauthError(400, 'invalid_request', 'The owner of the token does not exist');

  // A new authorization revokes the user's earlier tokens for this app (Zoom OAuth error 4741).
  state.tokens.revokeUserGrants(app.clientId, user.id);

  const grant = state.tokens.createGrant({
    clientId: app.clientId,
    userId: user.id,
    accountId: user.accountId,
    scopes: grantedScopes(app, user),
  });

  return tokenResponse(state, grant, now, true);
}

function refresh(state: EmulatorState, app: EmulatedApp, params: Record<string, string>, now: number): EmulatorResponse {
  const token = state.tokens.spendRefreshToken(params.refresh_token ?? '');

  if (!token || token.grant.clientId !== app.clientId) return oauthError(400, 'invalid_grant', 'Invalid Token!');

  return tokenResponse(state, token.grant, now, true);
}

function accountCredentials(state: EmulatorState, app: EmulatedApp, params: Record<string, string>, now: number): EmulatorResponse {
  if (app.kind !== 'account') return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');

  if (!app.accountId || params.account_id !== app.accountId) {
    return oauthError(400, 'invalid_request', 'Invalid account_id');
  }

  state.tokens.supersedeAccountTokens(app.clientId);

  const grant = state.tokens.createGrant({ clientId: app.clientId, accountId: app.accountId, scopes: [...app.scopes] });

  return tokenResponse(state, grant, now, false);
}

/** Authenticates the client with HTTP Basic; undefined when the credentials are missing or wrong. */
function authenticateClient(state: EmulatorState, request: EmulatorRequest): EmulatedApp | undefined {
  const credentials = basicCredentials(request.headers);
  const app = credentials ? state.app(credentials.clientId) : undefined;

  if (!app || !credentials || app.clientSecret !== credentials.secret) return undefined;

  return app;
}

export function handleToken(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const app = authenticateClient(state, request);

  if (!app) return oauthError(401, 'invalid_client', 'Invalid client_id or client_secret');

  // Zoom reads token parameters from the query string or the form body.
  const params = { ...request.query, ...request.form };

  switch (params.grant_type) {
    case 'authorization_code':
      return app.kind === 'user'
        ? exchangeCode(state, app, params, request.now)
        : oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
    case 'refresh_token':
      return refresh(state, app, params, request.now);
    case 'account_credentials':
      return accountCredentials(state, app, params, request.now);
    default:
      return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  }
}

export function handleRevoke(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const app = authenticateClient(state, request);

  if (!app) return oauthError(401, 'invalid_client', 'Invalid client_id or client_secret');

  const token = request.form.token ?? '';

  if (!token) return oauthError(400, 'invalid_request', 'Token cannot be empty');

  state.tokens.revokeToken(token);

  return jsonResponse(200, { status: 'success' });
}
