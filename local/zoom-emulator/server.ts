// The emulator's HTTP server: routes https://zoom.us (/oauth/...) and https://api.zoom.us (/v2/...)
// requests, applies injected faults, records every request and serves the control API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CONTROL_PREFIX, handleControl } from './control';
import { basicCredentials, bearerToken, jsonResponse, type EmulatorRequest, type EmulatorResponse } from './exchange';
import { faultResponse } from './faults';
import type { RecordedRequest } from './model';
import { handleAuthorize, handleRevoke, handleToken } from './oauth';
import { handleRest } from './rest';
import { EmulatorState } from './state';
import { routerPath } from './zoom-path';

/** Request parameters whose values are secrets: the request log keeps only that they were sent. */
const SECRET_PARAMETERS = new Set(['access_token', 'refresh_token', 'token', 'client_secret', 'code', 'code_verifier']);
const REDACTED = '<redacted>';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];

    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseParameters(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

function redact(parameters: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parameters).map(([key, value]) => [key, SECRET_PARAMETERS.has(key) ? REDACTED : value]),
  );
}

function send(response: ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let body = '';

  if (answer.json !== undefined) {
    headers['Content-Type'] = 'application/json;charset=UTF-8';
    body = JSON.stringify(answer.json);
  } else if (answer.html !== undefined) {
    headers['Content-Type'] = 'text/html;charset=UTF-8';
    body = answer.html;
  }

  response.writeHead(answer.status, headers);
  response.end(body);
}

function wait(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function route(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const endpoint = `${request.method} ${request.path}`;

  if (endpoint === 'GET /oauth/authorize') return handleAuthorize(state, request);

  if (endpoint === 'POST /oauth/token') return handleToken(state, request);

  if (endpoint === 'POST /oauth/revoke') return handleRevoke(state, request);

  if (request.path.startsWith('/v2/')) return handleRest(state, request);

  return jsonResponse(404, { code: 404, message: 'Not Found' });
}

function describe(state: EmulatorState, request: EmulatorRequest): Omit<RecordedRequest, 'status'> {
  const recorded: Omit<RecordedRequest, 'status'> = {
    method: request.method,
    rawPath: request.rawPath,
    path: request.path,
    query: redact(request.query),
    form: redact(request.form),
    bearer: false,
    at: request.now,
  };
  const basic = basicCredentials(request.headers);
  const bearer = bearerToken(request.headers);

  if (basic) recorded.basicClientId = basic.clientId;

  if (bearer !== undefined) {
    recorded.bearer = true;
    recorded.accessTokenValid = state.tokens.checkAccessToken(bearer, request.now).valid;
  }

  return recorded;
}

async function handleZoomRequest(
  state: EmulatorState,
  incoming: IncomingMessage,
  response: ServerResponse,
  rawPath: string,
  rawQuery: string,
  body: Buffer,
): Promise<void> {
  const method = (incoming.method ?? 'GET').toUpperCase();
  const isForm = (incoming.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const request: EmulatorRequest = {
    method,
    rawPath,
    path: routerPath(rawPath),
    query: parseParameters(rawQuery),
    form: isForm ? parseParameters(body.toString('utf8')) : {},
    headers: incoming.headers,
    now: state.now(incoming.headers['x-emulator-now'] as string | undefined),
  };
  const recorded = describe(state, request);
  const fault = state.takeFault(method, request.path, state.pageTokens.pageOf(request.query.next_page_token));

  if (fault?.kind === 'drop-connection') {
    state.requests.push({ ...recorded, status: 0 });
    incoming.socket.destroy();

    return;
  }

  if (fault?.kind === 'slow') await wait(fault.delayMilliseconds);

  const answer = (fault && faultResponse(fault)) ?? route(state, request);

  state.requests.push({ ...recorded, status: answer.status });
  send(response, answer);
}

function controlRequest(state: EmulatorState, incoming: IncomingMessage, rawPath: string, body: Buffer): EmulatorResponse {
  const text = body.toString('utf8');
  let parsed: unknown;

  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    return jsonResponse(400, { error: `Invalid JSON body: ${String(error)}` });
  }

  return handleControl(state, (incoming.method ?? 'GET').toUpperCase(), rawPath, parsed);
}

/** Creates the emulator's HTTP server around a state; `listen` is left to the caller. */
export function createEmulatorServer(state = new EmulatorState()): Server {
  return createServer((incoming, response) => {
    const url = incoming.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
    const rawQuery = queryStart < 0 ? '' : url.slice(queryStart + 1);

    readBody(incoming)
      .then((body) => {
        if (!rawPath.startsWith(CONTROL_PREFIX)) return handleZoomRequest(state, incoming, response, rawPath, rawQuery, body);

        send(response, controlRequest(state, incoming, rawPath, body));

        return undefined;
      })
      .catch((error: unknown) => {
        console.error(`zoom-emulator: ${incoming.method ?? ''} ${rawPath} failed:`, error);

        if (!response.headersSent) send(response, jsonResponse(500, { code: 500, message: String(error) }));
      });
  });
}
