import { generateClassMeeting, generateLargeMeeting, generateRecurringMeeting } from '../../local/data/generators';
import { standardSeed, TEACHER } from '../../local/data/seeds';
import { startZoomEmulator, type ZoomEmulator } from '../../local/zoom-emulator';
import type { EmulatedMeeting } from '../../local/zoom-emulator/model';
import { at, authorizeUser, send } from '../unit/emulator/helpers';

const NOW = at('2024-05-08T12:00:00Z');

/** The four UUID shapes of Zoom's double-encoding rule, each on its own class meeting. */
const UUIDS = ['/Zk3fQx9TbWm1aB7cD2eFg==', 'Ab//Cd9xYz0PqRsTuVwXyA==', 'aQ7+tLm2Rk6Yv0Wb/3NcJg==', 'Hq2LmNo5Pq8RsTu1VwXyZw=='];
const UUID_MEETINGS = UUIDS.map((uuid, index) => generateClassMeeting({ uuid, meetingId: 81000000000 + index, seed: index + 10 }));
const RECURRING = generateRecurringMeeting({ occurrences: 4, participants: 6, firstStart: '2024-04-15T14:00:00Z' });
const SOLO: EmulatedMeeting = {
  ...generateClassMeeting({ meetingId: 82000000000, seed: 20 }),
  occurrences: [{ ...generateClassMeeting({ seed: 21 }).occurrences[0], sessions: generateClassMeeting({ seed: 21 }).occurrences[0].sessions.slice(0, 1) }],
};
const CLASS = UUID_MEETINGS[3];
const WEBINAR = generateLargeMeeting({ participants: 5, sessionsPerParticipant: 1, kind: 'webinar', absentees: 2 });
const OPEN_WEBINAR = { ...generateLargeMeeting({ participants: 5, sessionsPerParticipant: 1, kind: 'webinar', meetingId: 81234567891, seed: 40 }), registrationRequired: false };
const CLASS_UUID = encodeURIComponent(UUIDS[3]);

let emulator: ZoomEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startZoomEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(async () => {
  // The host is an admin here, so one token reads both the report and the past_meetings endpoints.
  const seed = standardSeed([...UUID_MEETINGS, RECURRING, SOLO, WEBINAR, OPEN_WEBINAR]);

  await emulator.seed({ ...seed, users: [{ ...TEACHER, admin: true }, ...seed.users.slice(1)] });
  await emulator.setClock(NOW);
  token = (await authorizeUser(emulator.baseUrl)).access_token;
});

function get(rawPath: string, now?: number): ReturnType<typeof send> {
  return send(emulator.baseUrl, rawPath, { token, now });
}

describe('UUID path decoding', () => {
  it.each([
    [UUIDS[0], '%252FZk3fQx9TbWm1aB7cD2eFg%253D%253D'],
    [UUIDS[1], 'Ab%252F%252FCd9xYz0PqRsTuVwXyA%253D%253D'],
    [UUIDS[2], 'aQ7%2BtLm2Rk6Yv0Wb%2F3NcJg%3D%3D'],
    [UUIDS[3], 'Hq2LmNo5Pq8RsTu1VwXyZw%3D%3D'],
  ])('finds %s by its correct encoding', async (uuid, segment) => {
    const answer = await get(`/v2/report/meetings/${segment}`);

    expect(answer.status).toBe(200);
    expect((answer.json as { uuid: string }).uuid).toBe(uuid);
  });

  it('answers 3001 without the leading slash when unencoded', async () => {
    const answer = await get('/v2/report/meetings//Zk3fQx9TbWm1aB7cD2eFg==/participants');

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ code: 3001, message: 'Meeting does not exist: Zk3fQx9TbWm1aB7cD2eFg==.' });
  });

  it('answers 3001 for a double slash encoded once', async () => {
    const answer = await get('/v2/past_meetings/Ab%2F%2FCd9xYz0PqRsTuVwXyA%3D%3D/participants');

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ code: 3001, message: 'Meeting does not exist: Ab/Cd9xYz0PqRsTuVwXyA==.' });
  });

  it('records the router path', async () => {
    await emulator.clearRequests();
    await get('/v2/report/meetings/%252FZk3fQx9TbWm1aB7cD2eFg%253D%253D');

    const [recorded] = await emulator.requests();

    expect(recorded.rawPath).toBe('/v2/report/meetings/%252FZk3fQx9TbWm1aB7cD2eFg%253D%253D');
    expect(recorded.path).toBe('/v2/report/meetings/%2FZk3fQx9TbWm1aB7cD2eFg%3D%3D');
  });
});

describe('meeting IDs and instances', () => {
  it('lists ended instances oldest first', async () => {
    const answer = await get(`/v2/past_meetings/${RECURRING.id}/instances`, at('2024-04-30T12:00:00Z'));
    const uuids = RECURRING.occurrences.slice(0, 3).map((o) => ({ uuid: o.uuid, start_time: o.startTime }));

    expect(answer.json).toEqual({ meetings: uuids });
  });

  it('resolves a numeric ID to the latest ended occurrence', async () => {
    const answer = await get(`/v2/past_meetings/${RECURRING.id}`, at('2024-04-30T12:00:00Z'));

    expect((answer.json as { uuid: string }).uuid).toBe(RECURRING.occurrences[2].uuid);
  });

  it('answers 3001 for an unknown meeting', async () => {
    const answer = await get('/v2/past_meetings/12345678901/participants');

    expect(answer.json).toEqual({ code: 3001, message: 'Meeting does not exist: 12345678901.' });
  });
});

