// Synchronous HTTP for the Apps Script stand-ins. Apps Script's UrlFetchApp blocks the script
// until the response arrives, so the runtime does the same. A worker thread performs the
// request while the calling thread sleeps in Atomics.wait. The caller then reads the reply from
// its MessagePort with receiveMessageOnPort, which needs no turn of the event loop.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { FetchRequest, FetchResult, FetchTransport, TransportError, TransportErrorKind } from './transport';

/** A batch of requests sent to the fetch worker. */
export interface FetchWorkerRequest {
  id: number;
  requests: FetchRequest[];
}

export type FetchOutcome = { ok: true; result: FetchResult } | { ok: false; kind: TransportErrorKind; message: string };

/** The fetch worker's reply: one outcome per request, in order. */
export interface FetchWorkerReply {
  id: number;
  outcomes: FetchOutcome[];
}

/** The fetch worker's workerData. */
export interface FetchWorkerData {
  port: MessagePort;
  /** Int32Array over a SharedArrayBuffer; the worker sets element 0 to 1 after each reply. */
  flag: Int32Array;
}

/** Extra time the caller waits beyond the longest request timeout, for the worker to start and reply. */
const REPLY_MARGIN_MILLISECONDS = 5000;

export interface SyncTransportOptions {
  /** Path of the bundled worker; by default build/local/fetch-worker.cjs. */
  workerPath?: string;
}

/** Starts a fetch worker and returns a transport whose calls block until the worker replies. */
export function createSyncTransport(options: SyncTransportOptions = {}): FetchTransport & { close(): void } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const workerData: FetchWorkerData = { port: port2, flag };
  const worker = new Worker(options.workerPath ?? findWorkerPath(), { workerData, transferList: [port2] });
  let nextId = 1;
  let exitCode: number | undefined;

  worker.on('exit', (code) => {
    exitCode = code;
  });
  worker.unref();
  port1.unref();

  function requestAll(requests: FetchRequest[]): Array<FetchResult | TransportError> {
    if (requests.length === 0) return [];

    if (exitCode !== undefined) {
      throw new Error(`The fetch worker has stopped (exit code ${exitCode}); create a new transport.`);
    }

    const id = nextId;
    const longestTimeout = Math.max(...requests.map((request) => request.timeoutMilliseconds));

    nextId += 1;
    Atomics.store(flag, 0, 0);
    port1.postMessage({ id, requests } satisfies FetchWorkerRequest);

    const reply = waitForReply(port1, flag, id, Date.now() + longestTimeout + REPLY_MARGIN_MILLISECONDS);

    if (reply === undefined) {
      const error = new TransportError('timeout', `The fetch worker did not reply within ${longestTimeout + REPLY_MARGIN_MILLISECONDS} ms`);

      return requests.map(() => error);
    }

    return reply.outcomes.map((outcome) => (outcome.ok ? outcome.result : new TransportError(outcome.kind, outcome.message)));
  }

  return {
    request(request: FetchRequest): FetchResult {
      const [outcome] = requestAll([request]);

      if (outcome instanceof TransportError) throw outcome;

      return outcome as FetchResult;
    },
    requestAll,
    close(): void {
      port1.close();
      void worker.terminate();
    },
  };
}

/**
 * Blocks until the reply with `id` arrives or the deadline passes. Replies with other ids are
 * late replies to batches that already timed out, and are dropped. The flag is reset before the
 * port is read, so a reply posted after the read sets the flag again and ends the wait at once.
 */
function waitForReply(port: MessagePort, flag: Int32Array, id: number, deadline: number): FetchWorkerReply | undefined {
  for (;;) {
    Atomics.store(flag, 0, 0);

    for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
      const reply = received.message as FetchWorkerReply;

      if (reply.id === id) return reply;
    }

    const remainingMilliseconds = deadline - Date.now();

    if (remainingMilliseconds <= 0) return undefined;

    Atomics.wait(flag, 0, 0, remainingMilliseconds);
  }
}

/** Finds the bundled worker next to this module's bundle (build/local), or in build/local from the sources. */
function findWorkerPath(): string {
  const candidates = [
    path.join(__dirname, 'fetch-worker.cjs'),
    path.resolve(__dirname, '..', '..', '..', 'build', 'local', 'fetch-worker.cjs'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));

  if (found === undefined) {
    throw new Error(`The fetch worker is not built (looked for ${candidates.join(' and ')}); run npm run build.`);
  }

  return found;
}
