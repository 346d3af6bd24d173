import { generateClassMeeting, generateLargeMeeting } from '../../local/data/generators';
import { standardSeed, TEACHER } from '../../local/data/seeds';
import { startZoomEmulator, type ZoomEmulator } from '../../local/zoom-emulator';
import { at, authorizeUser, send } from '../unit/emulator/helpers';

const NOW = at('2024-05-08T12:00:00Z');
// 44 participants with one session each plus the host: 45 records.
const LARGE = generateLargeMeeting({ participants: 44, sessionsPerParticipant: 1 });
const LARGE_UUID = encodeURIComponent(LARGE.occurrences[0].uuid);
const PATH = `/v2/report/meetings/${LARGE_UUID}/participants`;
const CLASS = generateClassMeeting();
const INSTANT = { ...generateClassMeeting({ meetingId: 83000000000, seed: 30 }), type: 1 };
// Only the host joined: report user-meeting lists omit it.
const SOLO = generateLargeMeeting({ participants: 0, sessionsPerParticipant: 1, meetingId: 84000000000, seed: 31 });

interface ListPage {
  next_page_token: string;
  page_count: number;
  page_size: number;
  total_records: number;
  participants: Array<{ user_id: string }>;
}

let emulator: ZoomEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startZoomEmulator();
  await emulator.setClock(NOW);

  const seed = standardSeed([LARGE, CLASS, INSTANT, SOLO]);

  await emulator.seed({ ...seed, users: [{ ...TEACHER, admin: true }, ...seed.users.slice(1)] });
  token = (await authorizeUser(emulator.baseUrl)).access_token;
});

afterAll(async () => {
  await emulator.stop();
});

async function page(query: string, now?: number): Promise<{ status: number; body: ListPage }> {
  const answer = await send(emulator.baseUrl, `${PATH}${query}`, { token, now });

  return { status: answer.status, body: answer.json as ListPage };
}

describe('participant pagination', () => {
  it('pages 30 records by default', async () => {
    const first = await page('');
    const second = await page(`?next_page_token=${first.body.next_page_token}`);

    expect(first.body.participants).toHaveLength(30);
    expect(first.body).toMatchObject({ page_count: 2, page_size: 30, total_records: 45 });
    expect(first.body.next_page_token).toMatch(/^[A-Za-z0-9]{35}$/);
    expect(second.body.participants).toHaveLength(15);
    expect(second.body.next_page_token).toBe('');
  });

  it('returns every record exactly once', async () => {
    const first = await page('?page_size=20');
    const second = await page(`?page_size=20&next_page_token=${first.body.next_page_token}`);
    const third = await page(`?page_size=20&next_page_token=${second.body.next_page_token}`);
    const ids = [...first.body.participants, ...second.body.participants, ...third.body.participants].map((p) => p.user_id);

    expect(third.body.next_page_token).toBe('');
    expect(new Set(ids).size).toBe(45);
  });

  it('caps page_size at 300', async () => {
    const answer = await page('?page_size=1000');

    expect(answer.body.page_size).toBe(300);
    expect(answer.body.participants).toHaveLength(45);
  });

  it('accepts a page token within 15 minutes', async () => {
    const first = await page('', NOW);
    const second = await page(`?next_page_token=${first.body.next_page_token}`, NOW + 15 * 60_000);

    expect(second.status).toBe(200);
  });

  it('rejects a page token after 15 minutes', async () => {
    const first = await page('', NOW);
    const late = await send(emulator.baseUrl, `${PATH}?next_page_token=${first.body.next_page_token}`, {
      token,
      now: NOW + 15 * 60_000 + 1000,
    });

    expect(late.status).toBe(400);
    expect(late.json).toEqual({ code: 300, message: 'The next page token is invalid or expired.' });
  });

  it('rejects a token of another listing', async () => {
    const first = await page('');
    const other = await send(emulator.baseUrl, `/v2/past_meetings/${LARGE_UUID}/participants?next_page_token=${first.body.next_page_token}`, {
      token,
    });

    expect(other.json).toEqual({ code: 300, message: 'The next page token is invalid or expired.' });
  });
});

describe('user meeting lists', () => {
  it('lists previous meetings without instant ones', async () => {
    const answer = await send(emulator.baseUrl, '/v2/users/me/meetings?type=previous_meetings', { token });
    const ids = (answer.json as { meetings: Array<{ id: number }> }).meetings.map((m) => m.id);

    expect(ids.sort()).toEqual([LARGE.id, CLASS.id, SOLO.id].sort());
  });

  it('lists report meetings including instant ones', async () => {
    const answer = await send(emulator.baseUrl, '/v2/report/users/me/meetings?from=2024-05-01&to=2024-05-31', { token });
    const body = answer.json as { from: string; to: string; meetings: Array<{ id: number }> };

    expect(body.from).toBe('2024-05-01');
    expect(body.meetings.map((m) => m.id).sort()).toEqual([LARGE.id, CLASS.id, INSTANT.id].sort());
  });

  it('rejects a report range over a month', async () => {
    const answer = await send(emulator.baseUrl, '/v2/report/users/me/meetings?from=2024-04-01&to=2024-05-08', { token });

    expect(answer.status).toBe(400);
    expect((answer.json as { code: number }).code).toBe(300);
  });

  it('rejects a report range older than 6 months', async () => {
    const answer = await send(emulator.baseUrl, '/v2/report/users/me/meetings?from=2023-10-01&to=2023-10-31', { token });

    expect((answer.json as { code: number }).code).toBe(300);
  });

  it('answers 1001 for an unknown user', async () => {
    const answer = await send(emulator.baseUrl, '/v2/users/nobody@example.com/meetings?type=previous_meetings', { token });

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ code: 1001, message: 'User does not exist: nobody@example.com.' });
  });
});
