import { existsSync } from 'node:fs';
import path from 'node:path';
import { LocalRuntime } from '../../../local/runtime';
import { RUNTIME_TEST_CODE } from './fixtures';
import { removeTestBundle, writeTestBundle } from './test-bundle';

const WORKER = path.join(__dirname, '..', '..', '..', 'build', 'local', 'execution-worker.cjs');
let distDir: string;
let runtime: LocalRuntime;

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run "node esbuild.config.mjs" first`);

  distDir = writeTestBundle(RUNTIME_TEST_CODE);
});

afterAll(() => {
  removeTestBundle(distDir);
});

beforeEach(() => {
  runtime = new LocalRuntime({ distDir });
  runtime.world.createSpreadsheet();
});

afterEach(async () => {
  await runtime.dispose();
});

describe('concurrent executions', () => {
  test('second execution waits for the user lock', async () => {
    const outcomes = await runtime.runConcurrently([
      { functionName: 'holdUserLock', args: ['first', 200, true] },
      { functionName: 'contendForUserLock', args: ['second', 20000], startDelayMilliseconds: 50 },
    ]);

    expect(outcomes).toEqual([{ result: undefined }, { result: 'done' }]);
    expect(runtime.world.logs).toEqual(['first locked', 'second tryLock false', 'first releasing', 'second locked']);
    expect(runtime.world.counters['Lock.tryLock']).toBe(1);
    expect(runtime.world.counters['Lock.waitLock']).toBe(2);
    expect(runtime.world.counters['Lock.releaseLock']).toBe(2);
  });

  test('lock is released when its execution ends', async () => {
    const outcomes = await runtime.runConcurrently([
      { functionName: 'holdUserLock', args: ['first', 200, false] },
      { functionName: 'contendForUserLock', args: ['second', 20000], startDelayMilliseconds: 50 },
    ]);

    expect(outcomes[1]).toEqual({ result: 'done' });
    expect(runtime.world.logs).toEqual(['first locked', 'second tryLock false', 'first ending', 'second locked']);
  });

  test('waitLock times out with Apps Script message', async () => {
    const outcomes = await runtime.runConcurrently([
      { functionName: 'holdUserLock', args: ['first', 3000, true] },
      { functionName: 'contendForUserLock', args: ['second', 50], startDelayMilliseconds: 50 },
    ]);

    expect(outcomes[1]).toEqual({ error: { name: 'Exception', message: 'Lock timeout: another process was holding the lock for too long.' } });
    expect(runtime.world.logs.indexOf('second tryLock false')).toBeLessThan(runtime.world.logs.indexOf('first releasing'));
  });

  test('other users do not share the user lock', async () => {
    const outcomes = await runtime.runConcurrently([
      { functionName: 'holdUserLock', args: ['first', 200, true] },
      { functionName: 'contendForUserLock', args: ['second', 20000], context: { user: 'student@example.edu' }, startDelayMilliseconds: 50 },
    ]);

    expect(outcomes[1]).toEqual({ result: 'done' });
    expect(runtime.world.logs).toContain('second tryLock true');
  });

  test('hung execution is terminated at its timeout', async () => {
    const shortRuntime = new LocalRuntime({ distDir, executionTimeoutMilliseconds: 500 });

    try {
      const started = Date.now();
      const [outcome] = await shortRuntime.runConcurrently([{ functionName: 'spinForever', context: { spreadsheetId: null } }]);

      expect(outcome!.error?.message).toBe('The execution of spinForever timed out after 500 ms and was terminated.');
      expect(Date.now() - started).toBeLessThan(10000);
      expect(shortRuntime.world.locks.owner('script')).toBeNull();
      expect(shortRuntime.run('takeScriptLock', [], { spreadsheetId: null })).toBe(true);
    } finally {
      await shortRuntime.dispose();
    }
  });
});
