/**
 * What people paste into the import box, through the built bundle: meeting IDs with spaces or
 * dashes, join links on any zoom.us host, occurrence UUIDs; everything else is rejected quoting the
 * input, before any request reaches Zoom.
 */
import { generateClassMeeting } from '../../../local/data/generators';
import { errorOf, startOffline, type Offline } from '../harness';
import type { ImportResult } from './fixtures';

const OCCURRENCE_UUID = 'aQ7+tLm2Rk6Yv0Wb/3NcJg==';
const classMeeting = generateClassMeeting({ uuid: OCCURRENCE_UUID });
const MEETING_ID = String(classMeeting.id);
let offline: Offline;

beforeAll(async () => {
  offline = await startOffline({ meetings: [classMeeting] });
  await offline.connect();
});

afterAll(async () => {
  await offline.stop();
});

describe('accepted input', () => {
  test.each([
    '85746065432',
    '857 4606 5432',
    '857-4606-5432',
    '  857 - 4606 - 5432  ',
    'https://zoom.us/j/85746065432',
    'https://us02web.zoom.us/j/85746065432?pwd=bXlQcGFzc3dvcmQ.1',
    'https://acme-university.zoom.us/j/85746065432?pwd=abc&uname=Riley%20Host',
    'https://us06web.zoom.us/w/85746065432?tk=Xyz-123.DEF&pwd=abc',
    'https://zoom.us/w/85746065432',
    'https://zoom.us/j/85746065432#success',
    'us02web.zoom.us/j/85746065432?pwd=abc',
  ])('%s imports the meeting', (input) => {
    const summary = offline.call<ImportResult>('importAttendance', input);

    expect(summary.meetingId).toBe(MEETING_ID);
    expect(summary.occurrences).toBe(1);
    expect(offline.table()).toHaveLength(13);
  });

  test.each([OCCURRENCE_UUID, 'aQ7%2BtLm2Rk6Yv0Wb%2F3NcJg%3D%3D'])('occurrence UUID %s imports that occurrence', (input) => {
    const summary = offline.call<ImportResult>('importAttendance', input);

    expect(summary.meetingId).toBe(MEETING_ID);
    expect(offline.table().every((row) => row['Meeting UUID'] === OCCURRENCE_UUID)).toBe(true);
  });

  test('the same meeting through every form is one set of rows', () => {
    expect(new Set(offline.table().map((row) => row['Participant key'])).size).toBe(13);
  });
});

describe('rejected input', () => {
  test.each([
    '12ab',
    '1234567',
    '123456789012',
    'https://zoom.us.evil.example/j/85746065432',
    'https://evilzoom.us/j/85746065432',
    'https://example.com/j/85746065432',
    'https://zoom.us/my/riley.host',
    'https://zoom.us/j/1234',
    'Hq2LmNo5Pq8RsTu1VwXyZw=',
    '=IMPORTXML("http://example.invalid","//a")',
  ])('%s is rejected quoting it, with no request to Zoom', async (input) => {
    await offline.emulator.clearRequests();

    const before = offline.sheet('Sheet1').values();
    const error = errorOf(() => offline.call('importAttendance', input));

    expect(error.message).toContain(`"${input}" is not a Zoom meeting ID, join link or meeting UUID.`);
    expect(await offline.apiRequests()).toEqual([]);
    expect(offline.sheet('Sheet1').values()).toEqual(before);
  });

  test('empty input says what to enter', () => {
    expect(errorOf(() => offline.call('importAttendance', '   ')).message).toMatch(/^No meeting given\. Enter a Zoom meeting ID/);
  });

  test('an occurrence choice that is neither a date nor a UUID is rejected quoting it', () => {
    const error = errorOf(() => offline.call('importAttendance', MEETING_ID, 'last tuesday'));

    expect(error.message).toContain('"last tuesday" is not an occurrence');
  });
});
