// Serves the meeting built from Zoom's example payloads and checks that each answer has the example's
// field names, and its values wherever the examples agree with that meeting.
import { EXAMPLE_ACCOUNT_ID, loadExampleMeeting, readExample } from '../../local/data/examples';
import { USER_APP } from '../../local/data/seeds';
import { startZoomEmulator, type ZoomEmulator } from '../../local/zoom-emulator';
import { at, authorizeUser, send } from '../unit/emulator/helpers';

type Json = Record<string, unknown>;

const { meeting, host } = loadExampleMeeting();
const UUID = encodeURIComponent(meeting.occurrences[0].uuid);
// A day after the example meeting, inside Zoom's one-year retention.
const NOW = at('2022-03-24T12:00:00Z');

let emulator: ZoomEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startZoomEmulator();
  await emulator.setClock(NOW);
  await emulator.seed({ apps: [USER_APP], users: [host], meetings: [meeting], consent: { userId: host.id, decision: 'approve' } });
  token = (await authorizeUser(emulator.baseUrl)).access_token;
});

afterAll(async () => {
  await emulator.stop();
});

async function get(rawPath: string): Promise<Json> {
  const answer = await send(emulator.baseUrl, rawPath, { token });

  expect(answer.status).toBe(200);

  return answer.json as Json;
}

function pick(record: Json, keys: string[]): Json {
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}

describe('meeting built from Zoom examples', () => {
  it('belongs to the example account', () => {
    expect(host.accountId).toBe(EXAMPLE_ACCOUNT_ID);
  });

  it('answers past participants exactly as the example', async () => {
    const example = readExample<{ participants: Json[] }>('past-meetings-participants.spec-assembled.json');
    const body = await get(`/v2/past_meetings/${UUID}/participants`);
    const records = body.participants as Json[];

    expect(Object.keys(body).sort()).toEqual(Object.keys(example).sort());
    expect(records.find((record) => record.name === 'Jill Chill')).toEqual(example.participants[0]);
  });

  it('answers report participants with the example fields', async () => {
    const example = readExample<{ participants: Json[] }>('report-meetings-participants.spec-assembled.json').participants[0];
    const body = await get(`/v2/report/meetings/${UUID}/participants?include_fields=registrant_id`);
    const record = (body.participants as Json[]).find((candidate) => candidate.name === 'example') ?? {};
    const agreeing = ['participant_user_id', 'name', 'registrant_id', 'join_time', 'leave_time', 'duration', 'customer_key', 'bo_mtg_id', 'failover', 'status'];

    expect(Object.keys(record).sort()).toEqual(Object.keys(example).sort());
    expect(pick(record, agreeing)).toEqual(pick(example, agreeing));
  });

  it('answers past meeting details with the example fields', async () => {
    const example = readExample<Json>('past-meetings-detail.spec-assembled.json');
    const body = await get(`/v2/past_meetings/${UUID}`);
    const agreeing = ['id', 'uuid', 'host_id', 'topic', 'user_name', 'user_email', 'participants_count', 'source'];

    expect(Object.keys(body).sort()).toEqual(Object.keys(example).sort());
    expect(pick(body, agreeing)).toEqual(pick(example, agreeing));
  });

  it('answers report details with the example fields', async () => {
    const example = readExample<Json>('report-meetings-detail.spec-assembled.json');
    const body = await get(`/v2/report/meetings/${UUID}`);
    const optional = ['custom_keys', 'tracking_fields'];
    const agreeing = ['topic', 'user_name', 'user_email', 'participants_count', 'type'];

    expect(Object.keys(body).sort()).toEqual(Object.keys(example).filter((key) => !optional.includes(key)).sort());
    expect(pick(body, agreeing)).toEqual(pick(example, agreeing));
  });

  it('answers instances with the example fields', async () => {
    const example = readExample<{ meetings: Json[] }>('past-meetings-instances.spec-assembled.json');
    const body = (await get(`/v2/past_meetings/${meeting.id}/instances`)) as { meetings: Json[] };

    expect(body.meetings).toHaveLength(1);
    expect(Object.keys(body.meetings[0]).sort()).toEqual(Object.keys(example.meetings[0]).sort());
    expect(body.meetings[0].uuid).toBe(meeting.occurrences[0].uuid);
  });
});
