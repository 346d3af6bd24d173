// npm run demo: the add-on's main job, offline. Starts the Zoom emulator with Zoom's published example
// meeting and a generated class, loads the built bundle into a fresh spreadsheet of the local Apps
// Script runtime, connects Zoom through the real authorization round trip, imports the class by
// meeting ID, prints the table and writes it to demo-output/attendance.csv.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { approveAuthorization } from './authorize';
import { loadExampleMeeting } from './data/examples';
import { generateClassMeeting } from './data/generators';
import { LOCAL_SCRIPT_ID, standardSeed, USER_APP } from './data/seeds';
import { Clock, LocalRuntime } from './runtime';
import { startZoomEmulator } from './zoom-emulator';

/** The demo's "now": the day after the generated class, so every report is ready. */
const DEMO_NOW = Date.parse('2024-05-07T08:00:00Z');

function formatCell(value: unknown, timeZone: string): string {
  if (Object.prototype.toString.call(value) === '[object Date]') {
    return (value as Date).toLocaleString('sv-SE', { timeZone, hour12: false }).slice(0, 16);
  }

  return String(value);
}

/** Quotes a CSV field; text a spreadsheet would read as a formula gets a leading apostrophe. */
function csvField(text: string): string {
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;

  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function printTable(rows: string[][], columns: number[]): void {
  const picked = rows.map((row) => columns.map((i) => row[i] ?? ''));
  const widths = columns.map((_, c) => Math.max(...picked.map((row) => (row[c] ?? '').length)));

  for (const row of picked) console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
}

async function main(): Promise<void> {
  const started = Date.now();
  const classMeeting = generateClassMeeting();
  const example = loadExampleMeeting();
  const seed = standardSeed([classMeeting, example.meeting]);
  const emulator = await startZoomEmulator({ seed: { ...seed, users: [...seed.users, example.host] } });
  const clock = new Clock(DEMO_NOW);
  const runtime = new LocalRuntime({ zoomBaseUrl: emulator.baseUrl, scriptId: LOCAL_SCRIPT_ID, clock, userEmail: 'riley.host@example.edu' });

  try {
    runtime.world.scriptProperties.set('ZOOM_CLIENT_ID', USER_APP.clientId);
    runtime.world.scriptProperties.set('ZOOM_CLIENT_SECRET', USER_APP.clientSecret);

    const spreadsheet = runtime.world.createSpreadsheet({ name: 'Class attendance', timeZone: 'Europe/London' });

    runtime.run('onOpen', [{ authMode: 'FULL' }]);
    console.log('1. Authorize: the sidebar asks for a fresh authorization URL');

    const authorizationUrl = String(runtime.run('getAuthorizationUrl'));
    const callbackUrl = await approveAuthorization(authorizationUrl, emulator.baseUrl, clock);
    const page = runtime.playUserCallback(callbackUrl);

    console.log(`   Zoom redirected to /usercallback; authCallback answered: "${page.title}"`);

    const state = runtime.run('getSidebarState') as { message: string };

    console.log(`   Sidebar: ${state.message}`);
    console.log(`2. Import meeting ${classMeeting.id} ("${classMeeting.topic}") by ID`);

    const summary = runtime.run('importAttendance', [String(classMeeting.id)]) as { warnings: string[]; rowsAdded: number; source: string };

    console.log(`   ${summary.rowsAdded} rows added from ${summary.source}; notes: ${summary.warnings.join(' | ') || 'none'}`);

    const sheet = spreadsheet.sheets()[0];

    if (sheet === undefined) throw new Error('The demo spreadsheet has no sheet');

    const rows = sheet.values().map((row) => row.map((cell) => formatCell(cell, spreadsheet.timeZone)));

    console.log(`3. Sheet "${sheet.name}" (times in ${spreadsheet.timeZone}):\n`);
    printTable(rows, [5, 6, 7, 8, 9, 10, 11, 12]);

    const outputDir = path.join(process.cwd(), 'demo-output');
    const csvPath = path.join(outputDir, 'attendance.csv');

    mkdirSync(outputDir, { recursive: true });
    writeFileSync(csvPath, rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n');
    console.log(`\nWrote ${rows.length - 1} rows to ${path.relative(process.cwd(), csvPath)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await runtime.dispose();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
