import { Clock } from '../../../local/runtime/clock';
import { DEFAULT_SCRIPT_ID, INVALID_STATE_TOKEN_PAGE, LocalRuntime } from '../../../local/runtime';
import { RUNTIME_TEST_CODE } from './fixtures';
import { removeTestBundle, writeTestBundle } from './test-bundle';

const CALLBACK_URL = `https://script.google.com/macros/d/${DEFAULT_SCRIPT_ID}/usercallback`;
let distDir: string;
let runtime: LocalRuntime;

beforeAll(() => {
  distDir = writeTestBundle(RUNTIME_TEST_CODE);
});

afterAll(() => {
  removeTestBundle(distDir);
});

beforeEach(() => {
  runtime = new LocalRuntime({ distDir, clock: new Clock(Date.UTC(2024, 4, 6, 12, 0, 0)) });
  runtime.world.createSpreadsheet();
});

afterEach(async () => {
  await runtime.dispose();
});

function callbackUrl(token: string, code = 'auth-code-1'): string {
  return `${CALLBACK_URL}?state=${encodeURIComponent(token)}&code=${code}`;
}

describe('state tokens and usercallback', () => {
  test('valid token runs its method with the request', () => {
    const token = runtime.run('startAuthorization', [3600]) as string;
    const page = runtime.playUserCallback(callbackUrl(token));

    expect(page).toEqual({ html: 'Connected zoom with auth-code-1', title: 'Zoom connected' });
    expect(runtime.world.userProperties('teacher@example.edu').get('callbackCode')).toBe('auth-code-1');
  });

  test('token is stored with its expiry and user', () => {
    const token = runtime.run('startAuthorization', [3600]) as string;

    expect(runtime.world.stateTokens.get(token)).toEqual({
      token,
      method: 'authCallback',
      arguments: { serviceName: 'zoom' },
      user: 'teacher@example.edu',
      expiresAtEpochMilliseconds: Date.UTC(2024, 4, 6, 13, 0, 0),
    });
  });

  test('token expires after an hour', () => {
    const token = runtime.run('startAuthorization', [3600]) as string;

    runtime.world.clock.advance(3600 * 1000 - 1);

    expect(runtime.playUserCallback(callbackUrl(token, 'early')).html).toBe('Connected zoom with early');

    runtime.world.clock.advance(1);

    expect(runtime.playUserCallback(callbackUrl(token, 'late'))).toEqual({ html: INVALID_STATE_TOKEN_PAGE, title: '' });
    expect(runtime.world.userProperties('teacher@example.edu').get('callbackCode')).toBe('early');
  });

  test('unknown token runs nothing', () => {
    runtime.world.resetCounters();

    expect(runtime.playUserCallback(callbackUrl('not-a-token')).html).toBe('The state token is invalid or has expired. Please try again.');
    expect(runtime.world.counters).toEqual({});
  });

  test('another user cannot use the token', () => {
    const token = runtime.run('startAuthorization', [3600]) as string;

    expect(runtime.playUserCallback(callbackUrl(token), { user: 'intruder@example.edu' }).html).toBe(INVALID_STATE_TOKEN_PAGE);
    expect(runtime.world.userProperties('intruder@example.edu').get('callbackCode')).toBeNull();
  });

  test('timeout over an hour is rejected', () => {
    expect(() => runtime.run('startAuthorization', [3601])).toThrow('the maximum is 3600 seconds');
  });

  test('URL of another script is rejected', () => {
    expect(() => runtime.playUserCallback('https://script.google.com/macros/d/otherScript/usercallback?state=x')).toThrow(
      "Not this script's usercallback URL",
    );
  });
});
