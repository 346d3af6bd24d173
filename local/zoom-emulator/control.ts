// The emulator's control API under /__emulator/, used by tests, the demo and benchmarks.
// Control requests are not recorded in the request log and never match fault rules.
import { jsonResponse, type EmulatorResponse } from './exchange';
import type { EmulatedMeeting, EmulatedOccurrence, EmulatorSeed, FaultRule } from './model';
import type { EmulatorState } from './state';

export const CONTROL_PREFIX = '/__emulator/';

const NO_CONTENT: EmulatorResponse = { status: 204 };

function badRequest(message: string): EmulatorResponse {
  return jsonResponse(400, { error: message });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadSeed(state: EmulatorState, body: unknown): EmulatorResponse {
  if (!isObject(body) || !Array.isArray(body.apps) || !Array.isArray(body.users) || !Array.isArray(body.meetings)) {
    return badRequest('Invalid seed: expected an object with apps, users and meetings arrays.');
  }

  state.load(body as unknown as EmulatorSeed);

  return NO_CONTENT;
}

function addMeeting(state: EmulatorState, body: unknown): EmulatorResponse {
  if (!isObject(body) || typeof body.id !== 'number' || !Array.isArray(body.occurrences)) {
    return badRequest('Invalid meeting: expected an object with a numeric id and an occurrences array.');
  }

  state.addMeeting(body as unknown as EmulatedMeeting);

  return NO_CONTENT;
}

function updateOccurrence(state: EmulatorState, body: unknown): EmulatorResponse {
  if (!isObject(body) || typeof body.meetingId !== 'number' || typeof body.uuid !== 'string' || !isObject(body.patch)) {
    return badRequest('Invalid occurrence update: expected meetingId, uuid and patch.');
  }

  const patch = body.patch as Partial<EmulatedOccurrence>;

  if (!state.updateOccurrence(body.meetingId, body.uuid, patch)) {
    return jsonResponse(404, { error: `Occurrence not found: meeting ${body.meetingId}, UUID ${body.uuid}.` });
  }

  return NO_CONTENT;
}

function setClock(state: EmulatorState, body: unknown): EmulatorResponse {
  const epochMs = isObject(body) ? body.epochMs : undefined;

  if (epochMs !== null && typeof epochMs !== 'number') return badRequest('Invalid clock: expected {"epochMs": number | null}.');

  state.fixedClockMilliseconds = epochMs;

  return NO_CONTENT;
}

function addFaults(state: EmulatorState, body: unknown): EmulatorResponse {
  if (!Array.isArray(body)) return badRequest('Invalid faults: expected an array of fault rules.');

  for (const rule of body as unknown[]) {
    if (!isObject(rule) || typeof rule.path !== 'string' || typeof rule.kind !== 'string') {
      return badRequest('Invalid fault rule: expected an object with a path and a kind.');
    }

    try {
      new RegExp(rule.path);
    } catch {
      return badRequest(`Invalid fault rule: path is not a regular expression: ${rule.path}`);
    }
  }

  state.addFaults(body as FaultRule[]);

  return NO_CONTENT;
}

/** Handles a control request. `path` is the raw path without the query. */
export function handleControl(state: EmulatorState, method: string, path: string, body: unknown): EmulatorResponse {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;

  switch (route) {
    case 'GET health':
      return jsonResponse(200, { status: 'ok' });
    case 'POST seed':
      return loadSeed(state, body);
    case 'POST meetings':
      return addMeeting(state, body);
    case 'POST occurrence':
      return updateOccurrence(state, body);
    case 'POST faults':
      return addFaults(state, body);
    case 'DELETE faults':
      state.clearFaults();

      return NO_CONTENT;
    case 'GET requests':
      return jsonResponse(200, state.requests);
    case 'DELETE requests':
      state.requests.length = 0;

      return NO_CONTENT;
    case 'POST clock':
      return setClock(state, body);
    case 'POST revoke-tokens': {
      const userId = isObject(body) && typeof body.userId === 'string' ? body.userId : undefined;

      state.tokens.revokeAll(userId);

      return NO_CONTENT;
    }

    default:
      return jsonResponse(404, { error: `Unknown control request: ${method} ${path}` });
  }
}
