/**
 * The published OpenAPI document: current (the checked-in document and client equal a fresh
 * generation from the zod schemas), complete over the route table, and valid where the issue
 * found it wrong (nullable fields that refer to a named schema). Real responses are checked
 * against it by callApi and the e2e client (test/support/openapi-contract.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROUTES } from '../../functions/routes.js';
import { REPO_ROOT } from '../../infra/constructs/base-function.js';
import { apiArtifacts, SERVED_DOCUMENT_PATH } from '../../scripts/api-artifacts.js';
import document from '../../shared/schemas/openapi.json' with { type: 'json' };
import { documentedOperation, responseViolations } from '../support/openapi-contract.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every object in the document with its JSON pointer. */
function* objects(value: Json, at = ''): Generator<[string, Record<string, Json>]> {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* objects(item, `${at}/${i}`);
  else if (value && typeof value === 'object') {
    yield [at, value];
    for (const [key, item] of Object.entries(value)) yield* objects(item, `${at}/${key}`);
  }
}
const admitsNull = (schema: Json) => !!schema && typeof schema === 'object' && !Array.isArray(schema) && (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null')));

test('the checked-in document and client types equal a fresh generation (run `npm run generate:api`)', async () => {
  for (const { path, contents } of await apiArtifacts()) {
    expect({ path, contents: readFileSync(join(REPO_ROOT, path), 'utf8') }).toEqual({ path, contents });
  }
}, 20_000);

test('the served document is the same document, in ASCII only (non-ASCII written as \\u escapes)', () => {
  const served = readFileSync(join(REPO_ROOT, SERVED_DOCUMENT_PATH), 'utf8');
  expect(served).toMatch(/^[\x20-\x7e]+$/);
  expect(JSON.parse(served)).toEqual(document);
  expect(JSON.stringify(document)).toMatch(/[^\x00-\x7f]/); // it has such characters to escape
});

test('every route of functions/routes.ts is documented with a success (a body schema, a redirect, or 204 No Content), and the document has no other operation', () => {
  for (const route of API_ROUTES) {
    const operation = documentedOperation(route.method, route.path);
    const success = Object.entries(operation?.responses ?? {}).filter(([status]) => /^[23]/.test(status));
    const documented = success.some(([status, r]) => /^3/.test(status) || status === '204' || Object.values(('content' in r && r.content) || {}).some((media) => media.schema));
    expect({ route: `${route.method} ${route.path}`, documented }).toEqual({
      route: `${route.method} ${route.path}`,
      documented: true,
    });
  }
  const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  expect(operations.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
});

test('a nullable reference is anyOf [$ref, null]: never allOf with a null type (which admits no null), never a nullable component', () => {
  const wrong = [...objects(document as unknown as Json)].filter(([, o]) => Array.isArray(o.allOf) && o.allOf.some(admitsNull)).map(([at]) => at);
  expect(wrong).toEqual([]);
  const nullableComponents = Object.entries(document.components.schemas).filter(([, schema]) => admitsNull(schema as Json)).map(([name]) => name);
  expect(nullableComponents).toEqual([]);
  const from = document.components.schemas.HistoryEvent.properties.from;
  expect(from).toEqual({ anyOf: [{ $ref: '#/components/schemas/RepairStatus' }, { type: 'null' }] });
});

describe('the response check', () => {
  const event = (from: unknown) => ({ at: '2026-03-01T10:00:00.000Z', from, to: 'received', by: 'store', note: null, reason: null });
  const order = (history: unknown[]) => ({
    id: '01JD0000000000000000000000', trackingCode: 'K7M-9QRS-T2X', storeId: 's1', status: 'received', version: 1, channel: 'walk_in',
    customer: { name: null, phone: null, language: 'hi', smsOptIn: true, whatsappOptIn: false },
    device: { brand: 'OPPO', model: 'A78', deviceId: null, purchaseDate: null },
    issue: { category: 'screen', description: 'Cracked' },
    estimate: null, dataBackupRequested: false, distanceKm: null, overseas: false, underWarranty: false, reworkOf: null,
    promisedBy: null, slaStartedAt: null, sla: { state: 'on_track', promisedBy: null, pausedMinutes: 0 }, slaMet: null, personalDataErasedAt: null, quote: null, approvedQuoteVersion: null,
    createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z', history,
  });
  const get = (status: number, body: unknown, contentType = 'application/json') =>
    responseViolations({ method: 'GET', path: '/v1/repairs/{id}', status, contentType, body });

  test('admits null where the schemas do (the first event has no from)', () => {
    expect(get(200, order([event(null), event('received')]))).toEqual([]);
  });

  test('rejects what the document does not declare: a value outside the enum, a missing field, a status, a media type, an operation', () => {
    expect(get(200, order([event('teleported')])).join('\n')).toMatch(/history\/0\/from/);
    const { promisedBy: _, ...withoutPromise } = order([]);
    expect(get(200, withoutPromise).join('\n')).toMatch(/promisedBy/);
    expect(get(418, {})).toEqual([expect.stringMatching(/status not documented/)]);
    expect(responseViolations({ method: 'GET', path: '/v1/openapi.json', status: 429, contentType: undefined, body: '' })).toEqual([
      expect.stringMatching(/content type "" not documented/),
    ]);
    expect(get(404, { type: 'x', title: 'Not found', status: 404 }, 'text/html')).toEqual([expect.stringMatching(/content type "text\/html" not documented/)]);
    expect(get(404, { type: 'x', title: 'Not found', status: 404 }, 'application/problem+json')).toEqual([]);
    expect(responseViolations({ method: 'PUT', path: '/v1/repairs/{id}', status: 200, contentType: 'application/json', body: {} })).toEqual([
      expect.stringMatching(/not in the OpenAPI document/),
    ]);
  });
});
