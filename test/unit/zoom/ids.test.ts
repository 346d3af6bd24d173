import { encodeMeetingIdForPath, parseMeetingReference } from '../../../src/zoom/ids';

describe('encodeMeetingIdForPath()', () => {
  test.each([
    ['/Zk3fQx9TbWm1aB7cD2eFg==', '%252FZk3fQx9TbWm1aB7cD2eFg%253D%253D'],
    ['Ab//Cd9xYz0PqRsTuVwXyA==', 'Ab%252F%252FCd9xYz0PqRsTuVwXyA%253D%253D'],
    ['aQ7+tLm2Rk6Yv0Wb/3NcJg==', 'aQ7%2BtLm2Rk6Yv0Wb%2F3NcJg%3D%3D'],
    ['Hq2LmNo5Pq8RsTu1VwXyZw==', 'Hq2LmNo5Pq8RsTu1VwXyZw%3D%3D'],
  ])('encodes %s as %s', (uuid, expected) => {
    expect(encodeMeetingIdForPath(uuid)).toBe(expected);
  });

  test('leaves a numeric ID unchanged', () => {
    expect(encodeMeetingIdForPath('85746065432')).toBe('85746065432');
  });
});

describe('parseMeetingReference()', () => {
  test.each([
    ['85746065432', '85746065432'],
    ['857 4606 5432', '85746065432'],
    ['857-4606-5432', '85746065432'],
    ['  857 4606 5432  ', '85746065432'],
    ['123456789', '123456789'],
    ['https://zoom.us/j/85746065432', '85746065432'],
    ['https://us02web.zoom.us/j/85746065432?pwd=abcDEF123', '85746065432'],
    ['https://acme.zoom.us/w/85746065432?tk=x&pwd=y', '85746065432'],
    ['https://zoom.us/j/85746065432#success', '85746065432'],
    ['https://zoom.us/wc/join/85746065432', '85746065432'],
    ['https://zoom.us/wc/85746065432/join?pwd=1', '85746065432'],
    ['us02web.zoom.us/j/85746065432?pwd=abc', '85746065432'],
    ['zoom.us/w/85746065432', '85746065432'],
    ['HTTPS://US02WEB.ZOOM.US/J/85746065432?PWD=ABC', '85746065432'],
  ])('reads %s as meeting ID %s', (input, meetingId) => {
    expect(parseMeetingReference(input)).toEqual({ kind: 'id', meetingId });
  });

  test.each(['Hq2LmNo5Pq8RsTu1VwXyZw==', '/Zk3fQx9TbWm1aB7cD2eFg==', 'aQ7+tLm2Rk6Yv0Wb/3NcJg=='])(
    'reads %s as an occurrence UUID',
    (uuid) => {
      expect(parseMeetingReference(uuid)).toEqual({ kind: 'uuid', uuid });
    },
  );

  test.each([
    ['aQ7%2BtLm2Rk6Yv0Wb%2F3NcJg%3D%3D', 'aQ7+tLm2Rk6Yv0Wb/3NcJg=='],
    ['%2FZk3fQx9TbWm1aB7cD2eFg%3d%3d', '/Zk3fQx9TbWm1aB7cD2eFg=='],
  ])('reads the URL-encoded UUID %s as %s', (input, uuid) => {
    expect(parseMeetingReference(input)).toEqual({ kind: 'uuid', uuid });
  });

  test('rejects 12ab quoting the input', () => {
    expect(() => parseMeetingReference('12ab')).toThrow(
      '"12ab" is not a Zoom meeting ID, join link or meeting UUID.',
    );
  });

  test.each([
    '1234',
    '123456789012',
    'https://evil.example/j/85746065432',
    'https://zoom.us.evil.example/j/85746065432',
    'https://evilzoom.us/j/85746065432',
    'zoom.us.evil.example/j/85746065432',
    'https://zoom.us@evil.example/j/85746065432',
    'Hq2LmNo5Pq8RsTu1VwXyZw%3D',
    'https://zoom.us/my/teacher',
    '=HYPERLINK("x")',
    '857 4606 5432 extra',
  ])('rejects %s', (input) => {
    expect(() => parseMeetingReference(input)).toThrow(/is not a Zoom meeting ID/);
  });

  test('rejects empty input with what to enter', () => {
    expect(() => parseMeetingReference('   ')).toThrow('No meeting given.');
  });

  test('rejects a non-string', () => {
    expect(() => parseMeetingReference(undefined)).toThrow('No meeting given.');
  });

  test('cuts a very long input in the message', () => {
    const error = (() => {
      try {
        parseMeetingReference('x'.repeat(5000));
      } catch (caught) {
        return caught as Error;
      }

      return null;
    })();

    expect(error?.message.length).toBeLessThan(400);
  });
});
