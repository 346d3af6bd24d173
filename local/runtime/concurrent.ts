import { existsSync } from 'node:fs';
import { setTimeout, clearTimeout } from 'node:timers';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ExecutionSpec } from './execution';
import { performFetch, TransportError, type FetchRequest } from './fetch/url-fetch-app';
import { describeError } from './services/env';
import type { World } from './world/world';
import type { ExecutionWorkerData, WorkerEvent, WorldCallMessage, WorldCallReply } from './worker-protocol';

export interface ConcurrentCall {
  spec: ExecutionSpec;
  startDelayMilliseconds: number;
}

export interface ConcurrentOutcome {
  result?: unknown;
  error?: { name: string; message: string };
}

/** Answers one world call of a worker; lock waits and fetches are asynchronous, everything else is world.call. */
async function answer(world: World, executionId: string, op: string, args: unknown[]): Promise<unknown> {
  if (op === 'lock.acquire') {
    const [, key, timeoutMilliseconds] = args;

    return world.locks.acquire(executionId, String(key), Number(timeoutMilliseconds));
  }

  if (op === 'fetch.request') return performFetch(args[0] as FetchRequest);

  if (op === 'fetch.requestAll') {
    const requests = args[0] as FetchRequest[];

    return Promise.all(
      requests.map(async (request) => {
        try {
          return { result: await performFetch(request) };
        } catch (error) {
          if (error instanceof TransportError) return { error: { kind: error.kind, message: error.message } };

          throw error;
        }
      }),
    );
  }

  return world.call(op, args);
}

function replyFor(error: unknown): WorldCallReply {
  const { name, message } = describeError(error);

  if (error instanceof TransportError) return { ok: false, name, message, kind: error.kind };

  return { ok: false, name, message };
}

/** Manages the worker threads of runConcurrently, so dispose() can stop any that are still running. */
export class ExecutionPool {
  private readonly workers = new Set<Worker>();

  constructor(
    private readonly world: World,
    private readonly workerPath: string,
    private readonly executionTimeoutMilliseconds: number,
  ) {}

  /** Starts every execution in its own worker, releases them together once all are loaded, and waits for all. */
  async runAll(calls: ConcurrentCall[]): Promise<ConcurrentOutcome[]> {
    if (!existsSync(this.workerPath)) {
      throw new Error(`The execution worker ${this.workerPath} does not exist: build it with "node esbuild.config.mjs".`);
    }

    const started = calls.map((call) => this.start(call));

    await Promise.all(started.map((execution) => execution.ready));

    for (const [index, execution] of started.entries()) execution.release(calls[index]!.startDelayMilliseconds);

    return Promise.all(started.map((execution) => execution.done));
  }

  async terminateAll(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
    this.workers.clear();
  }

  private start(call: ConcurrentCall): { ready: Promise<void>; done: Promise<ConcurrentOutcome>; release(delay: number): void } {
    const { spec } = call;
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const workerData: ExecutionWorkerData = { spec, port: port2, flag };
    const worker = new Worker(this.workerPath, { workerData, transferList: [port2] });
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    let settle: (outcome: ConcurrentOutcome) => void = () => undefined;
    const done = new Promise<ConcurrentOutcome>((resolve) => {
      settle = resolve;
    });
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = (outcome: ConcurrentOutcome): void => {
      if (finished) return;

      finished = true;
      clearTimeout(timer);
      this.world.locks.releaseAll(spec.executionId);
      port1.close();
      this.workers.delete(worker);
      void worker.terminate();
      markReady();
      settle(outcome);
    };

    this.workers.add(worker);
    port1.on('message', (message: WorldCallMessage) => {
      for (const [name, times] of Object.entries(message.counts)) this.world.count(name, times);

      void answer(this.world, spec.executionId, message.op, message.args).then(
        (result) => this.reply(port1, flag, { ok: true, result }),
        (error: unknown) => this.reply(port1, flag, replyFor(error)),
      );
    });
    worker.on('message', (event: WorkerEvent) => {
      if (event.type === 'ready') {
        markReady();

        return;
      }

      for (const [name, times] of Object.entries(event.counts)) this.world.count(name, times);

      end(event.error === undefined ? { result: event.result } : { error: event.error });
    });
    worker.on('error', (error) => end({ error: describeError(error) }));
    worker.on('exit', (code) => end({ error: { name: 'Error', message: `The execution of ${spec.functionName} stopped early (worker exit code ${code}).` } }));

    return {
      ready,
      done,
      release: (startDelayMilliseconds) => {
        if (finished) return;

        timer = setTimeout(() => {
          end({ error: { name: 'Error', message: `The execution of ${spec.functionName} timed out after ${this.executionTimeoutMilliseconds} ms and was terminated.` } });
        }, this.executionTimeoutMilliseconds + startDelayMilliseconds);
        worker.postMessage({ type: 'start', startDelayMilliseconds });
      },
    };
  }

  /** Posts the reply before waking the worker, so its receiveMessageOnPort finds it. */
  private reply(port: MessagePort, flag: Int32Array, reply: WorldCallReply): void {
    try {
      port.postMessage(reply);
    } catch (error) {
      port.postMessage(replyFor(error));
    }

    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}
