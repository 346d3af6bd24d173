import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { generateLargeMeeting } from '../../local/data/generators';
import { standardSeed, TEACHER } from '../../local/data/seeds';
import { startZoomEmulator } from '../../local/zoom-emulator';
import { at, authorizeUser, send } from '../unit/emulator/helpers';

const ENTRY = path.join(__dirname, '..', '..', 'build', 'local', 'zoom-emulator.cjs');

interface Started {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  exited: Promise<number | null>;
}

function startChild(): Promise<Started> {
  const child = spawn(process.execPath, [ENTRY, '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');

      const match = /^LISTENING (\d+)\n/.exec(output);

      if (match) resolve({ child, port: Number(match[1]), stdout: () => output, exited });
    });
    child.once('exit', (code) => reject(new Error(`Emulator exited early with code ${code}`)));
  });
}

describe('emulator process', () => {
  it('prints one LISTENING line and exits when stdin closes', async () => {
    const started = await startChild();

    started.child.stdin?.end();

    expect(await started.exited).toBe(0);
    expect(started.stdout()).toBe(`LISTENING ${started.port}\n`);
  });

  it('exits cleanly on SIGTERM', async () => {
    const started = await startChild();

    started.child.kill('SIGTERM');

    expect(await started.exited).toBe(0);
  });

  it('closes its port after stop', async () => {
    const emulator = await startZoomEmulator();
    const health = await send(emulator.baseUrl, '/__emulator/health');

    await emulator.stop();

    expect(health.json).toEqual({ status: 'ok' });
    await expect(send(emulator.baseUrl, '/__emulator/health')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('loads the seed given at start', async () => {
    const emulator = await startZoomEmulator({ seed: standardSeed() });

    try {
      const pair = await authorizeUser(emulator.baseUrl);
      const me = await send(emulator.baseUrl, '/v2/users/me', { token: pair.access_token });

      expect((me.json as { id: string }).id).toBe(TEACHER.id);
    } finally {
      await emulator.stop();
    }
  });
});

describe('large meetings', () => {
  it('pages through 10,000 participants with 3 sessions each', async () => {
    const emulator = await startZoomEmulator({ seed: standardSeed() });

    try {
      const meeting = generateLargeMeeting({ participants: 10_000, sessionsPerParticipant: 3 });
      const uuid = encodeURIComponent(meeting.occurrences[0].uuid);

      await emulator.addMeeting(meeting);

      const token = (await authorizeUser(emulator.baseUrl, at('2024-05-08T12:00:00Z'))).access_token;
      let pageToken = '';
      let records = 0;
      let pages = 0;

      do {
        const answer = await send(emulator.baseUrl, `/v2/past_meetings/${uuid}/participants?page_size=300&next_page_token=${pageToken}`, {
          token,
          now: at('2024-05-08T12:00:00Z'),
        });
        const body = answer.json as { next_page_token: string; participants: unknown[]; total_records: number };

        expect(body.total_records).toBe(30_001);
        records += body.participants.length;
        pages += 1;
        pageToken = body.next_page_token;
      } while (pageToken !== '');

      expect(records).toBe(30_001);
      expect(pages).toBe(101);
    } finally {
      await emulator.stop();
    }
  });
});
