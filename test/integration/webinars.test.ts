/**
 * Webinars for hosts who are not Zoom admins: Zoom serves webinar details only from the report
 * endpoint, so the import takes the start from the occurrence listing and the end from the
 * participant records.
 */
import { generateLargeMeeting } from '../../local/data/generators';
import { startOffline, type Offline } from './harness';

// Host (0-120 min) plus 4 people with one session each; person i joins at minute 12 * (i % 5) / 10
// and leaves at minute 108.
const webinar = generateLargeMeeting({ participants: 4, sessionsPerParticipant: 1, kind: 'webinar' });
let offline: Offline;

beforeAll(async () => {
  offline = await startOffline({ meetings: [webinar], now: Date.parse('2024-05-08T08:00:00Z') });
  await offline.connect();
});

afterAll(async () => {
  await offline.stop();
});

describe('webinar import by a host who is not an admin', () => {
  let summary: { rowsAdded: number; source: string; warnings: string[] };

  beforeAll(() => {
    summary = offline.call('importAttendance', String(webinar.id));
  });

  test('writes one row per attendee from past_webinars', () => {
    expect(summary.rowsAdded).toBe(5);
    expect(summary.source).toBe('past_webinars');
    expect(offline.table().every((row) => row.Source === 'past_webinars')).toBe(true);
  });

  test('never calls the report endpoints', async () => {
    expect((await offline.apiRequests()).filter((path) => path.startsWith('/v2/report/'))).toEqual([]);
  });

  test('takes the end from the last leave and says so', () => {
    const host = offline.table().find((row) => row.Name === 'Riley Host');

    expect((host?.['Meeting start'] as Date).toISOString()).toBe('2024-05-07T15:00:00.000Z');
    expect((host?.['Meeting end'] as Date).toISOString()).toBe('2024-05-07T17:00:00.000Z');
    expect(host?.['Attendance %']).toBe(100);
    expect(summary.warnings.join('\n')).toMatch(/webinar details only with the report scope/);
  });
});
