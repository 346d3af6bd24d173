// Builds the add-on and pushes dist/ to Apps Script with clasp, after checking that .clasp.json
// names a real script.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const claspConfig = JSON.parse(readFileSync(path.join(root, '.clasp.json'), 'utf8'));
const scriptId = String(claspConfig.scriptId ?? '');

// Apps Script IDs are long base64url strings; the committed placeholder is not one.
if (!/^[A-Za-z0-9_-]{40,}$/.test(scriptId)) {
  console.error(
    `.clasp.json has the script ID "${scriptId}", which is not a real Apps Script project.\n` +
      'Turn on the Apps Script API at https://script.google.com/home/usersettings, run "npx clasp login", then\n' +
      'create a project with \'rm .clasp.json && npx clasp create --type standalone --title "Zoom Attendance" --rootDir dist\'\n' +
      'or copy the ID from Project Settings in the Apps Script editor into .clasp.json, then run npm run deploy again.',
  );
  process.exit(1);
}

const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, [path.join(root, 'esbuild.config.mjs')]);
run(path.join(root, 'node_modules', '.bin', 'clasp'), ['push', '--force']);
console.log(`Pushed dist/ to https://script.google.com/d/${scriptId}/edit`);
