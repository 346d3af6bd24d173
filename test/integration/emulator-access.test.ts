import { generateClassMeeting } from '../../local/data/generators';
import { ACCOUNT_APP, ACCOUNT_ID, ADMIN, BASIC_USER, standardSeed, TEACHER, USER_APP } from '../../local/data/seeds';
import { startZoomEmulator, type ZoomEmulator } from '../../local/zoom-emulator';
import type { EmulatedApp } from '../../local/zoom-emulator/model';
import { at, authorizeUser, postForm, send } from '../unit/emulator/helpers';

const NOW = at('2024-05-08T12:00:00Z');
const CLASS = generateClassMeeting();
const UUID_SEGMENT = encodeURIComponent(CLASS.occurrences[0].uuid);

let emulator: ZoomEmulator;

beforeAll(async () => {
  emulator = await startZoomEmulator();
  await emulator.setClock(NOW);
});

afterAll(async () => {
  await emulator.stop();
});

async function tokenFor(userId: string, app: EmulatedApp = USER_APP, extraApps: EmulatedApp[] = []): Promise<string> {
  const seed = standardSeed([CLASS]);

  await emulator.seed({ ...seed, apps: [...seed.apps, ...extraApps], consent: { userId, decision: 'approve' } });

  return (await authorizeUser(emulator.baseUrl, undefined, app)).access_token;
}

describe('bearer token checks', () => {
  it('rejects a token in the query string', async () => {
    const token = await tokenFor(TEACHER.id);
    const answer = await send(emulator.baseUrl, `/v2/users/me?access_token=${token}`);

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({
      code: 124,
      message: 'Invalid access token, this access token is not supported as query parameter string.',
    });
  });

  it('rejects a missing token', async () => {
    const answer = await send(emulator.baseUrl, '/v2/users/me');

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ code: 124, message: 'Invalid access token.' });
  });

  it('rejects an unknown token', async () => {
    const answer = await send(emulator.baseUrl, '/v2/users/me', { token: 'not-a-token' });

    expect(answer.json).toEqual({ code: 124, message: 'Invalid access token.' });
  });
});

describe('GET /v2/users/me', () => {
  it('returns the signed-in user', async () => {
    const token = await tokenFor(TEACHER.id);
    const answer = await send(emulator.baseUrl, '/v2/users/me', { token });

    expect(answer.json).toEqual({
      id: TEACHER.id,
      first_name: 'Riley',
      last_name: 'Host',
      display_name: 'Riley Host',
      email: TEACHER.email,
      type: 2,
      account_id: ACCOUNT_ID,
      timezone: 'Europe/London',
    });
  });
});

describe('scope checks', () => {
  it('answers 4711 with the endpoint scopes', async () => {
    const token = await tokenFor(TEACHER.id);
    const answer = await send(emulator.baseUrl, `/v2/report/meetings/${UUID_SEGMENT}/participants`, { token });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      code: 4711,
      message: 'Invalid access token, does not contain scopes:[report:read:list_meeting_participants:admin].',
    });
  });

  it('lists user and admin scopes of user-level endpoints', async () => {
    const narrowApp: EmulatedApp = { ...USER_APP, clientId: 'NarrowAppClientId', scopes: ['user:read:user'] };
    const token = await tokenFor(TEACHER.id, narrowApp, [narrowApp]);
    const answer = await send(emulator.baseUrl, `/v2/past_meetings/${UUID_SEGMENT}/participants`, { token });

    expect(answer.json).toEqual({
      code: 4711,
      message:
        'Invalid access token, does not contain scopes:[meeting:read:list_past_participants, meeting:read:list_past_participants:admin].',
    });
  });

  it('accepts a classic scope', async () => {
    const classicApp: EmulatedApp = { ...USER_APP, clientId: 'ClassicAppClientId', scopes: ['meeting:read'] };
    const token = await tokenFor(TEACHER.id, classicApp, [classicApp]);
    const answer = await send(emulator.baseUrl, `/v2/past_meetings/${UUID_SEGMENT}/participants`, { token });

    expect(answer.status).toBe(200);
  });

  it('lets an admin read reports', async () => {
    const token = await tokenFor(ADMIN.id);
    const answer = await send(emulator.baseUrl, `/v2/report/meetings/${UUID_SEGMENT}/participants`, { token });

    expect(answer.status).toBe(200);
  });
});

describe('plans and visibility', () => {
  it('answers code 200 on the basic plan', async () => {
    const token = await tokenFor(BASIC_USER.id);
    const answer = await send(emulator.baseUrl, `/v2/past_meetings/${UUID_SEGMENT}/participants`, { token });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 200, message: `Only available for paid account: ${BASIC_USER.accountId}.` });
  });

  it('hides another user\'s meeting from a non-admin', async () => {
    const otherTeacher = { ...TEACHER, id: 'OtHeRtEaChErIdAbCdEfGh', email: 'other@example.edu' };
    const seed = standardSeed([CLASS]);

    await emulator.seed({ ...seed, users: [...seed.users, otherTeacher], consent: { userId: otherTeacher.id, decision: 'approve' } });

    const token = (await authorizeUser(emulator.baseUrl)).access_token;
    const answer = await send(emulator.baseUrl, `/v2/past_meetings/${UUID_SEGMENT}/participants`, { token });

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ code: 3001, message: `Meeting does not exist: ${CLASS.occurrences[0].uuid}.` });
  });

  it('lets an account token read every meeting of its account', async () => {
    await emulator.seed(standardSeed([CLASS]));

    const issued = await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'account_credentials', account_id: ACCOUNT_ID }, ACCOUNT_APP);
    const token = (issued.json as { access_token: string }).access_token;
    const report = await send(emulator.baseUrl, `/v2/report/meetings/${UUID_SEGMENT}/participants`, { token });
    const past = await send(emulator.baseUrl, `/v2/past_meetings/${CLASS.id}/participants`, { token });

    expect(report.status).toBe(200);
    expect(past.status).toBe(200);
  });
});
