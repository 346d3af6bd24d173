// Builds the add-on bundle for Apps Script (dist/) and the Node entry points of the offline
// runtime (build/local/). Apps Script only calls top-level function declarations by name, so
// every export of src/index.ts gets a top-level wrapper that forwards to the IIFE bundle.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(root, 'src', 'index.ts');
const distDir = path.join(root, 'dist');
const bundleGlobal = '__AddOn';

/** Lists the export names of src/index.ts from an ESM metafile (IIFE metafiles list none). */
async function listEntryExports() {
  const probe = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: path.join(root, 'build', 'probe'),
    logLevel: 'silent',
  });
  const output = Object.values(probe.metafile.outputs).find((o) => o.entryPoint !== undefined);

  return output.exports;
}

function listHtmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);

    if (item.isDirectory()) return listHtmlFiles(full);

    return item.name.endsWith('.html') ? [full] : [];
  });
}

async function buildAddOn() {
  const names = await listEntryExports();
  const footer = names
    .map((name) => `function ${name}() { return ${bundleGlobal}.${name}.apply(this, arguments); }`)
    .join('\n');

  rmSync(distDir, { recursive: true, force: true });
  mkdirSync(distDir, { recursive: true });
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: bundleGlobal,
    target: 'es2019',
    platform: 'neutral',
    charset: 'utf8',
    legalComments: 'none',
    outfile: path.join(distDir, 'Code.js'),
    footer: { js: footer },
    logLevel: 'warning',
  });
  copyFileSync(path.join(root, 'appsscript.json'), path.join(distDir, 'appsscript.json'));

  // Apps Script keeps HTML files in one flat namespace: createTemplateFromFile('sidebar').
  for (const file of listHtmlFiles(path.join(root, 'src'))) {
    copyFileSync(file, path.join(distDir, path.basename(file)));
  }
}

/** Node entry points of the offline runtime, bundled so that workers and child processes can run them. */
const localEntries = {
  'zoom-emulator': 'local/zoom-emulator/main.ts',
  'fetch-worker': 'local/runtime/fetch-worker.ts',
  'execution-worker': 'local/runtime/execution-worker.ts',
  demo: 'local/demo.ts',
  bench: 'bench/run.ts',
};

async function buildLocal() {
  const present = Object.entries(localEntries).filter(([, file]) => existsSync(path.join(root, file)));

  await build({
    entryPoints: Object.fromEntries(present.map(([name, file]) => [name, path.join(root, file)])),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: path.join(root, 'build', 'local'),
    outExtension: { '.js': '.cjs' },
    external: ['playwright-core', 'gas-local'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

await Promise.all([buildAddOn(), buildLocal()]);
