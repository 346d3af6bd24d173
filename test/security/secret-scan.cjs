// The secret scan. It reads what the local runtime captured during the test suite: log lines, thrown
// error messages and fetched URLs (local/runtime/output-capture.ts). It searches them for every OAuth
// token the runtime stored and for the client secrets of the seeded Zoom apps, and reports where a
// secret appeared and which kind it was, never the secret itself.
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const CAPTURE_DIRECTORY = path.join(__dirname, '..', '..', 'build', 'test-output', 'runtime-capture');
const CAPTURE_DIRECTORY_VARIABLE = 'LOCAL_RUNTIME_CAPTURE_DIR';
/** Token stores the add-on may use: user properties and cache, or the script's in account mode. */
const ALLOWED_TOKEN_SCOPES = ['user', 'script'];

/** Empties the capture folder and turns capture on for this process and the processes it starts. */
function startCapture(directory = CAPTURE_DIRECTORY) {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  process.env[CAPTURE_DIRECTORY_VARIABLE] = directory;
}

function readCaptured(directory) {
  if (!existsSync(directory)) return [];

  return readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(path.join(directory, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line, index) => ({ ...JSON.parse(line), file: name, line: index + 1 })),
    );
}

/**
 * Scans the captured items against the tokens they record and the given client secrets. Returns
 * the findings (kind of secret, kind of item, file and line) and the number of items and secrets.
 */
function scanCaptured(directory, clientSecrets) {
  const items = readCaptured(directory);
  const tokens = new Set(items.filter((item) => item.kind === 'secret').map((item) => item.text));
  const secrets = [
    ...[...tokens].map((value) => ({ kind: 'OAuth token', value })),
    ...clientSecrets.map((value) => ({ kind: 'client secret', value })),
  ];
  const findings = [];

  for (const item of items) {
    if (item.kind === 'secret') {
      if (!ALLOWED_TOKEN_SCOPES.includes(item.storeScope)) {
        findings.push(`an OAuth token was stored in ${item.storeScope} storage (${item.file}:${item.line})`);
      }

      continue;
    }

    for (const secret of secrets) {
      if (item.text.includes(secret.value)) findings.push(`a ${secret.kind} appeared in a captured ${item.kind} (${item.file}:${item.line})`);
    }
  }

  return { findings, itemCount: items.filter((item) => item.kind !== 'secret').length, tokenCount: tokens.size };
}

module.exports = { CAPTURE_DIRECTORY, CAPTURE_DIRECTORY_VARIABLE, startCapture, scanCaptured };
