import { ZoomHttp, type HttpEnvironment, type TokenSource } from '../../../src/zoom/http';

interface ScriptedAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  throws?: string;
  /** Throws a plain object shaped like an Error, as an error made in another realm looks. */
  throwsForeign?: string;
}

class FakeEnvironment implements HttpEnvironment {
  readonly urls: string[] = [];
  readonly authorizations: string[] = [];
  readonly sleeps: number[] = [];
  private clock = Date.parse('2024-05-06T12:00:00Z');

  constructor(private readonly answers: ScriptedAnswer[]) {}

  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions): GoogleAppsScript.URL_Fetch.HTTPResponse {
    this.urls.push(url);
    this.authorizations.push(String((params.headers as Record<string, string>).Authorization));

    const answer = this.answers.shift() ?? { status: 500, body: { message: 'no scripted answer' } };

    if (answer.throws !== undefined) throw new Error(answer.throws);

    if (answer.throwsForeign !== undefined) throw Object.assign(Object.create(null) as object, { name: 'Exception', message: answer.throwsForeign });

    const text = JSON.stringify(answer.body ?? {});

    return {
      getResponseCode: () => answer.status ?? 200,
      getContentText: () => text,
      getHeaders: () => answer.headers ?? {},
    } as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
  }

  sleep(milliseconds: number): void {
    this.sleeps.push(milliseconds);
    this.clock += milliseconds;
  }

  random(): number {
    return 0.5;
  }

  now(): number {
    return this.clock;
  }
}

class FakeTokens implements TokenSource {
  refreshes = 0;
  rejected = 0;
  private token = 'access-1';

  accessToken(): string {
    return this.token;
  }

  accessTokenAfterRejection(): string {
    this.refreshes += 1;
    this.token = `access-${this.refreshes + 1}`;

    return this.token;
  }

  markRejected(): void {
    this.rejected += 1;
  }
}

const participants = (count: number, offset = 0): unknown[] =>
  Array.from({ length: count }, (_, i) => ({ user_id: String(offset + i), name: `P${offset + i}` }));

function setup(answers: ScriptedAnswer[]): { http: ZoomHttp; environment: FakeEnvironment; tokens: FakeTokens } {
  const environment = new FakeEnvironment(answers);
  const tokens = new FakeTokens();

  return { http: new ZoomHttp(tokens, environment), environment, tokens };
}

describe('ZoomHttp.getAllPages()', () => {
  test('follows next_page_token with page_size 300', () => {
    const { http, environment } = setup([
      { body: { page_size: 30, total_records: 45, next_page_token: 'Tk1aB2cD3', participants: participants(30) } },
      { body: { page_size: 30, total_records: 45, next_page_token: '', participants: participants(15, 30) } },
    ]);
    const page = http.getAllPages('/report/meetings/X/participants', 'participants');

    expect(page.items).toHaveLength(45);
    expect(environment.urls[0]).toBe('https://api.zoom.us/v2/report/meetings/X/participants?page_size=300');
    expect(environment.urls[1]).toBe('https://api.zoom.us/v2/report/meetings/X/participants?page_size=300&next_page_token=Tk1aB2cD3');
  });

  test('stops when Zoom repeats a page token', () => {
    const { http, environment } = setup(
      Array.from({ length: 10 }, () => ({ body: { total_records: 2000, next_page_token: 'same', participants: participants(1) } })),
    );

    expect(() => http.getAllPages('/p', 'participants')).toThrow(/more pages .* than it has records/);
    expect(environment.urls).toHaveLength(2);
  });

  test('stops after more pages than total_records allows', () => {
    const answers = Array.from({ length: 20 }, (_, i) => ({ body: { total_records: 10, next_page_token: `t${i}`, participants: [] } }));
    const { http, environment } = setup(answers);

    expect(() => http.getAllPages('/p', 'participants')).toThrow(/PAGINATION|pages/);
    expect(environment.urls.length).toBe(3);
  });

  test('restarts once from page 1 when the page token expired', () => {
    const { http, environment } = setup([
      { body: { total_records: 4, next_page_token: 'a', participants: participants(2) } },
      { status: 400, body: { code: 300, message: 'The next page token is invalid or expired.' } },
      { body: { total_records: 4, next_page_token: 'b', participants: participants(2) } },
      { body: { total_records: 4, next_page_token: '', participants: participants(2, 2) } },
    ]);

    expect(http.getAllPages('/p', 'participants').items).toHaveLength(4);
    expect(environment.urls).toHaveLength(4);
    expect(environment.urls[2]).toBe('https://api.zoom.us/v2/p?page_size=300');
  });
});

