// Entry point of an execution worker thread (bundled to build/local/execution-worker.cjs): runs one
// Apps Script execution whose world calls block on the main thread's answers.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { setTimeout } from 'node:timers';
import { prepareExecution, type PreparedExecution } from './execution';
import { TransportError, type FetchRequest, type FetchResult, type FetchTransport } from './fetch/url-fetch-app';
import { describeError, type Backend } from './services/env';
import {
  PLAIN_CALL_TIMEOUT_MILLISECONDS,
  REPLY_MARGIN_MILLISECONDS,
  type ExecutionWorkerData,
  type StartMessage,
  type WorkerEvent,
  type WorldCallReply,
} from './worker-protocol';

const { spec, port, flag } = workerData as ExecutionWorkerData;
let pendingCounts: Record<string, number> = {};

function takeCounts(): Record<string, number> {
  const counts = pendingCounts;

  pendingCounts = {};

  return counts;
}

function callTimeoutMilliseconds(op: string, args: unknown[]): number {
  if (op === 'lock.acquire') return Number(args[2]) + REPLY_MARGIN_MILLISECONDS;

  if (op === 'fetch.request' || op === 'fetch.requestAll') return spec.fetchDeadlineMilliseconds + REPLY_MARGIN_MILLISECONDS;

  return PLAIN_CALL_TIMEOUT_MILLISECONDS;
}

/** Posts the call to the main thread and blocks this thread until the reply's flag is set. */
const backend: Backend = {
  call(op, args) {
    Atomics.store(flag, 0, 0);
    port.postMessage({ op, args, counts: takeCounts() });

    const waited = Atomics.wait(flag, 0, 0, callTimeoutMilliseconds(op, args));

    if (waited === 'timed-out') throw new Error(`The local runtime's main thread did not answer ${op} in time; is it blocked?`);

    const received = receiveMessageOnPort(port);

    if (received === undefined) throw new Error(`The local runtime's main thread answered ${op} without a reply message.`);

    const reply = received.message as WorldCallReply;

    if (reply.ok) return reply.result;

    if (reply.kind !== undefined) throw new TransportError(reply.kind, reply.message);

    const error = new Error(reply.message);

    error.name = reply.name;
    throw error;
  },
};

type RequestAllEntry = { result: FetchResult } | { error: { kind: 'timeout' | 'connection' | 'refused'; message: string } };

const transport: FetchTransport = {
  request: (request: FetchRequest) => backend.call('fetch.request', [request]) as FetchResult,
  requestAll: (requests: FetchRequest[]) =>
    (backend.call('fetch.requestAll', [requests]) as RequestAllEntry[]).map((entry) =>
      'result' in entry ? entry.result : new TransportError(entry.error.kind, entry.error.message),
    ),
};

function finish(event: WorkerEvent): void {
  try {
    parentPort!.postMessage(event);
  } catch {
    parentPort!.postMessage({ type: 'done', counts: event.type === 'done' ? event.counts : {}, error: { name: 'Error', message: `The result of ${spec.functionName} cannot be copied out of the execution.` } });
  }
}

function run(prepared: PreparedExecution): void {
  try {
    const result = prepared.invoke();

    finish({ type: 'done', counts: takeCounts(), result });
  } catch (error) {
    finish({ type: 'done', counts: takeCounts(), error: describeError(error) });
  }
}

function main(): void {
  let prepared: PreparedExecution;

  try {
    prepared = prepareExecution(spec, { backend, transport, count: (name) => (pendingCounts[name] = (pendingCounts[name] ?? 0) + 1) });
  } catch (error) {
    finish({ type: 'done', counts: takeCounts(), error: describeError(error) });

    return;
  }

  parentPort!.once('message', (message: StartMessage) => {
    setTimeout(() => run(prepared), Math.max(0, message.startDelayMilliseconds));
  });
  parentPort!.postMessage({ type: 'ready' } satisfies WorkerEvent);
}

main();
