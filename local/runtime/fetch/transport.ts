// HTTP requests from the local runtime to loopback servers (the Zoom emulator). The transport
// speaks plain HTTP to 127.0.0.1, localhost or ::1 only: any other host is rejected before a
// socket is opened.
import http from 'node:http';

export interface FetchRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Request body, base64-encoded. */
  body?: string;
  followRedirects: boolean;
  timeoutMilliseconds: number;
}

export interface FetchResult {
  status: number;
  /** Response headers with the server's spelling; a header sent more than once has an array of values. */
  headers: Record<string, string | string[]>;
  /** Response body, base64-encoded. */
  body: string;
}

export type TransportErrorKind = 'timeout' | 'connection' | 'refused';

export interface FetchTransport {
  /** Sends one request and waits for its response. Throws TransportError when no response arrives. */
  request(request: FetchRequest): FetchResult;
  /** Sends several requests at once; each entry is the response or the TransportError of that request. */
  requestAll?(requests: FetchRequest[]): Array<FetchResult | TransportError>;
}

/** A request that got no HTTP response: timed out, connection dropped, or connection refused. */
export class TransportError extends Error {
  readonly kind: TransportErrorKind;

  constructor(kind: TransportErrorKind, message: string) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Sends a request to a loopback server and resolves with its response; follows redirects if asked. */
export async function performFetch(request: FetchRequest): Promise<FetchResult> {
  const deadline = Date.now() + request.timeoutMilliseconds;
  let current = request;

  for (let hop = 0; ; hop += 1) {
    const result = await sendOnce(current, deadline);
    const location = headerValue(result.headers, 'location');

    if (!current.followRedirects || !REDIRECT_STATUSES.has(result.status) || location === undefined) return result;

    if (hop >= MAX_REDIRECTS) {
      throw new TransportError('connection', `More than ${MAX_REDIRECTS} redirects from ${describeUrl(request.url)}`);
    }

    current = redirectRequest(current, result.status, new URL(location, current.url).toString());
  }
}

/** Builds the request that follows a redirect: 303, and 301/302 after a POST, become a GET without a body. */
export function redirectRequest(request: FetchRequest, status: number, location: string): FetchRequest {
  const becomesGet = status === 303 || ((status === 301 || status === 302) && request.method.toUpperCase() === 'POST');

  if (!becomesGet) return { ...request, url: location };

  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !/^content-(type|length)$/i.test(name)),
  );

  return { ...request, url: location, method: 'GET', headers, body: undefined };
}

/** Returns the last value of a header, looked up without regard to case. */
export function headerValue(headers: Record<string, string | string[]>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];

  return Array.isArray(value) ? value[value.length - 1] : value;
}

function sendOnce(request: FetchRequest, deadline: number): Promise<FetchResult> {
  const target = parseLoopbackUrl(request.url);
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'base64');
  const headers: Record<string, string> = { ...request.headers };

  if (body !== undefined) headers['Content-Length'] = String(body.length);

  return new Promise<FetchResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;

      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: unknown): void => {
      settle(() => reject(toTransportError(error, request.url)));
      outgoing.destroy();
    };
    const outgoing = http.request({
      host: target.hostname,
      port: target.port,
      path: target.path,
      method: request.method.toUpperCase(),
      headers,
      agent: false,
    });
    const timer = setTimeout(() => {
      fail(new TransportError('timeout', `No response within ${request.timeoutMilliseconds} ms from ${describeUrl(request.url)}`));
    }, Math.max(0, deadline - Date.now()));

    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];

      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const result = { status: incoming.statusCode ?? 0, headers: groupRawHeaders(incoming.rawHeaders), body: Buffer.concat(chunks).toString('base64') };

        settle(() => resolve(result));
      });
      incoming.on('error', fail);
      incoming.on('close', () => {
        if (!incoming.complete) fail(new TransportError('connection', `Connection closed mid-response by ${describeUrl(request.url)}`));
      });
    });
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

interface LoopbackTarget {
  hostname: string;
  port: number;
  path: string;
}

/** Splits an http URL on a loopback host without re-encoding its path and query. */
function parseLoopbackUrl(url: string): LoopbackTarget {
  const match = /^http:\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/i.exec(url);
  const host = match?.[1]?.toLowerCase();

  if (match === null || host === undefined || !LOOPBACK_HOSTS.has(host)) {
    throw new TransportError('refused', `The local runtime only connects to http://127.0.0.1, not ${describeUrl(url)}`);
  }

  const path = match[3] === undefined || match[3] === '' ? '/' : match[3];

  return {
    hostname: host.replace(/^\[|\]$/g, ''),
    port: match[2] === undefined ? 80 : Number(match[2]),
    path: path.startsWith('/') ? path : `/${path}`,
  };
}

/** Groups Node's flat [name, value, name, value...] list: one string per header, an array when repeated. */
function groupRawHeaders(rawHeaders: string[]): Record<string, string | string[]> {
  const grouped: Record<string, string | string[]> = {};
  const spellings = new Map<string, string>();

  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const value = rawHeaders[index + 1] as string;
    const key = spellings.get(name.toLowerCase()) ?? name;
    const previous = grouped[key];

    spellings.set(name.toLowerCase(), key);
    grouped[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }

  return grouped;
}

function toTransportError(error: unknown, url: string): TransportError {
  if (error instanceof TransportError) return error;

  const code = (error as NodeJS.ErrnoException).code;

  if (code === 'ECONNREFUSED') return new TransportError('refused', `Connection refused by ${describeUrl(url)}`);

  return new TransportError('connection', `Connection to ${describeUrl(url)} failed: ${code ?? (error as Error).message}`);
}

/** Returns the scheme, host and path of a URL without its query, because queries may carry OAuth codes or tokens. */
function describeUrl(url: string): string {
  return url.replace(/[?#].*$/s, '');
}