describe('ZoomHttp retries', () => {
  test('a 401 code 124 refreshes once and retries', () => {
    const { http, environment, tokens } = setup([
      { status: 401, body: { code: 124, message: 'Access token is expired.' } },
      { body: { id: 'me' } },
    ]);

    expect(http.getJson('/users/me')).toEqual({ id: 'me' });
    expect(tokens.refreshes).toBe(1);
    expect(environment.authorizations).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  test('a second 401 drops the connection without looping', () => {
    const { http, environment, tokens } = setup([
      { status: 401, body: { code: 124, message: 'Invalid access token.' } },
      { status: 401, body: { code: 124, message: 'Invalid access token.' } },
    ]);

    expect(() => http.getJson('/users/me')).toThrow('Zoom disconnected: open the add-on and reconnect');
    expect(environment.urls).toHaveLength(2);
    expect(tokens.refreshes).toBe(1);
    expect(tokens.rejected).toBe(1);
  });

  test('per-second 429 backs off then succeeds', () => {
    const limited = { status: 429, headers: { 'X-RateLimit-Type': 'QPS' }, body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' } };
    const { http, environment } = setup([limited, limited, { body: { ok: true } }]);

    expect(http.getJson('/p')).toEqual({ ok: true });
    expect(environment.urls).toHaveLength(3);
    expect(environment.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3000);
  });

  test('Retry-After in seconds is honoured', () => {
    const { http, environment } = setup([
      { status: 429, headers: { 'retry-after': '7' }, body: { code: 429, message: 'slow down' } },
      { body: { ok: true } },
    ]);

    http.getJson('/p');

    expect(environment.sleeps).toEqual([7000]);
  });

  test('a daily limit stops at once with the retry time', () => {
    const { http, environment } = setup([
      {
        status: 429,
        headers: { 'X-RateLimit-Type': 'Daily-limit', 'Retry-After': '2024-05-07T00:00:00Z' },
        body: { code: 429, message: 'You have reached the maximum daily rate limit for this API.' },
      },
    ]);

    expect(() => http.getJson('/p')).toThrow("Zoom's daily limit is reached; the next run continues after 2024-05-07T00:00:00.000Z");
    expect(environment.urls).toHaveLength(1);
    expect(environment.sleeps).toEqual([]);
  });

  test('per-second 429 gives up after four retries', () => {
    const limited = { status: 429, body: { code: 429, message: 'Try again later.' } };
    const { http, environment } = setup([limited, limited, limited, limited, limited, limited]);

    expect(() => http.getJson('/p')).toThrow(/too many requests/);
    expect(environment.urls).toHaveLength(5);
  });

  test('5xx is retried with backoff, then reported', () => {
    const { http, environment } = setup([{ status: 502 }, { status: 503 }, { status: 500 }, { status: 500 }]);

    expect(() => http.getJson('/p')).toThrow('Could not reach Zoom (Zoom answered 500); nothing was changed, try again');
    expect(environment.urls).toHaveLength(4);
    expect(environment.sleeps).toHaveLength(3);
  });

  test('a transport failure is retried after about 1 s, then succeeds', () => {
    const { http, environment } = setup([
      { throws: 'Address unavailable: https://api.zoom.us/v2/p' },
      { body: { ok: true } },
    ]);

    expect(http.getJson('/p')).toEqual({ ok: true });
    expect(environment.sleeps).toEqual([1000]);
  });

  test('three DNS errors make exactly three attempts', () => {
    const dns = { throws: 'DNS error: https://api.zoom.us/v2/p' };
    const { http, environment } = setup([dns, dns, dns, dns]);

    expect(() => http.getJson('/p')).toThrow('Could not reach Zoom (DNS error); nothing was changed, try again');
    expect(environment.urls).toHaveLength(3);
  });

  test('names the failure of an error from another realm', () => {
    const dropped = { throwsForeign: 'Address unavailable: https://api.zoom.us/v2/p' };
    const { http, environment } = setup([dropped, dropped, dropped]);

    expect(() => http.getJson('/p')).toThrow('Could not reach Zoom (Address unavailable); nothing was changed, try again');
    expect(environment.urls).toHaveLength(3);
  });

  test('drops the Exception prefix of a printed Apps Script error', () => {
    const printed = { throws: 'Exception: DNS error: https://api.zoom.us/v2/p' };
    const { http } = setup([printed, printed, printed]);

    expect(() => http.getJson('/p')).toThrow('Could not reach Zoom (DNS error); nothing was changed, try again');
  });

  test('the daily UrlFetch quota is not retried', () => {
    const { http, environment } = setup([{ throws: 'Service invoked too many times for one day: urlfetch.' }]);

    expect(() => http.getJson('/p')).toThrow(/daily quota of web requests/);
    expect(environment.urls).toHaveLength(1);
  });

  test.each([
    [{ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:read:list_past_participants, meeting:read:list_past_participants:admin].' }, 400,
      'Zoom did not grant meeting:read:list_past_participants or meeting:read:list_past_participants:admin: add it to the Zoom app, then reconnect'],
    [{ code: 200, message: 'Only available for paid account: aBcDeFgHiJ.' }, 400, 'This Zoom plan does not include participant reports'],
    [{ code: 3001, message: 'Meeting ID is invalid or not end.' }, 404, 'Pending: Zoom has not finished the report; try again in an hour'],
    [{ code: 12702, message: 'Can not access meeting a year ago.' }, 400, 'Zoom keeps reports for about a year; this meeting is older'],
  ])('maps %j to its message without retrying', (body, status, message) => {
    const { http, environment } = setup([{ status, body }]);

    expect(() => http.getJson('/p')).toThrow(message);
    expect(environment.urls).toHaveLength(1);
  });

  test('never puts the token in the URL', () => {
    const { http, environment } = setup([{ body: {} }]);

    http.getJson('/users/me', { page_size: 1 });

    expect(environment.urls.join(' ')).not.toMatch(/access-1/);
  });
});

describe('ZoomHttp long Retry-After', () => {
  test('a Retry-After over 30 s stops with what Zoom asked', () => {
    const { http, environment } = setup([{ status: 429, headers: { 'Retry-After': '600' }, body: { code: 429, message: 'Try again later.' } }]);

    expect(() => http.getJson('/p')).toThrow('Zoom asked to wait before the next request; the next run continues after 2024-05-06T12:10:00.000Z');
    expect(environment.sleeps).toEqual([]);
  });
});

describe('ZoomHttp.prefetch()', () => {
  class ParallelEnvironment extends FakeEnvironment {
    readonly batches: string[][] = [];

    constructor(
      answers: ScriptedAnswer[],
      private readonly parallelAnswers: ScriptedAnswer[] | Error,
    ) {
      super(answers);
    }

    fetchAll(requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]): GoogleAppsScript.URL_Fetch.HTTPResponse[] {
      this.batches.push(requests.map((request) => request.url));

      if (this.parallelAnswers instanceof Error) throw this.parallelAnswers;

      return requests.map((_, i) => {
        const answer = (this.parallelAnswers as ScriptedAnswer[])[i] ?? { status: 500 };
        const text = JSON.stringify(answer.body ?? {});

        return { getResponseCode: () => answer.status ?? 200, getContentText: () => text, getHeaders: () => ({}) } as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
      });
    }
  }

  test('serves prefetched bodies without another fetch', () => {
    const environment = new ParallelEnvironment([], [{ body: { topic: 'A' } }, { body: { topic: 'B' } }]);
    const http = new ZoomHttp(new FakeTokens(), environment);

    http.prefetch(['/past_meetings/a', '/past_meetings/b']);

    expect(http.getJson('/past_meetings/b')).toEqual({ topic: 'B' });
    expect(http.getJson('/past_meetings/a')).toEqual({ topic: 'A' });
    expect(environment.batches).toEqual([['https://api.zoom.us/v2/past_meetings/a', 'https://api.zoom.us/v2/past_meetings/b']]);
    expect(environment.urls).toEqual([]);
  });

  test('uses each prefetched body once', () => {
    const environment = new ParallelEnvironment([{ body: { topic: 'again' } }], [{ body: { topic: 'A' } }, { body: { topic: 'B' } }]);
    const http = new ZoomHttp(new FakeTokens(), environment);

    http.prefetch(['/past_meetings/a', '/past_meetings/b']);
    http.getJson('/past_meetings/a');

    expect(http.getJson('/past_meetings/a')).toEqual({ topic: 'again' });
    expect(environment.urls).toEqual(['https://api.zoom.us/v2/past_meetings/a']);
  });

  test('fetches a failed request again with retries', () => {
    const environment = new ParallelEnvironment([{ body: { topic: 'B, second try' } }], [{ body: { topic: 'A' } }, { status: 503 }]);
    const http = new ZoomHttp(new FakeTokens(), environment);

    http.prefetch(['/past_meetings/a', '/past_meetings/b']);

    expect(http.getJson('/past_meetings/b')).toEqual({ topic: 'B, second try' });
    expect(environment.urls).toEqual(['https://api.zoom.us/v2/past_meetings/b']);
  });

  test('a transport failure leaves every request to getJson', () => {
    const environment = new ParallelEnvironment([{ body: { topic: 'A' } }], new Error('Address unavailable: https://api.zoom.us/v2/past_meetings/a'));
    const http = new ZoomHttp(new FakeTokens(), environment);

    expect(() => http.prefetch(['/past_meetings/a', '/past_meetings/b'])).not.toThrow();
    expect(http.getJson('/past_meetings/a')).toEqual({ topic: 'A' });
  });

  test("Apps Script's daily fetch quota stops at once", () => {
    const environment = new ParallelEnvironment([], new Error('Service invoked too many times for one day: urlfetch.'));
    const http = new ZoomHttp(new FakeTokens(), environment);

    expect(() => http.prefetch(['/past_meetings/a', '/past_meetings/b'])).toThrow(/daily quota of web requests/);
  });

  test('sends at most eight requests at once', () => {
    const paths = Array.from({ length: 19 }, (_, i) => `/past_meetings/m${i}`);
    const environment = new ParallelEnvironment([], paths.map(() => ({ body: {} })));
    const http = new ZoomHttp(new FakeTokens(), environment);

    http.prefetch(paths);

    expect(environment.batches.map((batch) => batch.length)).toEqual([8, 8, 3]);
  });

  test('does nothing without fetchAll', () => {
    const environment = new FakeEnvironment([{ body: { topic: 'A' } }]);
    const http = new ZoomHttp(new FakeTokens(), environment);

    http.prefetch(['/past_meetings/a', '/past_meetings/b']);

    expect(http.getJson('/past_meetings/a')).toEqual({ topic: 'A' });
    expect(environment.urls).toHaveLength(1);
  });
});
