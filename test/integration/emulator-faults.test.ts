import { generateLargeMeeting } from '../../local/data/generators';
import { standardSeed } from '../../local/data/seeds';
import { startZoomEmulator, type ZoomEmulator } from '../../local/zoom-emulator';
import { at, authorizeUser, send } from '../unit/emulator/helpers';

const NOW = at('2024-05-08T12:00:00Z');
const MEETING = generateLargeMeeting({ participants: 40, sessionsPerParticipant: 1 });
const PATH = `/v2/past_meetings/${encodeURIComponent(MEETING.occurrences[0].uuid)}/participants`;
const PARTICIPANTS_RULE = '^/v2/past_meetings/.+/participants$';

let emulator: ZoomEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startZoomEmulator();
  await emulator.setClock(NOW);
  await emulator.seed(standardSeed([MEETING]));
  token = (await authorizeUser(emulator.baseUrl)).access_token;
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(async () => {
  await emulator.clearFaults();
});

function get(rawPath = PATH): ReturnType<typeof send> {
  return send(emulator.baseUrl, rawPath, { token });
}

describe('answering faults', () => {
  it('answers a per-second rate limit', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'rate-limit-per-second', retryAfterSeconds: 2 }]);

    const answer = await get();

    expect(answer.status).toBe(429);
    expect(answer.headers['x-ratelimit-type']).toBe('QPS');
    expect(answer.headers['retry-after']).toBe('2');
    expect(answer.json).toEqual({
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    });
  });

  it('omits Retry-After when none is given', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'rate-limit-per-second' }]);

    const answer = await get();

    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBeUndefined();
  });

  it('answers a daily rate limit', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'rate-limit-daily', retryAt: '2024-05-09T00:00:00Z' }]);

    const answer = await get();

    expect(answer.status).toBe(429);
    expect(answer.headers['x-ratelimit-type']).toBe('Daily-limit');
    expect(answer.headers['retry-after']).toBe('2024-05-09T00:00:00Z');
    expect((answer.json as { message: string }).message).toBe(
      'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.',
    );
  });

  it.each([500, 502, 503, 504] as const)('answers server error %i', async (status) => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'server-error', status }]);

    expect((await get()).status).toBe(status);
  });

  it('answers an expired access token', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'token-expired' }]);

    const answer = await get();

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('answers a custom response', async () => {
    await emulator.injectFaults([
      { path: PARTICIPANTS_RULE, kind: 'response', status: 418, body: { code: 1, message: 'Custom.' }, headers: { 'X-Custom': 'yes' } },
    ]);

    const answer = await get();

    expect(answer.status).toBe(418);
    expect(answer.headers['x-custom']).toBe('yes');
    expect(answer.json).toEqual({ code: 1, message: 'Custom.' });
  });
});

describe('fault matching', () => {
  it('fires a rule `times` times, then answers normally', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'server-error', status: 503, times: 2 }]);

    const statuses = [(await get()).status, (await get()).status, (await get()).status];

    expect(statuses).toEqual([503, 503, 200]);
  });

  it('fires only on the given page', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'page-token-expired', page: 2 }]);

    const first = await get(`${PATH}?page_size=10`);
    const tokenValue = (first.json as { next_page_token: string }).next_page_token;
    const second = await get(`${PATH}?page_size=10&next_page_token=${tokenValue}`);
    const retry = await get(`${PATH}?page_size=10&next_page_token=${tokenValue}`);

    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
    expect(second.json).toEqual({ code: 300, message: 'The next page token is invalid or expired.' });
    expect(retry.status).toBe(200);
  });

  it('respects the method', async () => {
    await emulator.injectFaults([{ method: 'POST', path: PARTICIPANTS_RULE, kind: 'server-error', status: 500 }]);

    expect((await get()).status).toBe(200);
  });

  it('stops after clearFaults', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'server-error', status: 500, times: 5 }]);
    await emulator.clearFaults();

    expect((await get()).status).toBe(200);
  });

  it('applies to the token endpoint too', async () => {
    await emulator.injectFaults([{ path: '^/oauth/token$', kind: 'server-error', status: 503 }]);

    const answer = await send(emulator.baseUrl, '/oauth/token', { method: 'POST', body: '' });

    expect(answer.status).toBe(503);
  });
});

describe('transport faults', () => {
  it('drops the connection without an answer', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'drop-connection' }]);
    await emulator.clearRequests();

    await expect(get()).rejects.toThrow(/socket hang up|ECONNRESET/);

    const log = await emulator.requests();

    expect(log.map((r) => r.status)).toEqual([0]);
  });

  it('answers after the given delay', async () => {
    await emulator.injectFaults([{ path: PARTICIPANTS_RULE, kind: 'slow', delayMilliseconds: 400 }]);

    const started = Date.now();
    const answer = await get();

    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('rejects a rule with an invalid regular expression', async () => {
    await expect(emulator.injectFaults([{ path: '(', kind: 'drop-connection' }])).rejects.toThrow(/regular expression/);
  });
});
