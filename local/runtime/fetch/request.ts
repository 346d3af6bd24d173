// Turns UrlFetchApp's (url, params) into what goes on the wire, with Apps Script's defaults:
// method "get", payload objects as form bodies (multipart when a value is a Blob), content
// type "application/x-www-form-urlencoded" unless set, and redirects followed.
import { randomBytes } from 'node:crypto';
import { bytesOfBlobSource, isBlobSource } from './blob';
import { charsetOfContentType, encodeText, fromByteArray } from './bytes';

/** Hosts that the local runtime sends to the Zoom emulator; every other host is rejected. */
export const ZOOM_HOSTS: readonly string[] = ['zoom.us', 'api.zoom.us'];

/** Methods that UrlFetchApp accepts (https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app). */
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);
const DEFAULT_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Query parameters whose values are replaced in logs and error messages. */
const SECRET_QUERY_PARAMETERS = new Set(['access_token', 'refresh_token', 'id_token', 'token', 'code', 'client_secret', 'password', 'key', 'api_key', 'signature']);

/** Characters that cannot appear in a URL unescaped (RFC 3986); "%" is left alone so escapes stay intact. */
const ILLEGAL_URL_CHARACTERS = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu;
const HAS_ILLEGAL_URL_CHARACTER = new RegExp(ILLEGAL_URL_CHARACTERS.source, 'u');

/** A request ready to send: the URL the script gave, plus the emulator URL and the wire format. */
export interface PreparedRequest {
  originalUrl: string;
  targetUrl: string;
  method: string;
  /** Request headers as the script set them, with Content-Type added when there is a body. */
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** The payload as getRequest reports it: form bodies as their encoded string. */
  reportedPayload: unknown;
  contentType: string | undefined;
  followRedirects: boolean;
  muteHttpExceptions: boolean;
  validateHttpsCertificates: boolean;
  escaping: boolean;
}

/** Validates and routes one request; throws the error that Apps Script would throw for an invalid one. */
export function prepareRequest(
  url: string,
  params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
  zoomBaseUrl: string | undefined,
): PreparedRequest {
  const method = String(params.method ?? 'get').toLowerCase();

  if (!METHODS.has(method)) throw new Error(`Invalid argument: method ${String(params.method)}`);

  const escaping = params.escaping !== false;
  const headers = Object.fromEntries(Object.entries(params.headers ?? {}).map(([name, value]) => [name, String(value)]));
  const headerContentType = takeHeader(headers, 'content-type');
  const payload = encodePayload(params.payload, params.contentType ?? headerContentType);

  if (payload.contentType !== undefined) headers['Content-Type'] = payload.contentType;

  return {
    originalUrl: url,
    targetUrl: routeToEmulator(url, zoomBaseUrl, escaping),
    method,
    headers,
    body: payload.body,
    reportedPayload: payload.reported,
    contentType: payload.contentType,
    followRedirects: params.followRedirects !== false,
    muteHttpExceptions: params.muteHttpExceptions === true,
    validateHttpsCertificates: params.validateHttpsCertificates !== false,
    escaping,
  };
}

