// Records what executions of the local runtime let out, for the test suite's secret scan: every log
// line, every error an execution throws, every URL it fetches, and the token values it stores. It is
// off unless the environment variable below names a folder (jest's global setup sets it). Each process
// appends JSON lines to its own file there, so parallel jest workers never interleave writes.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { StoreScope } from './world/world';

export const CAPTURE_DIRECTORY_VARIABLE = 'LOCAL_RUNTIME_CAPTURE_DIR';

/**
 * One captured item. `secret` entries are the access and refresh tokens found in a stored OAuth token,
 * with the scope of the store. The scan searches for these values and checks where tokens were kept.
 */
export type CapturedItem =
  | { kind: 'log' | 'error' | 'url'; text: string }
  | { kind: 'secret'; text: string; storeScope: StoreScope['kind'] };

function captureFile(): string | null {
  const directory = process.env[CAPTURE_DIRECTORY_VARIABLE];

  if (directory === undefined || directory === '') return null;

  return path.join(directory, `runtime-${process.pid}.jsonl`);
}

export function capture(item: CapturedItem): void {
  const file = captureFile();

  if (file === null) return;

  appendFileSync(file, `${JSON.stringify(item)}\n`);
}

/** Finds the OAuth tokens in a stored property value: the OAuth2 library stores the token response as JSON. */
function tokensIn(value: unknown): string[] {
  if (typeof value !== 'string' || !value.includes('_token')) return [];

  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;

    return ['access_token', 'refresh_token'].map((field) => parsed[field]).filter((token): token is string => typeof token === 'string' && token !== '');
  } catch {
    return [];
  }
}

function captureStoredTokens(scope: StoreScope, values: unknown[]): void {
  for (const token of values.flatMap(tokensIn)) capture({ kind: 'secret', text: token, storeScope: scope.kind });
}

/** Captures what one world operation lets out; called for every operation while capture is on. */
export function captureOperation(op: string, args: unknown[]): void {
  if (captureFile() === null) return;

  if (op === 'log.append') capture({ kind: 'log', text: String(args[0]) });
  else if (op === 'fetch.log') capture({ kind: 'url', text: String((args[0] as { url?: unknown } | undefined)?.url ?? '') });
  else if (op === 'properties.set') captureStoredTokens(args[0] as StoreScope, [args[2]]);
  else if (op === 'properties.setAll') captureStoredTokens(args[0] as StoreScope, Object.values((args[1] ?? {}) as Record<string, unknown>));
  else if (op === 'cache.put') captureStoredTokens(args[0] as StoreScope, [args[2]]);
  else if (op === 'cache.putAll') captureStoredTokens(args[0] as StoreScope, Object.values((args[1] ?? {}) as Record<string, unknown>));
}
