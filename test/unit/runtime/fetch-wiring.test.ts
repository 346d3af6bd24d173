import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Clock } from '../../../local/runtime/clock';
import { LocalRuntime } from '../../../local/runtime';
import { RUNTIME_TEST_CODE } from './fixtures';
import { removeTestBundle, writeTestBundle } from './test-bundle';

// A loopback server in a child process: a direct execution blocks this thread while it fetches.
const SERVER_SOURCE = `
const http = require('node:http');
const server = http.createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ path: request.url }));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const START = Date.UTC(2024, 4, 6, 12, 0, 0);
let distDir: string;
let server: ChildProcess;
let zoomBaseUrl: string;
let runtime: LocalRuntime;

beforeAll(async () => {
  distDir = writeTestBundle(RUNTIME_TEST_CODE);
  server = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });

  const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];

  zoomBaseUrl = `http://127.0.0.1:${chunk.toString().trim()}`;
});

afterAll(async () => {
  server.kill();
  await once(server, 'exit');
  removeTestBundle(distDir);
});

beforeEach(() => {
  runtime = new LocalRuntime({ distDir, zoomBaseUrl, clock: new Clock(START) });
  runtime.world.createSpreadsheet();
});

afterEach(async () => {
  await runtime.dispose();
});

describe('UrlFetchApp wiring', () => {
  test('direct execution reaches the emulator', () => {
    const [status, body] = runtime.run('fetchText', ['https://api.zoom.us/v2/users/me']) as [number, string];

    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ path: '/v2/users/me' });
    expect(runtime.world.fetchLog).toEqual([{ method: 'GET', url: 'https://api.zoom.us/v2/users/me', status: 200 }]);
    expect(runtime.world.counters['UrlFetchApp.fetch']).toBe(1);
  });

  test('fetch cost advances the world clock', () => {
    runtime.world.fetchCostMilliseconds = 1500;

    const [, , nowAfter] = runtime.run('fetchText', ['https://api.zoom.us/v2/users/me']) as [number, string, number];

    expect(nowAfter).toBe(START + 1500);
  });

  test('injected error is thrown before sending', () => {
    runtime.world.injectFetchErrors([{ urlPattern: /api\.zoom\.us/, message: 'Address unavailable', times: 1 }]);

    expect(() => runtime.run('fetchText', ['https://api.zoom.us/v2/users/me'])).toThrow('Address unavailable: https://api.zoom.us/v2/users/me');
    expect(runtime.world.fetchLog).toEqual([{ method: 'GET', url: 'https://api.zoom.us/v2/users/me', status: null }]);
    expect((runtime.run('fetchText', ['https://api.zoom.us/v2/users/me']) as [number])[0]).toBe(200);
  });

  test('concurrent execution fetches through the main thread', async () => {
    const outcomes = await runtime.runConcurrently([
      { functionName: 'fetchText', args: ['https://api.zoom.us/v2/users/me'] },
      { functionName: 'fetchText', args: ['https://zoom.us/oauth/token'] },
    ]);

    expect(outcomes.map((outcome) => (outcome.result as [number, string])[1])).toEqual([
      JSON.stringify({ path: '/v2/users/me' }),
      JSON.stringify({ path: '/oauth/token' }),
    ]);
    expect(runtime.world.counters['UrlFetchApp.fetch']).toBe(2);
  });

  test('AuthMode LIMITED cannot fetch', () => {
    expect(() => runtime.run('fetchText', ['https://api.zoom.us/v2/users/me'], { authMode: 'LIMITED' })).toThrow(
      'You do not have permission to call UrlFetchApp.fetch',
    );
    expect(runtime.world.fetchLog).toEqual([]);
  });
});
