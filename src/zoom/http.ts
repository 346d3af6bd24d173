/**
 * The Zoom REST client: bearer token in the Authorization header (never in the URL), retries for
 * transport failures, rate limits and server errors, one forced refresh after a 401, and paging.
 */
import { AddonError, isAddonError, MESSAGES } from '../errors';
import { errorFromResponse, parseErrorBody } from './responses';

export const API_BASE_URL = 'https://api.zoom.us/v2';

/** Zoom's maximum page size for participant and meeting listings. */
export const PAGE_SIZE = 300;

/** Retries of one request after a transport failure, with their sleeps: about 1 s, then 3 s. */
const TRANSPORT_RETRY_SLEEPS_MILLISECONDS = [1_000, 3_000];

/** Retries after a per-second 429: exponential backoff from 1 s, plus jitter. */
const RATE_LIMIT_RETRIES = 4;

/** Retries after a 5xx response. */
const SERVER_ERROR_RETRIES = 3;

const BACKOFF_BASE_MILLISECONDS = 1_000;

/** Requests sent at once by a prefetch; Zoom's per-second limits are 10 to 80 for most endpoints. */
const PREFETCH_BATCH_SIZE = 8;

/** A Retry-After longer than this is not slept through: the run stops and reports when to retry. */
const MAX_RETRY_AFTER_SLEEP_SECONDS = 30;

export interface TokenSource {
  /** Returns a valid access token, refreshing through the OAuth2 library when it has expired. */
  accessToken(): string;
  /** Returns a new access token after Zoom rejected `rejected` with a 401. */
  accessTokenAfterRejection(rejected: string): string;
  /** Called when Zoom rejects even the refreshed token: the connection is dropped. */
  markRejected(): void;
}

export interface HttpEnvironment {
  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions): GoogleAppsScript.URL_Fetch.HTTPResponse;
  /** UrlFetchApp.fetchAll: sends independent requests in parallel. Without it nothing is prefetched. */
  fetchAll?(requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]): GoogleAppsScript.URL_Fetch.HTTPResponse[];
  sleep(milliseconds: number): void;
  random(): number;
  now(): number;
}

export type Query = Record<string, string | number | undefined>;

function buildUrl(path: string, query: Query): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);

  return API_BASE_URL + path + (parts.length > 0 ? `?${parts.join('&')}` : '');
}

function headerValue(response: GoogleAppsScript.URL_Fetch.HTTPResponse, name: string): string {
  const headers = response.getHeaders() as Record<string, unknown>;
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());

  return found === undefined ? '' : String(headers[found]);
}

/** Transport failures UrlFetchApp throws even with muteHttpExceptions, which are worth a retry. */
const TRANSIENT_TRANSPORT_ERROR =
  /address unavailable|dns error|timeout|timed out|end of file|unexpected error|connection reset|bandwidth quota/i;

const URLFETCH_DAILY_QUOTA = /too many times for one day: urlfetch/i;

/**
 * Reads an error's message without `instanceof Error`, because that check fails for an error made in
 * another realm. A leading "Exception: ", as Apps Script prints its errors, is dropped.
 */
function quotaError(): AddonError {
  return new AddonError('URLFETCH_QUOTA', "Apps Script's daily quota of web requests is used up for this Google account; try again tomorrow");
}

function errorMessage(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
      ? (error as { message: string }).message
      : String(error);

  return message.replace(/^Exception:\s*/i, '');
}

/** Returns the kind of a transport failure, such as "Address unavailable" or "DNS error", without the URL. */
function transportReason(error: unknown): string {
  const reason = errorMessage(error).split(':')[0]?.trim();

  return reason === undefined || reason === '' ? 'network error' : reason;
}

export interface PageResult<T> {
  items: T[];
  totalRecords: number | null;
}

export class ZoomHttp {
  constructor(
    private readonly tokens: TokenSource,
    private readonly environment: HttpEnvironment,
  ) {}

