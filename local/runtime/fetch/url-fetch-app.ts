// UrlFetchApp for the local Apps Script runtime: real HTTP to the Zoom emulator with Apps
// Script's semantics (https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app).
// Requests to https://zoom.us and https://api.zoom.us go to the emulator's loopback port with
// path and query unchanged; every other host is rejected.
import { createHttpResponse } from './http-response';
import { describeUrlForHumans, originOf, prepareRequest, PreparedRequest, routeToEmulator } from './request';
import { FetchRequest, FetchResult, FetchTransport, headerValue, redirectRequest, TransportError } from './transport';

export { createSyncTransport } from './sync-transport';
export type { SyncTransportOptions } from './sync-transport';
export { performFetch, TransportError } from './transport';
export type { FetchRequest, FetchResult, FetchTransport, TransportErrorKind } from './transport';

export interface UrlFetchAppOptions {
  transport: FetchTransport;
  /** http://127.0.0.1:<port> of the Zoom emulator; undefined makes every fetch fail. */
  zoomBaseUrl: string | undefined;
  /** The runtime clock in epoch milliseconds, sent to the emulator as header x-emulator-now. */
  now: () => number;
  /** Time allowed per request; past it the fetch throws "Timeout: <url>". */
  deadlineMilliseconds: number;
  /** Called once per call with 'fetch', 'fetchAll' or 'getRequest'. */
  count: (method: string) => void;
  /** Called with each URL before it is sent, so the runtime can inject faults or advance its clock; may throw. */
  /** Called before each request; `advanceClock` is false for all but the first of a parallel batch. */
  beforeFetch: (url: string, advanceClock: boolean) => void;
  /** Called once per request sent; status is null when no response arrived. Secret query values are redacted. */
  log: (entry: { method: string; url: string; status: number | null }) => void;
}

/** Header that carries the runtime's current time, in epoch milliseconds, to the emulator. */
export const EMULATOR_NOW_HEADER = 'x-emulator-now';

/** Number of response characters that Apps Script quotes in "Request failed" messages. */
const QUOTED_RESPONSE_CHARACTERS = 100;
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Mozilla/5.0 (compatible; Google-Apps-Script; local runtime)';

/** One request on its way: where it is now after any redirects, and how it ended. */
interface Exchange {
  prepared: PreparedRequest;
  wire: FetchRequest;
  redirects: number;
  outcome?: { result: FetchResult } | { error: Error };
}

