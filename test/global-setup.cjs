// Builds the add-on bundle and the local runtime's entry points once before any test runs,
// so integration tests always load the bundle that would be deployed. It also turns on the local
// runtime's output capture, which the secret scan in test/security/global-teardown.cjs reads.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { startCapture } = require('./security/secret-scan.cjs');

module.exports = async function globalSetup() {
  startCapture();

  if (process.env.SKIP_BUILD === '1') return;

  execFileSync(process.execPath, [path.join(__dirname, '..', 'esbuild.config.mjs')], {
    stdio: 'inherit',
  });
};
