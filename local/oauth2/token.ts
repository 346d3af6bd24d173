// Token parsing, expiry and error rules of the apps-script-oauth2 library, version 43
// (https://github.com/googleworkspace/apps-script-oauth2, src/Service.js).
import type { CreateError } from './errors';

/** The token object that the library stores as JSON under `oauth2.<serviceName>`. */
export interface OAuth2Token {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
  expires_in?: number | string;
  expires_in_sec?: number | string;
  expires?: number | string;
  refresh_token_expires_in?: number | string;
  /** Seconds since the epoch at which an older library version stored the token. Read for migration only. */
  granted_time?: number;
  /** Seconds since the epoch at which the access token expires. */
  expiresAt?: number;
  /** Seconds since the epoch at which the refresh token expires. */
  refreshTokenExpiresAt?: number;
  error?: unknown;
  [field: string]: unknown;
}

/** The `OAuth2.TOKEN_FORMAT` values: the Accept header of token requests and the body format. */
export const TOKEN_FORMAT = {
  JSON: 'application/json',
  FORM_URL_ENCODED: 'application/x-www-form-urlencoded',
} as const;

/** A token counts as expired this many seconds before its recorded expiry. */
export const EXPIRATION_BUFFER_SECONDS = 60;

/** Converts epoch milliseconds to whole epoch seconds, rounding down as the library does. */
export function toEpochSeconds(epochMilliseconds: number): number {
  return Math.floor(epochMilliseconds / 1000);
}

/**
 * Adds `expiresAt` and `refreshTokenExpiresAt` (epoch seconds) from the token's lifetimes,
 * counted from `granted_time` when an old token has one, else from `nowSeconds`.
 * A token that already has `expiresAt` is left as it is.
 */
export function ensureExpiresAtSet(token: OAuth2Token, nowSeconds: number): void {
  if (token.expiresAt !== undefined) return;

  const grantedSeconds = token.granted_time || nowSeconds;
  const expiresInSeconds = token.expires_in_sec || token.expires_in || token.expires;

  if (expiresInSeconds) {
    token.expiresAt = grantedSeconds + Number(expiresInSeconds);
  }

  if (token.refresh_token_expires_in) {
    token.refreshTokenExpiresAt = grantedSeconds + Number(token.refresh_token_expires_in);
  }
}

/**
 * Tells whether the access token, or the ID token when there is one, expires within
 * EXPIRATION_BUFFER_SECONDS. A token without any lifetime never expires.
 */
export function isTokenExpired(
  token: OAuth2Token,
  nowSeconds: number,
  decodeJwtPayload: (jwt: string) => { exp?: number },
): boolean {
  let expired = false;

  if (token.expiresAt && token.expiresAt - nowSeconds < EXPIRATION_BUFFER_SECONDS) {
    expired = true;
  }

  // Tokens saved by older library versions carry granted_time and no expiresAt. A current token
  // has no granted_time, so this sum is NaN and the comparison is false, as in the library.
  const expiresInSeconds = token.expires_in_sec || token.expires_in || token.expires;

  if (expiresInSeconds) {
    const expiresAtSeconds = Number(token.granted_time) + Number(expiresInSeconds);

    if (expiresAtSeconds - nowSeconds < EXPIRATION_BUFFER_SECONDS) {
      expired = true;
    }
  }

  if (token.id_token) {
    const payload = decodeJwtPayload(token.id_token);

    if (payload.exp && payload.exp - nowSeconds < EXPIRATION_BUFFER_SECONDS) {
      expired = true;
    }
  }

  return expired;
}

/**
 * Tells whether the token has a refresh token that is not about to expire. Adds the
 * expiry fields to the token first, which changes the caller's object as the library does.
 */
export function canRefreshToken(token: OAuth2Token, nowSeconds: number): boolean {
  if (!token.refresh_token) return false;

  ensureExpiresAtSet(token, nowSeconds);

  if (token.refreshTokenExpiresAt === undefined) return true;

  return token.refreshTokenExpiresAt - nowSeconds > EXPIRATION_BUFFER_SECONDS;
}

/**
 * Parses a token endpoint body in the given format and adds the expiry fields.
 * Throws "Token response not valid JSON: <SyntaxError>" for a JSON body that does not parse.
 */
export function parseTokenBody(
  content: string,
  tokenFormat: string,
  nowSeconds: number,
  createError: CreateError,
): OAuth2Token {
  let token: OAuth2Token;

  if (tokenFormat === TOKEN_FORMAT.JSON) {
    token = parseJsonToken(content, createError);
  } else if (tokenFormat === TOKEN_FORMAT.FORM_URL_ENCODED) {
    token = parseFormToken(content);
  } else {
    throw createError('Error', 'Unknown token format: ' + tokenFormat);
  }

  ensureExpiresAtSet(token, nowSeconds);

  return token;
}

function parseJsonToken(content: string, createError: CreateError): OAuth2Token {
  try {
    return JSON.parse(content) as OAuth2Token;
  } catch (error) {
    throw createError('Error', 'Token response not valid JSON: ' + String(error));
  }
}

function parseFormToken(content: string): OAuth2Token {
  const token: OAuth2Token = {};

  for (const pair of content.split('&')) {
    const [name, value] = pair.split('=');
    // The library decodes a missing value as the string "undefined", and this keeps that result.
    token[decodeURIComponent(String(name))] = decodeURIComponent(String(value));
  }

  return token;
}

/**
 * Returns the token of a token endpoint response, or throws "Error retrieving token: "
 * followed by the body's `error`, `message`, `error_description` and `error_uri` that are
 * present, joined with ", ". When none is present, the reason is "<status>: <body as JSON>".
 * Other fields, such as Zoom's `reason`, are not part of the message.
 */
export function readTokenResponse(
  statusCode: number,
  content: string,
  tokenFormat: string,
  nowSeconds: number,
  createError: CreateError,
): OAuth2Token {
  const token = parseTokenBody(content, tokenFormat, nowSeconds, createError);

  if (statusCode >= 200 && statusCode < 300 && !token.error) return token;

  const reasonParts = [token.error, token.message, token.error_description, token.error_uri]
    .filter(Boolean)
    .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)));
  let reason = reasonParts.join(', ');

  if (!reason) {
    reason = statusCode + ': ' + JSON.stringify(token);
  }

  throw createError('Error', 'Error retrieving token: ' + reason);
}
