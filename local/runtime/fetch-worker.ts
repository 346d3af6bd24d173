// Worker thread of the synchronous fetch transport: performs each batch of requests in
// parallel, posts the outcomes in order, then wakes the blocked caller through the shared flag.
import { workerData } from 'node:worker_threads';
import type { FetchOutcome, FetchWorkerData, FetchWorkerReply, FetchWorkerRequest } from './fetch/sync-transport';
import { performFetch, TransportError } from './fetch/transport';

const { port, flag } = workerData as FetchWorkerData;

async function settle(request: FetchWorkerRequest['requests'][number]): Promise<FetchOutcome> {
  try {
    return { ok: true, result: await performFetch(request) };
  } catch (error) {
    if (error instanceof TransportError) return { ok: false, kind: error.kind, message: error.message };

    return { ok: false, kind: 'connection', message: error instanceof Error ? error.message : String(error) };
  }
}

port.on('message', (batch: FetchWorkerRequest) => {
  void Promise.all(batch.requests.map(settle)).then((outcomes) => {
    port.postMessage({ id: batch.id, outcomes } satisfies FetchWorkerReply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
