// HTTP helpers for the emulator tests. Requests go through node:http with the raw path as written,
// so percent-encoding and double slashes reach the emulator unchanged.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { LOCAL_REDIRECT_URI, USER_APP } from '../../../local/data/seeds';
import type { EmulatedApp } from '../../../local/zoom-emulator/model';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Sent as the x-emulator-now header. */
  now?: number;
  /** Sent as a Bearer token. */
  token?: string;
}

export function send(baseUrl: string, rawPath: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...options.headers };

  if (options.now !== undefined) headers['x-emulator-now'] = String(options.now);

  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;

  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));

  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, path: rawPath, method: options.method ?? 'GET', headers, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];

        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;

          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }

          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, json });
        });
        incoming.on('error', reject);
      },
    );

    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

export function basicHeader(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

/** POSTs a form to a token endpoint with the app's Basic credentials (or none when app is null). */
export function postForm(
  baseUrl: string,
  rawPath: string,
  form: Record<string, string>,
  app: EmulatedApp | null,
  now?: number,
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };

  if (app) headers.authorization = basicHeader(app.clientId, app.clientSecret);

  return send(baseUrl, rawPath, { method: 'POST', headers, body: new URLSearchParams(form).toString(), now });
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
}

/** Runs the authorization-code flow for the consenting user and returns the token response. */
export async function authorizeUser(baseUrl: string, now?: number, app: EmulatedApp = USER_APP): Promise<TokenPair> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUris[0] ?? LOCAL_REDIRECT_URI,
    state: 'state-1',
  });
  const authorize = await send(baseUrl, `/oauth/authorize?${query}`, { now });
  const location = new URL(String(authorize.headers.location));
  const code = location.searchParams.get('code') ?? '';
  const token = await postForm(
    baseUrl,
    '/oauth/token',
    { grant_type: 'authorization_code', code, redirect_uri: app.redirectUris[0] ?? LOCAL_REDIRECT_URI },
    app,
    now,
  );

  if (token.status !== 200) throw new Error(`Token exchange failed: ${token.status} ${token.text}`);

  return token.json as TokenPair;
}

/** Epoch milliseconds of an ISO time. */
export function at(iso: string): number {
  return Date.parse(iso);
}
