// UrlFetchApp stand-in against a real HTTP server in a child process: the synchronous fetch
// blocks this thread, so the server cannot run on it.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createSyncTransport,
  createUrlFetchApp,
  FetchTransport,
  performFetch,
  TransportError,
  UrlFetchAppOptions,
} from '../../../local/runtime/fetch/url-fetch-app';
import { LocalBlob } from '../../../local/runtime/fetch/blob';

const SLOW_ANSWER_MILLISECONDS = 1500;
const DEADLINE_MILLISECONDS = 400;
const LONG_ERROR_BODY = JSON.stringify({ code: 124, message: `Invalid access token. ${'x'.repeat(150)}` });

/** The test server: echoes requests as JSON and offers error, redirect, drop and slow routes. */
const SERVER_SOURCE = `
const http = require('node:http');
const LONG_ERROR_BODY = ${JSON.stringify(LONG_ERROR_BODY)};
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const body = Buffer.concat(chunks).toString('utf8');
    const json = (status, value, headers = {}) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(value));
    };
    switch (url.pathname) {
      case '/echo': return json(200, { method: request.method, url: request.url, headers: request.headers, body });
      case '/unauthorized': return json(401, { code: 124, message: 'Invalid access token.' });
      case '/unauthorized-long': response.writeHead(401, { 'Content-Type': 'application/json' }); return response.end(LONG_ERROR_BODY);
      case '/server-error': response.writeHead(503); return response.end('try later');
      case '/drop': return request.socket.destroy();
      case '/slow': return setTimeout(() => json(200, { slow: true }), ${SLOW_ANSWER_MILLISECONDS});
      case '/redirect': response.writeHead(302, { Location: url.searchParams.get('to') }); return response.end();
      case '/redirect-loop': response.writeHead(302, { Location: '/redirect-loop' }); return response.end();
      case '/headers':
        response.setHeader('Set-Cookie', ['a=1', 'b=2']);
        response.setHeader('X-Single', 'one');
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return response.end('caf\\u00e9');
      case '/binary':
        response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        return response.end(Buffer.from([0, 1, 127, 128, 200, 255]));
      default: return json(404, { code: 404, message: 'Not found: ' + url.pathname });
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.on('disconnect', () => process.exit(0));
`;

interface EchoBody {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

let server: ChildProcess;
let baseUrl: string;
let transport: FetchTransport & { close(): void };

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });

  const [firstLine] = (await once(server.stdout!, 'data')) as [Buffer];

  baseUrl = `http://127.0.0.1:${firstLine.toString().trim()}`;
  transport = createSyncTransport();
});

afterAll(async () => {
  transport.close();
  server.kill();
  await once(server, 'exit');
});

interface Harness {
  app: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  counts: string[];
  logs: Array<{ method: string; url: string; status: number | null }>;
  beforeFetchUrls: string[];
}

function createHarness(overrides: Partial<UrlFetchAppOptions> = {}): Harness {
  const counts: string[] = [];
  const logs: Harness['logs'] = [];
  const beforeFetchUrls: string[] = [];
  const app = createUrlFetchApp({
    transport,
    zoomBaseUrl: baseUrl,
    now: () => Date.UTC(2024, 2, 10, 12, 0, 0),
    deadlineMilliseconds: DEADLINE_MILLISECONDS,
    count: (method) => counts.push(method),
    beforeFetch: (url) => beforeFetchUrls.push(url),
    log: (entry) => logs.push(entry),
    ...overrides,
  });

  return { app, counts, logs, beforeFetchUrls };
}

function echoOf(response: GoogleAppsScript.URL_Fetch.HTTPResponse): EchoBody {
  return JSON.parse(response.getContentText()) as EchoBody;
}

function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }

  throw new Error('Expected the call to throw');
}

