// The request and response shapes that the emulator's handlers exchange with the HTTP server.
import type { IncomingHttpHeaders } from 'node:http';

export interface EmulatorRequest {
  method: string;
  rawPath: string;
  /** Router path: decoded once, runs of '/' collapsed. */
  path: string;
  query: Record<string, string>;
  /** Form fields of an application/x-www-form-urlencoded body. */
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Emulator clock for this request, epoch milliseconds. */
  now: number;
}

export interface EmulatorResponse {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

export function jsonResponse(status: number, json: unknown, headers?: Record<string, string>): EmulatorResponse {
  return headers ? { status, json, headers } : { status, json };
}

/** Reads HTTP Basic credentials; undefined when the header is missing or malformed. */
export function basicCredentials(headers: IncomingHttpHeaders): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');

  if (!match) return undefined;

  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');

  if (colon < 0) return undefined;

  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Reads a Bearer token from the Authorization header. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');

  return match ? match[1] : undefined;
}
