/**
 * `npm run demo` as a new user runs it: the built demo prints the table, writes the CSV, and exits
 * on its own (an emulator or worker left running would keep the process alive).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DEMO = path.join(__dirname, '..', '..', 'build', 'local', 'demo.cjs');

/** The demo promises to finish in under 30 seconds. */
const DEMO_DEADLINE_MILLISECONDS = 30_000;

function runDemo(cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DEMO], { cwd, timeout: DEMO_DEADLINE_MILLISECONDS }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'zoom-attendance-demo-'));
  let result: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    result = await runDemo(cwd);
  }, DEMO_DEADLINE_MILLISECONDS + 5_000);

  afterAll(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  test('exits 0 on its own', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('prints the authorization round trip and the table', () => {
    expect(result.stdout).toContain('authCallback answered: "Zoom connected"');
    expect(result.stdout).toContain('Sidebar: Connected as Riley Host (riley.host@example.edu), user mode');
    expect(result.stdout).toMatch(/Dana Quinn\s+dana\.quinn@example\.edu\s+2024-05-06 10:10\s+2024-05-06 11:00\s+50\s+83\.3\s+2\s/);
  });

  test('writes the CSV with the hand-computed numbers', () => {
    const lines = readFileSync(path.join(cwd, 'demo-output', 'attendance.csv'), 'utf8').trim().split('\n');
    const dana = lines.find((line) => line.includes('Dana Quinn'))?.split(',') ?? [];
    const ben = lines.find((line) => line.includes('Ben Okafor'))?.split(',') ?? [];

    expect(lines).toHaveLength(14);
    expect(dana.slice(9, 12)).toEqual(['50', '83.3', '2']);
    expect(ben.slice(9, 12)).toEqual(['54', '90', '2']);
    // A dial-in name would be a formula to a spreadsheet program, so it is kept as text.
    expect(lines.find((line) => line.includes('7946 0000'))?.split(',')[5]).toBe("'+44 20 7946 0000");
  });
});