describe('report states', () => {
  it('answers not end while the occurrence runs', async () => {
    await emulator.updateOccurrence(CLASS.id, UUIDS[3], { endTime: null });

    const answer = await get(`/v2/report/meetings/${CLASS_UUID}/participants`);

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ code: 3001, message: 'Meeting ID is invalid or not end.' });
  });

  it('answers not end until the report is ready', async () => {
    await emulator.updateOccurrence(CLASS.id, UUIDS[3], { report: 'not-ended' });

    const pending = await get(`/v2/past_meetings/${CLASS_UUID}`);

    await emulator.updateOccurrence(CLASS.id, UUIDS[3], { report: 'ready' });

    const ready = await get(`/v2/past_meetings/${CLASS_UUID}`);

    expect(pending.status).toBe(404);
    expect(ready.status).toBe(200);
  });

  it('answers empty times', async () => {
    await emulator.updateOccurrence(CLASS.id, UUIDS[3], { report: 'empty-times' });

    const details = await get(`/v2/report/meetings/${CLASS_UUID}`);
    const list = await get(`/v2/report/meetings/${CLASS_UUID}/participants`);

    expect(details.json).toMatchObject({ start_time: '', end_time: '', duration: '', participants_count: 0 });
    expect(list.json).toMatchObject({ total_records: 0, participants: [] });
  });

  it('answers zero durations', async () => {
    await emulator.updateOccurrence(CLASS.id, UUIDS[3], { report: 'zero-durations' });

    const list = (await get(`/v2/past_meetings/${CLASS_UUID}/participants?page_size=300`)).json as {
      participants: Array<{ duration: number }>;
    };

    expect(list.participants).toHaveLength(20);
    expect(list.participants.every((p) => p.duration === 0)).toBe(true);
  });

  it('answers 12702 a year later', async () => {
    const later = at('2025-05-06T09:00:01Z');
    const laterToken = (await authorizeUser(emulator.baseUrl, later)).access_token;
    const answer = await send(emulator.baseUrl, `/v2/report/meetings/${CLASS_UUID}/participants`, { token: laterToken, now: later });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 12702, message: 'Can not access meeting a year ago.' });
  });

  it('omits occurrences with one participant', async () => {
    const answer = await get(`/v2/past_meetings/${encodeURIComponent(SOLO.occurrences[0].uuid)}/participants`);

    expect(answer.json).toEqual({ next_page_token: '', page_count: 0, page_size: 30, total_records: 0, participants: [] });
  });
});

describe('participant records', () => {
  it('returns one report record per session', async () => {
    const answer = await get(`/v2/report/meetings/${CLASS_UUID}/participants?page_size=300&include_fields=registrant_id`);
    const records = (answer.json as { participants: Array<Record<string, unknown>> }).participants;
    const gus = records.filter((r) => r.name === 'Gus Ivanov');

    expect(records).toHaveLength(20);
    expect(gus).toHaveLength(3);
    expect(new Set(gus.map((r) => r.user_id)).size).toBe(3);
    expect(gus[1]).toMatchObject({ join_time: '2024-05-06T09:30:00Z', leave_time: '2024-05-06T09:50:00Z', duration: 1200 });
    expect(typeof gus[1].bo_mtg_id).toBe('string');
    expect(gus[0].id).toBe(gus[0].participant_user_id);
  });

  it('marks waiting-room sessions', async () => {
    const answer = await get(`/v2/past_meetings/${CLASS_UUID}/participants?page_size=300`);
    const records = (answer.json as { participants: Array<Record<string, unknown>> }).participants;
    const fay = records.filter((r) => r.name === 'Fay Never');

    expect(fay).toEqual([expect.objectContaining({ status: 'in_waiting_room', duration: 900 })]);
  });

  it('reports details in minutes', async () => {
    const answer = await get(`/v2/past_meetings/${CLASS_UUID}`);

    expect(answer.json).toMatchObject({
      id: CLASS.id,
      uuid: UUIDS[3],
      duration: 60,
      start_time: '2024-05-06T09:00:00Z',
      end_time: '2024-05-06T10:00:00Z',
      participants_count: 17,
    });
  });
});

describe('webinars', () => {
  it('lists absentees of a registration webinar', async () => {
    const answer = await get(`/v2/past_webinars/${WEBINAR.id}/absentees`);
    const registrants = (answer.json as { registrants: Array<{ email: string }> }).registrants;

    expect(registrants.map((r) => r.email)).toEqual(['absent1@example.com', 'absent2@example.com']);
  });

  it('answers 3000 without registration', async () => {
    const answer = await get(`/v2/past_webinars/${OPEN_WEBINAR.id}/absentees`);

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 3000, message: 'This Webinar has not registration required' });
  });

  it('does not find a webinar as a meeting', async () => {
    const answer = await get(`/v2/report/meetings/${WEBINAR.id}/participants`);

    expect(answer.json).toEqual({ code: 3001, message: `Meeting does not exist: ${WEBINAR.id}.` });
  });

  it('does not find a meeting as a webinar', async () => {
    const answer = await get(`/v2/past_webinars/${CLASS.id}/participants`);

    expect(answer.json).toEqual({ code: 3001, message: `Webinar does not exist: ${CLASS.id}.` });
  });

  it('lists webinar participants per session', async () => {
    const answer = await get(`/v2/report/webinars/${WEBINAR.id}/participants`);

    expect((answer.json as { total_records: number }).total_records).toBe(6);
  });
});
