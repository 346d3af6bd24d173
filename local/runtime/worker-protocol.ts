import type { MessagePort } from 'node:worker_threads';
import type { ExecutionSpec } from './execution';

/** workerData of an execution worker. */
export interface ExecutionWorkerData {
  spec: ExecutionSpec;
  /** The worker's end of the channel for blocking world calls. */
  port: MessagePort;
  /** Shared flag the main thread sets to 1 after posting a reply. */
  flag: Int32Array;
}

/** A world call from an execution, with the call counts it gathered since its last call. */
export interface WorldCallMessage {
  op: string;
  args: unknown[];
  counts: Record<string, number>;
}

export type WorldCallReply =
  | { ok: true; result: unknown }
  | { ok: false; name: string; message: string; kind?: 'timeout' | 'connection' | 'refused' };

/** Messages from an execution worker to the main thread on parentPort. */
export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'done'; counts: Record<string, number>; result?: unknown; error?: { name: string; message: string } };

/** Message from the main thread that releases the start barrier. */
export interface StartMessage {
  type: 'start';
  startDelayMilliseconds: number;
}

/** Extra real time a blocked world call waits beyond the operation's own timeout before giving up. */
export const REPLY_MARGIN_MILLISECONDS = 5000;
/** Real time a world call that does not wait on a lock or a fetch may take. */
export const PLAIN_CALL_TIMEOUT_MILLISECONDS = 20000;