describe('UrlFetchApp.fetch', () => {
  test('GET routed to emulator', () => {
    const { app, counts, logs, beforeFetchUrls } = createHarness();
    const response = app.fetch('https://api.zoom.us/echo?page_size=300&next_page_token=abc');
    const echo = echoOf(response);

    expect(response.getResponseCode()).toBe(200);
    expect(echo.method).toBe('GET');
    expect(echo.url).toBe('/echo?page_size=300&next_page_token=abc');
    expect(echo.body).toBe('');
    expect(counts).toEqual(['fetch']);
    expect(beforeFetchUrls).toEqual(['https://api.zoom.us/echo?page_size=300&next_page_token=abc']);
    expect(logs).toEqual([{ method: 'GET', url: 'https://api.zoom.us/echo?page_size=300&next_page_token=abc', status: 200 }]);
  });

  test('sends runtime clock header', () => {
    const { app } = createHarness({ now: () => 1710072000123 });
    const echo = echoOf(app.fetch('https://zoom.us/echo'));

    expect(echo.headers['x-emulator-now']).toBe('1710072000123');
  });

  test('sends custom headers', () => {
    const { app } = createHarness();
    const echo = echoOf(app.fetch('https://api.zoom.us/echo', { headers: { Authorization: 'Bearer test-token', 'X-Trace': 'abc' } }));

    expect(echo.headers.authorization).toBe('Bearer test-token');
    expect(echo.headers['x-trace']).toBe('abc');
  });

  test('POST object payload as form', () => {
    const { app } = createHarness();
    const echo = echoOf(app.fetch('https://zoom.us/echo', { method: 'post', payload: { grant_type: 'refresh_token', note: 'a b&c=d' } }));

    expect(echo.method).toBe('POST');
    expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(echo.body).toBe('grant_type=refresh_token&note=a+b%26c%3Dd');
  });

  test('method name in any case', () => {
    const { app } = createHarness();
    const echo = echoOf(app.fetch('https://zoom.us/echo', { method: 'PUT' as GoogleAppsScript.URL_Fetch.HttpMethod, payload: 'x' }));

    expect(echo.method).toBe('PUT');
  });

  test('string payload with content type', () => {
    const { app } = createHarness();
    const echo = echoOf(app.fetch('https://api.zoom.us/echo', { method: 'post', contentType: 'application/json', payload: '{"name":"Zoë"}' }));

    expect(echo.headers['content-type']).toBe('application/json');
    expect(echo.body).toBe('{"name":"Zoë"}');
    expect(echo.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"Zoë"}')));
  });

  test('blob field sent as multipart', () => {
    const { app } = createHarness();
    const file = LocalBlob.from('col1,col2', 'text/csv', 'roster.csv');
    const echo = echoOf(app.fetch('https://api.zoom.us/echo', { method: 'post', payload: { file, label: 'roster' } }));

    expect(echo.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(echo.body).toContain('Content-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\ncol1,col2\r\n');
    expect(echo.body).toContain('Content-Disposition: form-data; name="label"\r\n\r\nroster\r\n');
  });

  test('error status throws Apps Script message', () => {
    const { app, logs } = createHarness();
    const error = thrownBy(() => app.fetch('https://api.zoom.us/unauthorized', { headers: { Authorization: 'Bearer secret-token' } }));

    expect(error.message).toBe(
      'Request failed for https://api.zoom.us returned code 401. Truncated server response: {"code":124,"message":"Invalid access token."} (use muteHttpExceptions option to examine full response)',
    );
    expect(String(error)).toMatch(/^Exception: Request failed for https:\/\/api\.zoom\.us returned code 401\./);
    expect(String(error)).not.toContain('secret-token');
    expect(logs).toEqual([{ method: 'GET', url: 'https://api.zoom.us/unauthorized', status: 401 }]);
  });

  test('long error body is truncated', () => {
    const { app } = createHarness();
    const error = thrownBy(() => app.fetch('https://api.zoom.us/unauthorized-long'));

    expect(error.message).toBe(
      `Request failed for https://api.zoom.us returned code 401. Truncated server response: ${LONG_ERROR_BODY.slice(0, 100)}... (use muteHttpExceptions option to examine full response)`,
    );
  });

  test('muteHttpExceptions returns error response', () => {
    const { app } = createHarness();
    const response = app.fetch('https://api.zoom.us/server-error', { muteHttpExceptions: true });

    expect(response.getResponseCode()).toBe(503);
    expect(response.getContentText()).toBe('try later');
  });

  test('dropped connection throws Address unavailable', () => {
    const { app, logs } = createHarness();
    const error = thrownBy(() => app.fetch('https://api.zoom.us/drop', { muteHttpExceptions: true }));

    expect(error.message).toBe('Address unavailable: https://api.zoom.us/drop');
    expect(logs).toEqual([{ method: 'GET', url: 'https://api.zoom.us/drop', status: null }]);
  });

  test('slow answer past deadline throws Timeout', () => {
    const { app } = createHarness();
    const started = Date.now();
    const error = thrownBy(() => app.fetch('https://api.zoom.us/slow', { muteHttpExceptions: true }));
    const elapsedMilliseconds = Date.now() - started;

    expect(error.message).toBe('Timeout: https://api.zoom.us/slow');
    expect(elapsedMilliseconds).toBeGreaterThanOrEqual(DEADLINE_MILLISECONDS - 50);
    expect(elapsedMilliseconds).toBeLessThan(SLOW_ANSWER_MILLISECONDS);
  });

  test('transport still works after timeout', () => {
    const { app } = createHarness();

    thrownBy(() => app.fetch('https://api.zoom.us/slow'));

    expect(echoOf(app.fetch('https://api.zoom.us/echo?after=timeout')).url).toBe('/echo?after=timeout');
  });

  test('secret query values redacted in errors', () => {
    const { app, logs } = createHarness();
    const error = thrownBy(() => app.fetch('https://zoom.us/drop?code=one-time-code&state=s1'));

    expect(error.message).toBe('Address unavailable: https://zoom.us/drop?code=REDACTED&state=s1');
    expect(logs[0]?.url).toBe('https://zoom.us/drop?code=REDACTED&state=s1');
  });

  test('follows redirects by default', () => {
    const { app, logs } = createHarness();
    const response = app.fetch('https://api.zoom.us/redirect?to=/echo%3Fhop%3D1', { method: 'post', payload: { a: '1' } });
    const echo = echoOf(response);

    expect(response.getResponseCode()).toBe(200);
    expect(echo.url).toBe('/echo?hop=1');
    expect(echo.method).toBe('GET');
    expect(logs).toEqual([{ method: 'GET', url: 'https://api.zoom.us/redirect?to=/echo%3Fhop%3D1', status: 200 }]);
  });

  test('routes absolute zoom.us redirect', () => {
    const { app } = createHarness();
    const echo = echoOf(app.fetch(`https://zoom.us/redirect?to=${encodeURIComponent('https://api.zoom.us/echo?hop=2')}`));

    expect(echo.url).toBe('/echo?hop=2');
  });

  test('returns redirect when not following', () => {
    const { app } = createHarness();
    const response = app.fetch('https://zoom.us/redirect?to=/echo', { followRedirects: false });

    expect(response.getResponseCode()).toBe(302);
    expect(response.getHeaders()).toMatchObject({ Location: '/echo' });
  });

  test('rejects redirect to other host', () => {
    const { app } = createHarness();
    const error = thrownBy(() => app.fetch(`https://zoom.us/redirect?to=${encodeURIComponent('https://example.com/')}`));

    expect(error.message).toContain('only routes https://zoom.us and https://api.zoom.us to the Zoom emulator');
  });

  test('redirect loop stops', () => {
    const { app } = createHarness();
    const error = thrownBy(() => app.fetch('https://zoom.us/redirect-loop'));

    expect(error.message).toBe('Too many redirects (more than 10): https://zoom.us/redirect-loop');
  });

  test('rejects other hosts before sending', () => {
    const { app, beforeFetchUrls, logs } = createHarness();

    for (const url of ['https://example.com/echo', 'http://api.zoom.us/echo', 'https://zoom.us.example.com/echo', `${baseUrl}/echo`]) {
      const error = thrownBy(() => app.fetch(url));

      expect(error.message).toBe(`The local runtime only routes https://zoom.us and https://api.zoom.us to the Zoom emulator; it does not fetch ${url}`);
    }

    expect(beforeFetchUrls).toEqual([]);
    expect(logs).toEqual([]);
  });

  test('beforeFetch fault propagates', () => {
    const { app, logs } = createHarness({
      beforeFetch: () => {
        throw new Error('Injected fault');
      },
    });

    expect(() => app.fetch('https://api.zoom.us/echo')).toThrow('Injected fault');
    expect(logs).toEqual([{ method: 'GET', url: 'https://api.zoom.us/echo', status: null }]);
  });

  test('escapes illegal URL characters', () => {
    const { app } = createHarness();
    const echo = echoOf(app.fetch('https://api.zoom.us/echo?topic=a b|c&uuid=%252Fabc'));

    expect(echo.url).toBe('/echo?topic=a%20b%7Cc&uuid=%252Fabc');
  });

  test('no zoomBaseUrl fails clearly', () => {
    const { app } = createHarness({ zoomBaseUrl: undefined });

    expect(() => app.fetch('https://api.zoom.us/echo')).toThrow('No Zoom emulator is configured in the local runtime');
  });
});

describe('HTTPResponse', () => {
  test('headers last value and all values', () => {
    const { app } = createHarness();
    const response = app.fetch('https://zoom.us/headers');

    expect(response.getHeaders()).toMatchObject({ 'Set-Cookie': 'b=2', 'X-Single': 'one' });
    expect(response.getAllHeaders()).toMatchObject({ 'Set-Cookie': ['a=1', 'b=2'], 'X-Single': 'one' });
  });

  test('content text with charset', () => {
    const { app } = createHarness();
    const response = app.fetch('https://zoom.us/headers');

    expect(response.getContentText()).toBe('café');
    expect(response.getContentText('ISO-8859-1')).toBe('cafÃ©');
  });

  test('content as signed bytes and blob', () => {
    const { app } = createHarness();
    const response = app.fetch('https://zoom.us/binary');
    const blob = response.getBlob();

    expect(response.getContent()).toEqual([0, 1, 127, -128, -56, -1]);
    expect(blob.getBytes()).toEqual([0, 1, 127, -128, -56, -1]);
    expect(blob.getContentType()).toBe('application/octet-stream');
  });

  test('blob data as string', () => {
    const { app } = createHarness();
    const blob = app.fetch('https://zoom.us/headers').getBlob();

    expect(blob.getDataAsString()).toBe('café');
    expect(blob.getContentType()).toBe('text/plain; charset=utf-8');
  });
});

describe('UrlFetchApp.fetchAll', () => {
  test('runs requests in parallel, in order', () => {
    const { app, counts, logs } = createHarness({ deadlineMilliseconds: 5000 });
    const started = Date.now();
    const responses = app.fetchAll([
      'https://api.zoom.us/slow',
      { url: 'https://api.zoom.us/echo?second', method: 'post', payload: { n: '2' } },
      'https://api.zoom.us/slow',
    ]);
    const elapsedMilliseconds = Date.now() - started;

    expect(responses.map((response) => response.getResponseCode())).toEqual([200, 200, 200]);
    expect(echoOf(responses[1] as GoogleAppsScript.URL_Fetch.HTTPResponse).body).toBe('n=2');
    expect(elapsedMilliseconds).toBeLessThan(2 * SLOW_ANSWER_MILLISECONDS);
    expect(counts).toEqual(['fetchAll']);
    expect(logs.map((entry) => entry.url)).toEqual(['https://api.zoom.us/slow', 'https://api.zoom.us/echo?second', 'https://api.zoom.us/slow']);
  });

  test('throws first failure', () => {
    const { app, logs } = createHarness();
    const error = thrownBy(() => app.fetchAll(['https://api.zoom.us/echo', 'https://api.zoom.us/unauthorized', 'https://api.zoom.us/drop']));

    expect(error.message).toMatch(/^Request failed for https:\/\/api\.zoom\.us returned code 401\./);
    expect(logs.map((entry) => entry.status)).toEqual([200, 401, null]);
  });

  test('muted failures returned', () => {
    const { app } = createHarness();
    const responses = app.fetchAll([
      { url: 'https://api.zoom.us/unauthorized', muteHttpExceptions: true },
      { url: 'https://api.zoom.us/missing', muteHttpExceptions: true },
    ]);

    expect(responses.map((response) => response.getResponseCode())).toEqual([401, 404]);
  });
});

describe('UrlFetchApp.getRequest', () => {
  test('describes request without sending', () => {
    const { app, counts, logs } = createHarness();
    const request = app.getRequest('https://zoom.us/oauth/token', {
      method: 'post',
      headers: { Authorization: 'Basic abc' },
      payload: { grant_type: 'authorization_code', code: 'c1' },
    });

    expect(request).toEqual({
      url: 'https://zoom.us/oauth/token',
      method: 'post',
      headers: { Authorization: 'Basic abc', 'Content-Type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=authorization_code&code=c1',
      contentType: 'application/x-www-form-urlencoded',
      followRedirects: true,
      muteHttpExceptions: false,
      validateHttpsCertificates: true,
      useIntranet: false,
      escaping: true,
    });
    expect(counts).toEqual(['getRequest']);
    expect(logs).toEqual([]);
  });

  test('rejects other hosts', () => {
    const { app } = createHarness();

    expect(() => app.getRequest('https://example.com/')).toThrow('only routes https://zoom.us and https://api.zoom.us');
  });
});

describe('performFetch', () => {
  test('async request with redirects', async () => {
    const result = await performFetch({ method: 'GET', url: `${baseUrl}/redirect?to=/echo%3Fasync`, headers: {}, followRedirects: true, timeoutMilliseconds: 2000 });
    const echo = JSON.parse(Buffer.from(result.body, 'base64').toString('utf8')) as EchoBody;

    expect(result.status).toBe(200);
    expect(echo.url).toBe('/echo?async');
  });

  test('rejects non-loopback host', async () => {
    const attempt = performFetch({ method: 'GET', url: 'http://example.com/', headers: {}, followRedirects: false, timeoutMilliseconds: 2000 });

    await expect(attempt).rejects.toBeInstanceOf(TransportError);
    await expect(attempt).rejects.toMatchObject({ kind: 'refused' });
  });

  test('refused connection', async () => {
    const closedPort = await findClosedPort();
    const attempt = performFetch({ method: 'GET', url: `http://127.0.0.1:${closedPort}/`, headers: {}, followRedirects: false, timeoutMilliseconds: 2000 });

    await expect(attempt).rejects.toMatchObject({ kind: 'refused' });
  });

  test('sync transport reports timeout kind', () => {
    expect(() => transport.request({ method: 'GET', url: `${baseUrl}/slow`, headers: {}, followRedirects: false, timeoutMilliseconds: 100 })).toThrow(
      expect.objectContaining({ kind: 'timeout' }) as unknown as Error,
    );
  });
});

/** Returns a loopback port with nothing listening on it: one that was just opened and closed. */
async function findClosedPort(): Promise<number> {
  const net = await import('node:net');
  const probe = net.createServer();

  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');

  const port = (probe.address() as { port: number }).port;

  probe.close();
  await once(probe, 'close');

  return port;
}
