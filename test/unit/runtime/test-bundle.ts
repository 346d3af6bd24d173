import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Writes a tiny Apps Script project (Code.js plus appsscript.json) to a temporary folder and returns the folder. */
export function writeTestBundle(code: string, manifest: { timeZone?: string } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runtime-bundle-'));

  writeFileSync(path.join(dir, 'Code.js'), code);
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: manifest.timeZone ?? 'Etc/UTC', runtimeVersion: 'V8' }));

  return dir;
}

export function removeTestBundle(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