  /** Bodies fetched ahead by prefetch, by URL; each is used by one getJson, then dropped. */
  private readonly prefetched = new Map<string, string>();

  /**
   * Sends independent GETs in parallel with UrlFetchApp.fetchAll, a few at a time, and keeps each
   * successful body for the one getJson that requests it. A failed request is not kept, so getJson
   * sends it again with all its retries. Only Apps Script's daily fetch quota is thrown at once.
   */
  prefetch(paths: string[]): void {
    const fetchAll = this.environment.fetchAll?.bind(this.environment);

    if (fetchAll === undefined || paths.length < 2) return;

    const urls = paths.map((path) => buildUrl(path, {}));

    try {
      const token = this.tokens.accessToken();

      for (let start = 0; start < urls.length; start += PREFETCH_BATCH_SIZE) {
        const batch = urls.slice(start, start + PREFETCH_BATCH_SIZE);
        const responses = fetchAll(batch.map((url) => ({ url, ...this.requestOptions(token) })));

        responses.forEach((response, index) => {
          const code = response.getResponseCode();
          const url = batch[index];

          if (url !== undefined && code >= 200 && code < 300) this.prefetched.set(url, response.getContentText());
        });
      }
    } catch (error) {
      if (URLFETCH_DAILY_QUOTA.test(errorMessage(error))) throw quotaError();

      // Anything else that failed is fetched again, one request at a time, by getJson.
    }
  }

  /** GETs a Zoom API path and returns the parsed JSON body, or throws an AddonError. */
  getJson(path: string, query: Query = {}): Record<string, unknown> {
    const url = buildUrl(path, query);
    const prefetchedBody = this.prefetched.get(url);

    this.prefetched.delete(url);

    const text = prefetchedBody ?? this.send(path, query).getContentText();

    try {
      const body: unknown = JSON.parse(text);

      if (body !== null && typeof body === 'object') return body as Record<string, unknown>;
    } catch {
      // Falls through to the error below.
    }

    throw new AddonError('ZOOM_ERROR', `Zoom returned a body that is not a JSON object for GET ${path}`, { path });
  }

  /**
   * Reads every page of a listing with page_size 300, following next_page_token. A token seen twice
   * or more pages than total_records allows stops with PAGINATION_LOOP; an expired page token (Zoom
   * keeps them 15 minutes) restarts the listing from its first page once.
   */
  getAllPages<T>(path: string, itemsKey: string, query: Query = {}): PageResult<T> {
    try {
      return this.readPages<T>(path, itemsKey, query);
    } catch (error) {
      if (!isAddonError(error, 'PAGE_TOKEN_EXPIRED')) throw error;

      return this.readPages<T>(path, itemsKey, query);
    }
  }

  private readPages<T>(path: string, itemsKey: string, query: Query): PageResult<T> {
    const items: T[] = [];
    const seenTokens = new Set<string>();
    let pageToken = '';
    let totalRecords: number | null = null;
    let pages = 0;

    for (;;) {
      const body = this.getJson(path, { ...query, page_size: PAGE_SIZE, next_page_token: pageToken });
      const pageItems = body[itemsKey];

      if (Array.isArray(pageItems)) items.push(...(pageItems as T[]));

      if (typeof body.total_records === 'number') totalRecords = body.total_records;

      pages += 1;
      pageToken = typeof body.next_page_token === 'string' ? body.next_page_token : '';

      if (pageToken === '') return { items, totalRecords };

      const maxPages = totalRecords === null ? Infinity : Math.ceil(totalRecords / PAGE_SIZE) + 2;

      if (seenTokens.has(pageToken) || pages >= maxPages) {
        throw new AddonError(
          'PAGINATION_LOOP',
          `Zoom kept returning more pages for ${path} than it has records; the listing was stopped after ${pages} pages`,
          { path },
        );
      }

      seenTokens.add(pageToken);
    }
  }