/** Rewrites https://zoom.us/... and https://api.zoom.us/... to the emulator, keeping path and query. */
export function routeToEmulator(url: string, zoomBaseUrl: string | undefined, escaping: boolean): string {
  const match = /^https:\/\/([^/?#:]+)(?::443)?([/?#].*)?$/isu.exec(url);
  const host = match?.[1]?.toLowerCase();
  const base = zoomBaseUrl?.replace(/\/+$/, '');

  if (match === null || host === undefined || !ZOOM_HOSTS.includes(host)) {
    throw new Error(`The local runtime only routes https://zoom.us and https://api.zoom.us to the Zoom emulator; it does not fetch ${describeUrlForHumans(url)}`);
  }

  if (base === undefined) {
    throw new Error(`No Zoom emulator is configured in the local runtime, so ${describeUrlForHumans(url)} cannot be fetched.`);
  }

  const rest = (match[2] ?? '/').replace(/#.*$/su, '');
  const pathAndQuery = rest.startsWith('/') ? rest : `/${rest}`;

  if (escaping) return base + pathAndQuery.replace(ILLEGAL_URL_CHARACTERS, (char) => encodeURIComponent(char));

  if (HAS_ILLEGAL_URL_CHARACTER.test(pathAndQuery)) throw new Error(`Invalid argument: ${describeUrlForHumans(url)}`);

  return base + pathAndQuery;
}

/** Returns the URL with the values of secret-looking query parameters (code, tokens, keys) replaced. */
export function describeUrlForHumans(url: string): string {
  const queryStart = url.indexOf('?');

  if (queryStart < 0) return url;

  const fragmentStart = url.indexOf('#', queryStart);
  const query = url.slice(queryStart + 1, fragmentStart < 0 ? undefined : fragmentStart);
  const redacted = query
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';

      return SECRET_QUERY_PARAMETERS.has(safeDecode(name).toLowerCase()) ? `${name}=REDACTED` : pair;
    })
    .join('&');

  return `${url.slice(0, queryStart)}?${redacted}`;
}

/** Returns the scheme and host of a URL, as Apps Script names it in "Request failed for ..." messages. */
export function originOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/iu.exec(url)?.[0] ?? url;
}

interface EncodedPayload {
  body: Buffer | undefined;
  contentType: string | undefined;
  reported: unknown;
}

function encodePayload(payload: unknown, contentType: string | undefined): EncodedPayload {
  if (payload === undefined || payload === null) return { body: undefined, contentType, reported: undefined };

  if (typeof payload === 'string') {
    const type = contentType ?? DEFAULT_CONTENT_TYPE;

    return { body: encodeText(payload, charsetOfContentType(type) ?? 'UTF-8'), contentType: type, reported: payload };
  }

  if (Array.isArray(payload)) {
    return { body: fromByteArray(payload as number[]), contentType: contentType ?? DEFAULT_CONTENT_TYPE, reported: payload };
  }

  if (isBlobSource(payload)) {
    const blob = payload.getBlob();

    return { body: bytesOfBlobSource(blob), contentType: contentType ?? blob.getContentType() ?? DEFAULT_CONTENT_TYPE, reported: payload };
  }

  if (typeof payload !== 'object') {
    const text = String(payload);

    return { body: encodeText(text), contentType: contentType ?? DEFAULT_CONTENT_TYPE, reported: text };
  }

  const fields = Object.entries(payload as Record<string, unknown>);

  if (fields.some(([, value]) => isBlobSource(value))) return encodeMultipart(fields);

  const form = new URLSearchParams(fields.map(([name, value]) => [name, String(value)])).toString();

  return { body: Buffer.from(form, 'utf8'), contentType: DEFAULT_CONTENT_TYPE, reported: form };
}

/** Encodes form fields as multipart/form-data (RFC 7578), which UrlFetchApp uses when a field is a Blob. */
function encodeMultipart(fields: Array<[string, unknown]>): EncodedPayload {
  const boundary = `----LocalAppsScript${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];

  for (const [name, value] of fields) {
    const quotedName = name.replace(/"/g, '%22');

    if (isBlobSource(value)) {
      const blob = value.getBlob();
      const fileName = (blob.getName() ?? name).replace(/"/g, '%22');

      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quotedName}"; filename="${fileName}"\r\nContent-Type: ${blob.getContentType() ?? 'application/octet-stream'}\r\n\r\n`));
      parts.push(bytesOfBlobSource(blob), Buffer.from('\r\n'));
      continue;
    }

    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quotedName}"\r\n\r\n${String(value)}\r\n`));
  }

  parts.push(Buffer.from(`--${boundary}--\r\n`));

  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}`, reported: Object.fromEntries(fields) };
}

/** Removes a header (any case) from the map and returns its value. */
function takeHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);

  if (key === undefined) return undefined;

  const value = headers[key];

  delete headers[key];

  return value;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
