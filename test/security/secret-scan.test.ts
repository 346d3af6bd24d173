/**
 * The secret scan itself. It must find a planted token or client secret wherever the runtime
 * captures output, and flag a token kept outside user or script storage. The runtime must capture
 * log lines, thrown errors and stored tokens while capture is on.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalRuntime } from '../../local/runtime';
import { CAPTURE_DIRECTORY_VARIABLE } from '../../local/runtime/output-capture';

const { scanCaptured } = require('./secret-scan.cjs') as {
  scanCaptured(directory: string, clientSecrets: string[]): { findings: string[]; itemCount: number; tokenCount: number };
};

const TOKEN = 'eyFakeAccessToken0123456789abcdef';
const CLIENT_SECRET = 'planted-client-secret';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'secret-scan-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function writeCaptured(items: object[]): void {
  writeFileSync(path.join(directory, 'runtime-1.jsonl'), items.map((item) => JSON.stringify(item)).join('\n') + '\n');
}

describe('scanCaptured', () => {
  test('clean output has no findings', () => {
    writeCaptured([
      { kind: 'secret', text: TOKEN, storeScope: 'user' },
      { kind: 'log', text: 'Imported 13 people' },
      { kind: 'url', text: 'https://api.zoom.us/v2/past_meetings/123/instances' },
    ]);

    const result = scanCaptured(directory, [CLIENT_SECRET]);

    expect(result.findings).toEqual([]);
    expect(result.itemCount).toBe(2);
    expect(result.tokenCount).toBe(1);
  });

  test.each([
    ['token in a log line', { kind: 'log', text: `refreshed: ${TOKEN}` }, 'a OAuth token appeared in a captured log'],
    ['token in a URL', { kind: 'url', text: `https://api.zoom.us/v2/users/me?access_token=${TOKEN}` }, 'a OAuth token appeared in a captured url'],
    ['client secret in an error', { kind: 'error', text: `Error retrieving token: ${CLIENT_SECRET}` }, 'a client secret appeared in a captured error'],
  ])('finds a %s', (_name, item, finding) => {
    writeCaptured([{ kind: 'secret', text: TOKEN, storeScope: 'user' }, item]);

    const { findings } = scanCaptured(directory, [CLIENT_SECRET]);

    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain(finding);
    expect(findings[0]).not.toContain(TOKEN);
    expect(findings[0]).not.toContain(CLIENT_SECRET);
  });

  test('flags a token kept in document properties', () => {
    writeCaptured([{ kind: 'secret', text: TOKEN, storeScope: 'document' }]);

    expect(scanCaptured(directory, []).findings).toEqual(['an OAuth token was stored in document storage (runtime-1.jsonl:1)']);
  });
});

describe('runtime capture', () => {
  const BUNDLE = `
function logAndStore() {
  Logger.log('a log line');
  PropertiesService.getUserProperties().setProperty('oauth2.zoom', JSON.stringify({ access_token: 'captured-access', refresh_token: 'captured-refresh' }));
}
function fail() { throw new Error('a thrown error'); }
`;

  test('records logs, errors and stored tokens', async () => {
    const distDir = mkdtempSync(path.join(tmpdir(), 'capture-bundle-'));
    const previous = process.env[CAPTURE_DIRECTORY_VARIABLE];

    writeFileSync(path.join(distDir, 'Code.js'), BUNDLE);
    process.env[CAPTURE_DIRECTORY_VARIABLE] = directory;

    const runtime = new LocalRuntime({ distDir });

    try {
      runtime.run('logAndStore');
      expect(() => runtime.run('fail')).toThrow('a thrown error');
    } finally {
      process.env[CAPTURE_DIRECTORY_VARIABLE] = previous;
      await runtime.dispose();
      rmSync(distDir, { recursive: true, force: true });
    }

    const [file] = readdirSync(directory);
    const items = readFileSync(path.join(directory, file ?? ''), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string; text: string });

    expect(items).toContainEqual({ kind: 'log', text: 'a log line' });
    expect(items).toContainEqual({ kind: 'secret', text: 'captured-access', storeScope: 'user' });
    expect(items).toContainEqual({ kind: 'secret', text: 'captured-refresh', storeScope: 'user' });
    expect(items).toContainEqual({ kind: 'error', text: 'a thrown error' });
  });
});