  private send(path: string, query: Query): GoogleAppsScript.URL_Fetch.HTTPResponse {
    const url = buildUrl(path, query);
    let token = this.tokens.accessToken();
    let refreshed = false;
    let rateLimitRetries = 0;
    let serverErrorRetries = 0;

    for (;;) {
      const response = this.fetchWithTransportRetries(url, token);
      const status = response.getResponseCode();

      if (status >= 200 && status < 300) return response;

      const body = parseErrorBody(response.getContentText());

      // An access token can turn invalid before its expiry (a newer token was issued): refresh once.
      if (status === 401 && body.code === 124 && !refreshed) {
        token = this.tokens.accessTokenAfterRejection(token);
        refreshed = true;
        continue;
      }

      if (status === 429) {
        this.waitForRateLimit(response, path, rateLimitRetries);
        rateLimitRetries += 1;
        continue;
      }

      if (status === 401) this.tokens.markRejected();

      if (status >= 500 && serverErrorRetries < SERVER_ERROR_RETRIES) {
        this.environment.sleep(this.backoffMilliseconds(serverErrorRetries));
        serverErrorRetries += 1;
        continue;
      }

      throw errorFromResponse('GET', path, status, body);
    }
  }

  private backoffMilliseconds(retry: number): number {
    const base = BACKOFF_BASE_MILLISECONDS * 2 ** retry;

    return base + Math.floor(this.environment.random() * base * 0.25);
  }

  /**
   * Sleeps before retrying a 429, or throws when retrying now is pointless: a daily limit (Zoom sends
   * X-RateLimit-Type: Daily-limit and a Retry-After date), a long Retry-After, or too many retries.
   */
  private waitForRateLimit(
    response: GoogleAppsScript.URL_Fetch.HTTPResponse,
    path: string,
    retry: number,
  ): void {
    const type = headerValue(response, 'X-RateLimit-Type');
    const retryAfter = headerValue(response, 'Retry-After').trim();
    const body = parseErrorBody(response.getContentText());
    const seconds = /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
    const date = seconds === null && retryAfter !== '' ? new Date(retryAfter) : null;
    const isDaily = /daily/i.test(type) || /daily/i.test(body.message ?? '') || (date !== null && !Number.isNaN(date.getTime()));

    if (isDaily || (seconds !== null && seconds > MAX_RETRY_AFTER_SLEEP_SECONDS)) {
      const retryAt =
        date !== null && !Number.isNaN(date.getTime())
          ? date
          : new Date(this.environment.now() + (seconds ?? 24 * 3600) * 1000);

      // A long Retry-After stops the run like a daily limit, but its message reports what Zoom requested.
      const message = isDaily ? MESSAGES.dailyLimit(retryAt.toISOString()) : MESSAGES.retryAfter(retryAt.toISOString());

      throw new AddonError('DAILY_LIMIT', message, {
        status: 429,
        path,
        retryAt: retryAt.toISOString(),
      });
    }

    if (retry >= RATE_LIMIT_RETRIES) throw errorFromResponse('GET', path, 429, body);

    this.environment.sleep(seconds !== null ? seconds * 1000 : this.backoffMilliseconds(retry));
  }

  private requestOptions(token: string): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
    return {
      method: 'get',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      muteHttpExceptions: true,
      followRedirects: false,
    };
  }

  private fetchWithTransportRetries(url: string, token: string): GoogleAppsScript.URL_Fetch.HTTPResponse {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return this.environment.fetch(url, this.requestOptions(token));
      } catch (error) {
        const message = errorMessage(error);

        if (URLFETCH_DAILY_QUOTA.test(message)) throw quotaError();

        if (!TRANSIENT_TRANSPORT_ERROR.test(message)) throw error;

        const sleep = TRANSPORT_RETRY_SLEEPS_MILLISECONDS[attempt];

        if (sleep === undefined) throw new AddonError('NETWORK', MESSAGES.network(transportReason(error)));

        this.environment.sleep(sleep);
      }
    }
  }
}
