import { inspect } from 'node:util';
import { counted, type ExecutionEnv } from './env';

export function createSession(env: ExecutionEnv): GoogleAppsScript.Base.Session {
  const user = (): object => counted(env, 'User', { getEmail: () => env.user });
  const session = counted(env, 'Session', {
    getActiveUser: user,
    getEffectiveUser: user,
    getScriptTimeZone: () => env.scriptTimeZone,
    getActiveUserLocale: () => 'en',
    getTemporaryActiveUserKey: () => `local-${Buffer.from(env.user).toString('base64url')}`,
  });

  return session as unknown as GoogleAppsScript.Base.Session;
}

/** Formats log arguments as Logger.log and console.log show them: a format string with %s/%d, then the rest. */
function formatLogLine(args: unknown[]): string {
  const [first, ...rest] = args;
  const text = (value: unknown): string => (typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity }));

  if (typeof first !== 'string') return args.map(text).join(' ');

  let index = 0;
  const formatted = first.replace(/%[sdifoOj%]/g, (token) => {
    if (token === '%%') return '%';

    if (index >= rest.length) return token;

    const value = rest[index];

    index += 1;

    return text(value);
  });

  return [formatted, ...rest.slice(index).map(text)].join(' ');
}

/** Logger and console for one execution; every line goes to world.logs. */
export function createLoggers(env: ExecutionEnv): { Logger: GoogleAppsScript.Base.Logger; console: Console } {
  const lines: string[] = [];
  const append = (line: string): void => {
    lines.push(line);
    env.call('log.append', [line]);
  };
  const logger = counted(env, 'Logger', {
    log: (...args: unknown[]) => {
      append(formatLogLine(args));

      return logger;
    },
    getLog: () => lines.join('\n'),
    clear: () => {
      lines.length = 0;
    },
  });
  const consoleLike = counted(env, 'console', {
    log: (...args: unknown[]) => append(formatLogLine(args)),
    info: (...args: unknown[]) => append(formatLogLine(args)),
    warn: (...args: unknown[]) => append(formatLogLine(args)),
    error: (...args: unknown[]) => append(formatLogLine(args)),
    time: () => undefined,
    timeEnd: () => undefined,
  });

  return { Logger: logger as unknown as GoogleAppsScript.Base.Logger, console: consoleLike as unknown as Console };
}