export function createUrlFetchApp(options: UrlFetchAppOptions): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  const { transport, zoomBaseUrl, now, deadlineMilliseconds, count, beforeFetch, log } = options;

  /** Sends all requests as one batch per redirect hop, so fetchAll runs them in parallel. */
  function execute(prepared: PreparedRequest[]): GoogleAppsScript.URL_Fetch.HTTPResponse[] {
    const exchanges: Exchange[] = prepared.map((request) => ({ prepared: request, wire: toWireRequest(request), redirects: 0 }));

    for (const [index, exchange] of exchanges.entries()) {
      try {
        beforeFetch(exchange.prepared.originalUrl, index === 0);
      } catch (error) {
        log({ method: exchange.wire.method, url: describeUrlForHumans(exchange.prepared.originalUrl), status: null });
        throw error;
      }
    }

    for (let pending = exchanges; pending.length > 0; pending = pending.filter((exchange) => exchange.outcome === undefined)) {
      const outcomes = sendBatch(pending.map((exchange) => ({ ...exchange.wire, headers: { ...exchange.wire.headers, [EMULATOR_NOW_HEADER]: String(now()) } })));

      pending.forEach((exchange, index) => settleOrRedirect(exchange, outcomes[index] as FetchResult | TransportError));
    }

    const responses = exchanges.map((exchange) => finish(exchange));
    const failure = responses.find((response): response is Error => response instanceof Error);

    if (failure !== undefined) throw failure;

    return responses as GoogleAppsScript.URL_Fetch.HTTPResponse[];
  }

  function sendBatch(requests: FetchRequest[]): Array<FetchResult | TransportError> {
    if (transport.requestAll !== undefined) return transport.requestAll(requests);

    return requests.map((request) => {
      try {
        return transport.request(request);
      } catch (error) {
        if (error instanceof TransportError) return error;

        throw error;
      }
    });
  }

  /** Records how an exchange ended, or points it at the next hop of a redirect it must follow. */
  function settleOrRedirect(exchange: Exchange, outcome: FetchResult | TransportError): void {
    if (outcome instanceof TransportError) {
      exchange.outcome = { error: transportFailure(outcome, exchange.prepared.originalUrl) };

      return;
    }

    const location = headerValue(outcome.headers, 'location');

    if (!exchange.prepared.followRedirects || !REDIRECT_STATUSES.has(outcome.status) || location === undefined) {
      exchange.outcome = { result: outcome };

      return;
    }

    if (exchange.redirects >= MAX_REDIRECTS) {
      // NOTE: Apps Script's own message for a redirect loop is not documented; this one is the runtime's.
      exchange.outcome = { error: appsScriptException(`Too many redirects (more than ${MAX_REDIRECTS}): ${describeUrlForHumans(exchange.prepared.originalUrl)}`) };

      return;
    }

    try {
      exchange.wire = redirectRequest(exchange.wire, outcome.status, routeRedirect(location, exchange.wire.url));
      exchange.redirects += 1;
    } catch (error) {
      exchange.outcome = { error: error as Error };
    }
  }

  /** Resolves a Location header: emulator URLs stay as they are, zoom.us URLs are routed, others are rejected. */
  function routeRedirect(location: string, currentUrl: string): string {
    const resolved = new URL(location, currentUrl).toString();

    if (zoomBaseUrl !== undefined && originOf(resolved) === originOf(new URL(zoomBaseUrl).toString())) return resolved;

    return routeToEmulator(resolved, zoomBaseUrl, true);
  }

  function finish(exchange: Exchange): GoogleAppsScript.URL_Fetch.HTTPResponse | Error {
    const { prepared, wire, outcome } = exchange;
    const url = describeUrlForHumans(prepared.originalUrl);

    if (outcome === undefined || 'error' in outcome) {
      log({ method: wire.method, url, status: null });

      return outcome?.error ?? new Error(`No outcome for ${url}`);
    }

    const response = createHttpResponse(outcome.result);

    log({ method: wire.method, url, status: outcome.result.status });

    if (outcome.result.status >= 400 && !prepared.muteHttpExceptions) {
      return requestFailed(prepared.originalUrl, outcome.result.status, response.getContentText());
    }

    return response;
  }

  function toWireRequest(prepared: PreparedRequest): FetchRequest {
    const hasUserAgent = Object.keys(prepared.headers).some((name) => name.toLowerCase() === 'user-agent');

    return {
      method: prepared.method.toUpperCase(),
      url: prepared.targetUrl,
      headers: hasUserAgent ? { ...prepared.headers } : { ...prepared.headers, 'User-Agent': USER_AGENT },
      body: prepared.body?.toString('base64'),
      followRedirects: false,
      timeoutMilliseconds: deadlineMilliseconds,
    };
  }

  function normalizeRequest(request: GoogleAppsScript.URL_Fetch.URLFetchRequest | string): PreparedRequest {
    if (typeof request === 'string') return prepareRequest(request, {}, zoomBaseUrl);

    const { url, ...params } = request;

    return prepareRequest(url, params, zoomBaseUrl);
  }

  return {
    fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}): GoogleAppsScript.URL_Fetch.HTTPResponse {
      count('fetch');

      const [response] = execute([prepareRequest(url, params, zoomBaseUrl)]);

      return response as GoogleAppsScript.URL_Fetch.HTTPResponse;
    },
    fetchAll(requests: Array<GoogleAppsScript.URL_Fetch.URLFetchRequest | string>): GoogleAppsScript.URL_Fetch.HTTPResponse[] {
      count('fetchAll');

      return execute(requests.map(normalizeRequest));
    },
    getRequest(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}): GoogleAppsScript.URL_Fetch.URLFetchRequest {
      count('getRequest');

      const prepared = prepareRequest(url, params, zoomBaseUrl);

      return {
        url: prepared.originalUrl,
        method: prepared.method as GoogleAppsScript.URL_Fetch.HttpMethod,
        headers: { ...prepared.headers },
        payload: prepared.reportedPayload as GoogleAppsScript.URL_Fetch.Payload | undefined,
        contentType: prepared.contentType,
        followRedirects: prepared.followRedirects,
        muteHttpExceptions: prepared.muteHttpExceptions,
        validateHttpsCertificates: prepared.validateHttpsCertificates,
        useIntranet: false,
        escaping: prepared.escaping,
      };
    },
  };
}

/**
 * Builds the error Apps Script throws for an HTTP error status, for example
 * "Request failed for https://api.zoom.us returned code 401. Truncated server response: {...}
 * (use muteHttpExceptions option to examine full response)". Only the scheme and host are
 * named, and the quoted body is cut to 100 characters with "..." when longer.
 */
export function requestFailed(url: string, status: number, responseText: string): Error {
  const quoted = responseText.length > QUOTED_RESPONSE_CHARACTERS ? `${responseText.slice(0, QUOTED_RESPONSE_CHARACTERS)}...` : responseText;

  return appsScriptException(`Request failed for ${originOf(url)} returned code ${status}. Truncated server response: ${quoted} (use muteHttpExceptions option to examine full response)`);
}

/** Maps a transport failure to Apps Script's messages: "Timeout: <url>" or "Address unavailable: <url>". */
function transportFailure(error: TransportError, url: string): Error {
  const prefix = error.kind === 'timeout' ? 'Timeout' : 'Address unavailable';

  return appsScriptException(`${prefix}: ${describeUrlForHumans(url)}`);
}

/** Creates an Error named "Exception", so that String(error) reads "Exception: <message>" as in Apps Script logs. */
function appsScriptException(message: string): Error {
  const error = new Error(message);

  error.name = 'Exception';

  return error;
}
