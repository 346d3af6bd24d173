// Fails the test run when a secret appeared in any log line, error message or fetched URL that the
// local runtime captured during the suite. The client secrets are those of the seeded Zoom apps
// (local/data/seeds.ts); the tokens are every one the runtime stored.
const { CAPTURE_DIRECTORY, scanCaptured } = require('./secret-scan.cjs');

const SEEDED_CLIENT_SECRETS = ['local-user-app-client-secret', 'local-account-app-client-secret'];

module.exports = async function globalTeardown() {
  const { findings, itemCount, tokenCount } = scanCaptured(CAPTURE_DIRECTORY, SEEDED_CLIENT_SECRETS);

  if (findings.length > 0) {
    throw new Error(`Secret scan failed: ${findings.length} finding(s) in ${itemCount} captured items:\n${findings.slice(0, 50).join('\n')}`);
  }

  console.log(`\nSecret scan: no token (${tokenCount} issued) or client secret in ${itemCount} captured log lines, errors and URLs.`);
};
