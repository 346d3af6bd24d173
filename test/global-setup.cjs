// Builds the add-on bundle and the local runtime's entry points once before any test runs,
// so integration tests always load the bundle that would be deployed.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.SKIP_BUILD === '1') return;

  execFileSync(process.execPath, [path.join(__dirname, '..', 'esbuild.config.mjs')], {
    stdio: 'inherit',
  });
};
