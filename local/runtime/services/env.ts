/** The one interface between an execution's services and the world: a named operation and its arguments. */
export interface Backend {
  call(op: string, args: unknown[]): unknown;
}

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

/** Where an execution came from, which decides what SpreadsheetApp and getUi give it. */
export type ExecutionOrigin = 'editor' | 'trigger' | 'callback';

/** Helpers that run inside the execution's vm context, so values reach the bundle as its own arrays, objects, Dates and Errors. */
export interface Realm {
  /** Deep-copies plain data (arrays, plain objects, Dates) into the context's realm. */
  toContext<T>(value: T): T;
  /** Copies an array shallowly into the context's realm (for arrays of service objects). */
  array<T>(items: T[]): T[];
  error(name: string, message: string): Error;
}

/** Context shared by every service of one execution. */
export interface ExecutionEnv {
  executionId: string;
  user: string;
  spreadsheetId: string | null;
  authMode: AuthModeName;
  origin: ExecutionOrigin;
  scriptId: string;
  scriptTimeZone: string;
  realm: Realm;
  count(name: string): void;
  /** Calls the world; world errors are rethrown as errors of the context's realm, results copied into it. */
  call(op: string, args: unknown[]): unknown;
}

/** Builds the env's call from a backend: converts errors and results for the context's realm. */
export function createCall(backend: Backend, realm: Realm): (op: string, args: unknown[]) => unknown {
  return (op, args) => {
    let result: unknown;

    try {
      result = backend.call(op, args);
    } catch (error) {
      const { name, message } = describeError(error);

      if (name === 'Exception') throw realm.error(name, message);

      throw error;
    }

    return realm.toContext(result);
  };
}

export function describeError(error: unknown): { name: string; message: string } {
  if (error !== null && typeof error === 'object' && 'message' in error) {
    const record = error as { name?: unknown; message?: unknown };

    return { name: String(record.name ?? 'Error'), message: String(record.message) };
  }

  return { name: 'Error', message: String(error) };
}

/**
 * Wraps every method of a service object so that each call adds one to
 * world.counters['<serviceName>.<method>'].
 */
export function counted<T extends object>(env: Pick<ExecutionEnv, 'count'>, serviceName: string, service: T): T {
  for (const [name, value] of Object.entries(service)) {
    if (typeof value !== 'function') continue;

    const method = value as (...args: unknown[]) => unknown;

    (service as Record<string, unknown>)[name] = function countedMethod(this: unknown, ...args: unknown[]): unknown {
      env.count(`${serviceName}.${name}`);

      return method.apply(this, args);
    };
  }

  return service;
}

/** An Apps Script enum value: prints as its name, as Apps Script's enum values do. */
export interface EnumValue {
  name(): string;
  toString(): string;
  toJSON(): string;
  ordinal(): number;
}

export function createEnum<N extends string>(names: readonly N[]): Record<N, EnumValue> {
  const values = {} as Record<N, EnumValue>;

  names.forEach((name, index) => {
    values[name] = Object.freeze({ name: () => name, toString: () => name, toJSON: () => name, ordinal: () => index });
  });

  return Object.freeze(values);
}

const AUTH_RANK: Record<AuthModeName, number> = { NONE: 0, LIMITED: 1, FULL: 2 };

/**
 * Throws when the execution's authorization mode does not allow a call. NONE allows only menus,
 * Logger and the like; LIMITED adds the active spreadsheet, properties, cache and lock; FULL allows all
 * (https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes).
 */
export function requireAuthMode(env: ExecutionEnv, needed: AuthModeName, what: string): void {
  if (AUTH_RANK[env.authMode] >= AUTH_RANK[needed]) return;

  // NOTE: Apps Script's wording for this case is not documented; the permission message of a missing scope is used.
  throw env.realm.error('Exception', `You do not have permission to call ${what} (AuthMode.${env.authMode}).`);
}
