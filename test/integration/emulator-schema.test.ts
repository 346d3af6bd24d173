// Validates the emulator's responses against Zoom's published response schemas (a subset of Zoom's
// Meetings API OpenAPI spec, copied to local/zoom-emulator/openapi-subset.json). Every object schema
// gets additionalProperties: false after allOf parts are merged, so a field Zoom does not declare
// counts as an error.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateClassMeeting, generateLargeMeeting } from '../../local/data/generators';
import { standardSeed, TEACHER } from '../../local/data/seeds';
import { startZoomEmulator, type ZoomEmulator } from '../../local/zoom-emulator';
import { at, authorizeUser, send } from '../unit/emulator/helpers';

type Schema = Record<string, unknown>;

const spec = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'local', 'zoom-emulator', 'openapi-subset.json'), 'utf8'),
) as { paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: Schema } } } } } }>; components: { schemas: Record<string, Schema> } };

function resolveRef(ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const found = spec.components.schemas[name];

  if (!found) throw new Error(`Unresolved schema reference: ${ref}`);

  return found;
}

function mergeObjectParts(parts: Schema[]): Schema {
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();

  for (const part of parts) {
    for (const [name, property] of Object.entries((part.properties ?? {}) as Record<string, Schema>)) {
      properties[name] = properties[name] ? { allOf: [properties[name], property] } : property;
    }

    for (const name of (part.required ?? []) as string[]) required.add(name);
  }

  return { type: 'object', properties, ...(required.size > 0 ? { required: [...required] } : {}) };
}

/** Inlines references, merges allOf parts and closes every object schema. */
function strictSchema(schema: Schema): Schema {
  if (typeof schema.$ref === 'string') return strictSchema(resolveRef(schema.$ref));

  let result: Schema = { ...schema };

  if (Array.isArray(result.allOf)) {
    const parts = (result.allOf as Schema[]).map(strictSchema);
    const objectParts = parts.every((part) => part.type === 'object' || part.properties !== undefined);

    if (objectParts) {
      const { allOf: _allOf, ...rest } = result;

      result = { ...rest, ...mergeObjectParts(parts) };
    } else {
      result.allOf = parts;
    }
  }

  if (result.properties) {
    result.properties = Object.fromEntries(
      Object.entries(result.properties as Record<string, Schema>).map(([name, property]) => [name, strictSchema(property)]),
    );
  }

  if (result.items) result.items = strictSchema(result.items as Schema);

  if (result.type === 'object' || result.properties !== undefined) result.additionalProperties = false;

  return result;
}

const ajv = new Ajv({ allErrors: true, strict: false });

addFormats(ajv);
ajv.addFormat('string', true);
// NOTE: the spec gives past-webinar `user_email` format "email", but Zoom returns "" for guests
// without an email (and the report schema's pattern allows ""), so an empty string is accepted.
ajv.addFormat('email', (value: string) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value));

function validatorFor(specPath: string): ValidateFunction {
  return ajv.compile(strictSchema(spec.paths[specPath].get.responses[200].content['application/json'].schema));
}

const NOW = at('2024-05-08T12:00:00Z');
const CLASS = generateClassMeeting();
const CLASS_UUID = encodeURIComponent(CLASS.occurrences[0].uuid);
const WEBINAR = generateLargeMeeting({ participants: 12, sessionsPerParticipant: 2, kind: 'webinar', absentees: 3 });
const WEBINAR_UUID = encodeURIComponent(WEBINAR.occurrences[0].uuid);

/** A request for every operation of the spec subset. */
const REQUESTS: Record<string, string> = {
  '/report/meetings/{meetingId}/participants': `/v2/report/meetings/${CLASS_UUID}/participants?include_fields=registrant_id&page_size=300`,
  '/report/meetings/{meetingId}': `/v2/report/meetings/${CLASS_UUID}`,
  '/past_meetings/{meetingId}/participants': `/v2/past_meetings/${CLASS_UUID}/participants?page_size=300`,
  '/past_meetings/{meetingId}/instances': `/v2/past_meetings/${CLASS.id}/instances`,
  '/past_meetings/{meetingId}': `/v2/past_meetings/${CLASS.id}`,
  '/report/webinars/{webinarId}/participants': `/v2/report/webinars/${WEBINAR_UUID}/participants?include_fields=registrant_id&page_size=300`,
  '/past_webinars/{webinarId}/participants': `/v2/past_webinars/${WEBINAR_UUID}/participants?page_size=300`,
  '/past_webinars/{webinarId}/absentees': `/v2/past_webinars/${WEBINAR_UUID}/absentees`,
  '/past_webinars/{webinarId}/instances': `/v2/past_webinars/${WEBINAR.id}/instances`,
  '/users/{userId}/meetings': '/v2/users/me/meetings?type=previous_meetings',
  '/report/users/{userId}/meetings': '/v2/report/users/me/meetings?from=2024-05-01&to=2024-05-31',
  '/report/webinars/{webinarId}': `/v2/report/webinars/${WEBINAR.id}`,
};

let emulator: ZoomEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startZoomEmulator();
  await emulator.setClock(NOW);

  const seed = standardSeed([CLASS, WEBINAR]);

  await emulator.seed({ ...seed, users: [{ ...TEACHER, admin: true }, ...seed.users.slice(1)] });
  token = (await authorizeUser(emulator.baseUrl)).access_token;
});

afterAll(async () => {
  await emulator.stop();
});

describe('emulator answers against the published schemas', () => {
  it('covers every operation of the spec subset', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(spec.paths).sort());
  });

  it.each(Object.entries(REQUESTS))('%s', async (specPath, rawPath) => {
    const answer = await send(emulator.baseUrl, rawPath, { token });
    const validate = validatorFor(specPath);

    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.json)).not.toBe('{}');
    expect(validate(answer.json) ? [] : validate.errors).toEqual([]);
  });

  it('returns non-empty lists', async () => {
    for (const rawPath of Object.values(REQUESTS)) {
      const body = (await send(emulator.baseUrl, rawPath, { token })).json as Record<string, unknown>;
      const lists = Object.values(body).filter(Array.isArray);

      expect(lists.every((list) => list.length > 0)).toBe(true);
    }
  });
});

describe('strict schema check', () => {
  it('accepts Zoom\'s example participant list', () => {
    const example = JSON.parse(
      readFileSync(path.join(__dirname, '..', '..', 'local', 'data', 'zoom-examples', 'report-meetings-participants.spec-assembled.json'), 'utf8'),
    ) as unknown;

    expect(validatorFor('/report/meetings/{meetingId}/participants')(example)).toBe(true);
  });

  it('rejects an undeclared property', () => {
    const validate = validatorFor('/past_meetings/{meetingId}/participants');

    expect(validate({ participants: [{ name: 'A', attentiveness_score: 3 }] })).toBe(false);
  });

  it('rejects an undeclared top-level property of merged parts', () => {
    const validate = validatorFor('/past_meetings/{meetingId}/participants');

    expect(validate({ page_size: 30, participants: [], extra: true })).toBe(false);
    expect(validate({ page_size: 30, participants: [] })).toBe(true);
  });
});
