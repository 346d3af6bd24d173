import { createUtilities, MAX_SLEEP_MILLISECONDS } from '../../../local/runtime/utilities';

function createHarness(): { utilities: GoogleAppsScript.Utilities.Utilities; counts: string[]; sleeps: number[] } {
  const counts: string[] = [];
  const sleeps: number[] = [];
  const utilities = createUtilities({ sleep: (milliseconds) => sleeps.push(milliseconds), count: (method) => counts.push(method) });

  return { utilities, counts, sleeps };
}

function toHex(bytes: number[]): string {
  return Buffer.from(bytes.map((byte) => byte & 0xff)).toString('hex');
}

describe('Utilities.formatDate', () => {
  const { utilities } = createHarness();
  const pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS z Z XXX";

  test.each([
    ['2024-03-10T06:59:59.999Z', '2024-03-10T01:59:59.999 EST -0500 -05:00'],
    ['2024-03-10T07:00:00.000Z', '2024-03-10T03:00:00.000 EDT -0400 -04:00'],
  ])('New York spring forward %s', (iso, expected) => {
    expect(utilities.formatDate(new Date(iso), 'America/New_York', pattern)).toBe(expected);
  });

  test.each([
    ['2024-10-27T00:59:59.000Z', '2024-10-27T02:59:59.000 CEST +0200 +02:00'],
    ['2024-10-27T01:00:00.000Z', '2024-10-27T02:00:00.000 CET +0100 +01:00'],
  ])('Berlin fall back %s', (iso, expected) => {
    expect(utilities.formatDate(new Date(iso), 'Europe/Berlin', pattern)).toBe(expected);
  });

  test('names, 12-hour clock and quotes', () => {
    const date = new Date('2024-03-04T17:05:09.007Z');

    expect(utilities.formatDate(date, 'UTC', "EEE, d MMM yy h:mm a 'o''clock' ''")).toBe("Mon, 4 Mar 24 5:05 PM o'clock '");
    expect(utilities.formatDate(date, 'UTC', 'EEEE MMMM dd, H:m:s.S')).toBe('Monday March 04, 17:5:9.7');
    expect(utilities.formatDate(date, 'UTC', 'XXX X z')).toBe('Z Z UTC');
    expect(utilities.formatDate(date, 'America/New_York', 'zzzz')).toBe('Eastern Standard Time');
  });

  test('fixed GMT offsets', () => {
    const date = new Date('2024-01-01T00:00:00Z');

    expect(utilities.formatDate(date, 'GMT+05:30', 'yyyy-MM-dd HH:mm z Z')).toBe('2024-01-01 05:30 GMT+05:30 +0530');
    expect(utilities.formatDate(date, 'GMT', 'HH:mm z')).toBe('00:00 GMT');
  });

  test('illegal pattern letter throws', () => {
    expect(() => utilities.formatDate(new Date(0), 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });

  test('unknown time zone throws', () => {
    expect(() => utilities.formatDate(new Date(0), 'Mars/Olympus', 'yyyy')).toThrow('is not a known time zone ID');
  });
});

describe('Utilities.parseDate', () => {
  const { utilities } = createHarness();

  test('wall time in zone', () => {
    expect(utilities.parseDate('2024-10-27 03:30', 'Europe/Berlin', 'yyyy-MM-dd HH:mm').toISOString()).toBe('2024-10-27T02:30:00.000Z');
    expect(utilities.parseDate('2024-03-10 01:30', 'America/New_York', 'yyyy-MM-dd HH:mm').toISOString()).toBe('2024-03-10T06:30:00.000Z');
  });

  test('time in spring-forward gap moves on', () => {
    expect(utilities.parseDate('2024-03-10 02:30', 'America/New_York', 'yyyy-MM-dd HH:mm').toISOString()).toBe('2024-03-10T07:30:00.000Z');
  });

  test('names, AM/PM and offset', () => {
    expect(utilities.parseDate('Mar 5, 2024 01:00 PM +0100', 'UTC', 'MMM d, yyyy hh:mm a Z').toISOString()).toBe('2024-03-05T12:00:00.000Z');
  });

  test('mismatched text throws', () => {
    expect(() => utilities.parseDate('2024/03/05', 'UTC', 'yyyy-MM-dd')).toThrow('Unparseable date');
  });
});

describe('Utilities.formatString', () => {
  const { utilities } = createHarness();

  test.each([
    ['%s has %d rows', ['Sheet1', 12], 'Sheet1 has 12 rows'],
    ['%.1f%%', [87.46], '87.5%'],
    ['%05d|%-4s|%+d', [42, 'ab', 7], '00042|ab  |+7'],
    ['%x %X %o', [255, 255, 8], 'ff FF 10'],
    ['%e', [1500], '1.500000e+03'],
    ['%s and %s', ['one'], 'one and %s'],
  ])('%s', (template, args, expected) => {
    expect(utilities.formatString(template, ...args)).toBe(expected);
  });
});

describe('Utilities base64', () => {
  const { utilities } = createHarness();

  test('encode string and bytes', () => {
    expect(utilities.base64Encode('client:secret')).toBe('Y2xpZW50OnNlY3JldA==');
    expect(utilities.base64Encode([-1, -2, 0, 127])).toBe('//4Afw==');
    expect(utilities.base64Encode('é', utilities.Charset.US_ASCII)).toBe('Pw==');
    expect(utilities.base64Encode('é', utilities.Charset.UTF_8)).toBe('w6k=');
  });

  test('web-safe alphabet', () => {
    expect(utilities.base64EncodeWebSafe([-1, -2, 0, 127])).toBe('__4Afw==');
    expect(utilities.base64DecodeWebSafe('__4Afw==')).toEqual([-1, -2, 0, 127]);
    expect(utilities.base64DecodeWebSafe('__4Afw')).toEqual([-1, -2, 0, 127]);
  });

  test('decode returns signed bytes', () => {
    expect(utilities.base64Decode('//4Afw==')).toEqual([-1, -2, 0, 127]);
    expect(utilities.newBlob(utilities.base64Decode('w6k=')).getDataAsString()).toBe('é');
  });

  test('decode rejects other alphabet', () => {
    expect(() => utilities.base64Decode('__4Afw==')).toThrow('Could not decode string');
    expect(() => utilities.base64DecodeWebSafe('//4Afw==')).toThrow('Could not decode string');
  });
});

describe('Utilities digests and signatures', () => {
  const { utilities } = createHarness();

  test('computeDigest known values', () => {
    expect(toHex(utilities.computeDigest(utilities.DigestAlgorithm.MD5, 'abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(toHex(utilities.computeDigest(utilities.DigestAlgorithm.SHA_256, 'abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(utilities.computeDigest(utilities.DigestAlgorithm.MD5, 'abc')[0]).toBe(-112);
  });

  test('HMAC-SHA256 RFC 4231 case 2', () => {
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

    expect(toHex(utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe'))).toBe(expected);
    expect(toHex(utilities.computeHmacSignature(utilities.MacAlgorithm.HMAC_SHA_256, 'what do ya want for nothing?', 'Jefe'))).toBe(expected);
    expect(toHex(utilities.computeHmacSha256Signature([...Buffer.from('what do ya want for nothing?')], [...Buffer.from('Jefe')]))).toBe(expected);
  });

  test('MD2 unsupported', () => {
    expect(() => utilities.computeDigest(utilities.DigestAlgorithm.MD2, 'abc')).toThrow('Unsupported algorithm in the local runtime: MD2');
  });
});

describe('Utilities.parseCsv', () => {
  const { utilities } = createHarness();

  test('quotes, delimiters and line breaks', () => {
    const csv = 'Name,Email\r\n"Doe, Jane","jane@example.com"\n"He said ""hi""",\n"two\nlines",x\n';

    expect(utilities.parseCsv(csv)).toEqual([
      ['Name', 'Email'],
      ['Doe, Jane', 'jane@example.com'],
      ['He said "hi"', ''],
      ['two\nlines', 'x'],
    ]);
  });

  test('custom delimiter', () => {
    expect(utilities.parseCsv('a\tb\n1\t2', '\t')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('Utilities misc', () => {
  test('sleep delegates to runtime', () => {
    const { utilities, sleeps, counts } = createHarness();

    utilities.sleep(1500);

    expect(sleeps).toEqual([1500]);
    expect(counts).toEqual(['sleep']);
    expect(() => utilities.sleep(MAX_SLEEP_MILLISECONDS + 1)).toThrow('Invalid argument: milliseconds 300001');
    expect(sleeps).toEqual([1500]);
  });

  test('getUuid is a version 4 UUID', () => {
    const { utilities } = createHarness();

    expect(utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(utilities.getUuid()).not.toBe(utilities.getUuid());
  });

  test('newBlob, gzip and ungzip', () => {
    const { utilities } = createHarness();
    const blob = utilities.newBlob('attendance', 'text/plain', 'notes.txt');
    const restored = utilities.ungzip(utilities.gzip(blob));

    expect(blob.getBytes()).toEqual([...Buffer.from('attendance')]);
    expect(blob.getName()).toBe('notes.txt');
    expect(restored.getDataAsString()).toBe('attendance');
    expect(restored.getName()).toBe('notes.txt');
  });

  test('json helpers and call counts', () => {
    const { utilities, counts } = createHarness();

    expect(utilities.jsonParse(utilities.jsonStringify({ a: [1, 'b'] }))).toEqual({ a: [1, 'b'] });
    expect(counts).toEqual(['jsonStringify', 'jsonParse']);
  });
});
