/**
 * Fuzzing the handlers: generated API Gateway proxy events (built by the local gateway's own
 * buildProxyEvent) for every route of the route table, run through the real handlers against one
 * DynamoDB Local table. Whatever comes in: never a 5xx (nor a thrown handler, which API Gateway
 * turns into a 502), every 4xx is problem+json with a matching `status`, every 2xx is JSON, and a
 * 4xx writes nothing. The table is put back to its baseline after every case, so every case
 * starts from the same fixtures and the before/after comparison sees any write at all.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

import fc from 'fast-check';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { buildProxyEvent, lambdaContext } from '../../local/api-gateway.js';
import { API_ROUTES, type ApiRoute } from '../../functions/routes.js';
import { principalContext } from '../../shared/domain/access.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { MAX_BODY_BYTES } from '../../shared/http/request.js';
import {
  anyBody,
  CREATE_FIELDS,
  fuzzRuns,
  fuzzString,
  fuzzParameters,
  fuzzTimeout,
  headersArb,
  idempotencyKeyValue,
  ifMatchValue,
  MOVE_FIELDS,
  mutate,
  mutation,
  phoneLast4Value,
  queryPairs,
  validCreateBody,
  validMoveBody,
  type HeaderMap,
  type QueryPairs,
} from './arbitraries.js';
import { describeDiff, diff, isEmptyDiff, responseViolations, restore, snapshot, type RawResponse, type Snapshot } from './oracle.js';

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Who the authorizer says is calling: the fixture store, another real store, a store deleted since, or nobody. */
type Caller = 'A' | 'B' | 'ghost' | 'none';

interface FuzzRequest {
  route: ApiRoute;
  params: Record<string, string>;
  query: QueryPairs;
  headers: HeaderMap;
  body: string | null;
  caller: Caller;
}

/** Cases per property (weights: share of a long FUZZ_RUNS by cost per case; see fuzzRuns). */
const RUNS = {
  anyRoute: fuzzRuns(0.25),
  create: fuzzRuns(0.25),
  idempotency: fuzzRuns(0.08),
  move: fuzzRuns(0.2),
  list: fuzzRuns(0.2),
  track: fuzzRuns(0.15),
};

let table: TestTable;
let baseline: Snapshot;
const handlers = new Map<string, ProxyHandler>();
const stores: Record<Exclude<Caller, 'none'>, string> = { A: '', B: '', ghost: 'store_01ghost0000000000000000000' };

/** Fixture orders: A's in several statuses (with their versions), one of B's. */
const fixtures = {
  aIds: [] as string[],
  bIds: [] as string[],
  versions: new Map<string, number>(),
  trackingCodes: [] as string[],
  cursors: [] as string[],
  last4: ['5678'] as string[],
};

const route = (method: string, path: string) => API_ROUTES.find((r) => r.method === method && r.path === path) as ApiRoute;

beforeAll(async () => {
  table = await createTestTable();
  // One at a time: jest's ESM loader races on modules shared by parallel dynamic imports.
  for (const r of API_ROUTES) {
    const module = (await import(`../../functions/api/${r.handler}.js`)) as { handler: ProxyHandler };
    handlers.set(r.handler, module.handler);
  }
  stores.A = (await createTestStore('Fuzz Store A')).storeId;
  stores.B = (await createTestStore('Fuzz Store B')).storeId;

  const open = async (storeId: string, body: Record<string, unknown>, moves: Record<string, unknown>[]) => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body });
    if (created.status !== 201) throw new Error(`fixture create failed: ${created.status} ${JSON.stringify(created.body)}`);
    let last = created;
    for (const move of moves) {
      last = await callApi('POST', `/v1/repairs/${created.body.id}/status`, { storeId, body: move });
      if (last.status !== 200) throw new Error(`fixture move failed: ${last.status} ${JSON.stringify(last.body)}`);
    }
    fixtures.versions.set(created.body.id, last.body.version);
    fixtures.trackingCodes.push(created.body.trackingCode);
    return created.body.id as string;
  };
  fixtures.aIds.push(
    await open(stores.A, newRepairBody(), []),
    await open(stores.A, newRepairBody({ channel: 'mail_in' }), []),
    await open(stores.A, newRepairBody({ channel: 'on_site', distanceKm: 8 }), [
      { status: 'diagnosing' },
      { status: 'awaiting_approval', estimate: { amount: '2499.00', currency: 'INR' } },
    ]),
    await open(stores.A, newRepairBody(), [{ status: 'cancelled', reason: 'Customer changed their mind' }]),
    await open(stores.A, newRepairBody(), [
      { status: 'diagnosing' },
      { status: 'in_repair' },
      { status: 'quality_check' },
      { status: 'ready_for_pickup' },
      { status: 'completed' },
    ]),
  );
  fixtures.bIds.push(await open(stores.B, newRepairBody({ customer: { name: 'B', phone: '+14155550123', language: 'en', smsOptIn: false } }), []));
  fixtures.last4.push('0123');
  for (const query of ['?limit=1', '?limit=2', '?limit=1&status=received']) {
    const page = await callApi('GET', `/v1/repairs${query}`, { storeId: stores.A });
    if (typeof page.body.nextCursor === 'string') fixtures.cursors.push(page.body.nextCursor);
  }
  baseline = await snapshot(table.client, table.tableName);
}, 60_000);

afterAll(async () => {
  await table?.drop();
});

/** An object with exactly these own keys, "__proto__" and "constructor" included, as a Lambda event parsed from JSON has. */
function ownKeys<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const map: Record<string, T> = {};
  for (const [key, value] of entries) Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  return map;
}

/**
 * The proxy event API Gateway would deliver: built by the local gateway's buildProxyEvent, with the
 * query and header maps then filled the way Lambda's JSON event has them (own keys, the last value
 * wins in the single-value maps). buildProxyEvent's own maps are plain objects, so a query key such
 * as `constructor` breaks it before any handler runs; that is the local gateway's fault, caught
 * over HTTP in http.fuzz.test.ts, and here the handlers still get to see such keys.
 */
function proxyEvent(req: FuzzRequest): APIGatewayProxyEvent {
  const path = req.route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(req.params[name] ?? ''));
  const url = new URL(path, 'http://localhost');
  const pathParameters = Object.keys(req.params).length ? req.params : null;
  const authorizer =
    req.caller === 'none'
      ? null
      : { ...principalContext({ kind: 'store', storeId: stores[req.caller], keyId: 'key_fuzz', storeState: 'active' }), principalId: stores[req.caller] };
  const event = buildProxyEvent({ method: req.route.method, url, headers: {}, body: req.body }, { route: req.route, pathParameters, authorizer });
  const headerEntries = Object.entries(req.headers);
  event.headers = ownKeys(headerEntries);
  event.multiValueHeaders = ownKeys(headerEntries.map(([k, v]): [string, string[]] => [k, [v]]));
  // The query as the client's URL encodes it and API Gateway decodes it.
  const search = new URLSearchParams();
  for (const [key, value] of req.query) search.append(key, value);
  const pairs = [...search];
  if (pairs.length) {
    event.queryStringParameters = ownKeys(pairs);
    const multi = ownKeys<string[]>([]);
    for (const [key, value] of pairs) {
      if (Object.hasOwn(multi, key)) (multi[key] as string[]).push(value);
      else Object.defineProperty(multi, key, { value: [value], enumerable: true, writable: true, configurable: true });
    }
    event.multiValueQueryStringParameters = multi;
  }
  return event;
}

async function invoke(req: FuzzRequest): Promise<{ response: RawResponse } | { error: unknown }> {
  const handler = handlers.get(req.route.handler) as ProxyHandler;
  try {
    const result = await handler(proxyEvent(req), lambdaContext(req.route.handler));
    return {
      response: {
        status: result.statusCode,
        headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
        body: result.body ?? '',
      },
    };
  } catch (error) {
    return { error };
  }
}

/**
 * Runs one request and returns what is wrong with the outcome (empty when all is well). `since`
 * is the table the request found (the baseline unless an earlier request of the case wrote);
 * afterwards the table goes back to the baseline whatever happened.
 */
async function violationsOf(req: FuzzRequest, extra?: (response: RawResponse) => string[], since: Snapshot = baseline): Promise<string[]> {
  const outcome = await invoke(req);
  const after = await snapshot(table.client, table.tableName);
  const changes = diff(since, after);
  if (!isEmptyDiff(diff(baseline, after))) await restore(table.client, table.tableName, baseline, after);

  if ('error' in outcome) return [`the handler threw (API Gateway would answer 502): ${String(outcome.error)}`];
  const { response } = outcome;
  const violations = responseViolations(response);
  if (response.status >= 400 && response.status < 500 && !isEmptyDiff(changes)) {
    violations.push(`a ${response.status} wrote to the table: ${describeDiff(changes)}`);
  }
  if (extra) violations.push(...extra(response));
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Generators bound to the fixtures

const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('A' as const) },
  { weight: 2, arbitrary: fc.constant('B' as const) },
  { weight: 1, arbitrary: fc.constant('ghost' as const) },
  { weight: 1, arbitrary: fc.constant('none' as const) },
);

/** Order ids: A's, B's (another store's order: must read as missing), near misses, random ULIDs, anything. */
const idArb = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fixtures.aIds) },
    { weight: 2, arbitrary: fc.constantFrom(...fixtures.bIds) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...fixtures.aIds), fc.constantFrom('lower', ' ', '/', '/../', '%00', '\u0000', '#', 'X'.repeat(40)))
        .map(([id, twist]) => (twist === 'lower' ? id.toLowerCase() : id + twist)),
    },
    { weight: 1, arbitrary: fc.ulid() },
    { weight: 4, arbitrary: fuzzString.filter((s) => s.length > 0) },
  );

const trackingCodeArb = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fixtures.trackingCodes) },
    { weight: 2, arbitrary: fc.constantFrom(...fixtures.trackingCodes).map((c) => c.toLowerCase().replace(/-/g, '')) },
    { weight: 1, arbitrary: fc.constantFrom(...fixtures.trackingCodes).map((c) => ` ${c.replace(/-/g, ' ')} `) },
    { weight: 1, arbitrary: fc.stringMatching(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/) },
    { weight: 3, arbitrary: fuzzString.filter((s) => s.length > 0) },
  );

function paramsArb(r: ApiRoute): fc.Arbitrary<Record<string, string>> {
  const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const shape: Record<string, fc.Arbitrary<string>> = {};
  for (const name of names) shape[name] = name === 'trackingCode' ? trackingCodeArb() : idArb();
  return fc.record(shape);
}

const cleanHeaders: HeaderMap = { 'content-type': 'application/json' };

/** Mostly the plain JSON header; often the hostile set; sometimes a lone Idempotency-Key of any length. */
const writeHeadersArb = () =>
  fc.oneof(
    { withCrossShrink: true },
    { weight: 3, arbitrary: fc.constant(cleanHeaders) },
    { weight: 2, arbitrary: headersArb },
    { weight: 1, arbitrary: idempotencyKeyValue.map((key): HeaderMap => ({ ...cleanHeaders, 'Idempotency-Key': key })) },
  );

// ---------------------------------------------------------------------------------------------

describe('handlers under generated requests: no 5xx, 4xx are problem+json, a 4xx writes nothing', () => {
  test(
    'any route: hostile path parameters, query strings, headers and bodies',
    async () => {
      const requestArb = fc
        .constantFrom(...API_ROUTES)
        .chain((r) =>
          fc.record({
            route: fc.constant(r),
            params: paramsArb(r),
            query: queryPairs(fixtures.cursors, fixtures.last4),
            headers: fc.oneof({ withCrossShrink: true }, fc.constant({}), headersArb),
            body: anyBody,
            caller: callerArb,
          }),
        );
      await fc.assert(
        fc.asyncProperty(requestArb, async (req) => {
          expect(await violationsOf(req)).toEqual([]);
        }),
        fuzzParameters(RUNS.anyRoute),
      );
    },
    fuzzTimeout(RUNS.anyRoute),
  );

  test(
    'POST /v1/repairs: mostly valid bodies with one field (at any depth) mutated, deleted or added',
    async () => {
      const containers = [[], ['customer'], ['device'], ['issue'], ['estimate']] as const;
      const requestArb = fc.record({
        valid: validCreateBody,
        change: mutation(CREATE_FIELDS, containers),
        headers: writeHeadersArb(),
        caller: callerArb,
      });
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ valid, change, headers, caller }) => {
          const body = JSON.stringify(mutate(valid, change));
          const req: FuzzRequest = { route: route('POST', '/v1/repairs'), params: {}, query: [], headers, body, caller };
          // An untouched valid body from a real store with plain headers must be accepted, not just "not 5xx".
          const mustCreate = change.kind === 'none' && caller !== 'none' && caller !== 'ghost' && headers === cleanHeaders;
          const violations = await violationsOf(req, (response) =>
            mustCreate && response.status !== 201 ? [`a valid body was refused with ${response.status}: ${response.body.slice(0, 300)}`] : [],
          );
          expect(violations).toEqual([]);
        }),
        fuzzParameters(RUNS.create),
      );
    },
    fuzzTimeout(RUNS.create),
  );

  test(
    'POST /v1/repairs, Idempotency-Key already used: same body replays, another body → 422, another store starts afresh; a 4xx writes nothing',
    async () => {
      const containers = [[], ['customer'], ['device'], ['issue'], ['estimate']] as const;
      const requestArb = fc.record({
        key: fc.oneof(fc.constantFrom('0', ' ', 'k'.repeat(255), '🙂'.repeat(127)), fc.uuid(), fc.string({ unit: 'binary', minLength: 1, maxLength: 100 })),
        first: validCreateBody,
        change: mutation(CREATE_FIELDS, containers),
        headerName: fc.constantFrom('Idempotency-Key', 'idempotency-key', 'IDEMPOTENCY-KEY'),
        caller: fc.constantFrom<Caller>('A', 'A', 'A', 'B', 'none'),
      });
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ key, first, change, headerName, caller }) => {
          const createRoute = route('POST', '/v1/repairs');
          const firstBody = JSON.stringify(first);
          const firstReq: FuzzRequest = { route: createRoute, params: {}, query: [], headers: { ...cleanHeaders, 'Idempotency-Key': key }, body: firstBody, caller: 'A' };
          const firstOutcome = await invoke(firstReq);
          const since = await snapshot(table.client, table.tableName);
          const firstResponse = 'response' in firstOutcome ? firstOutcome.response : null;
          if (firstResponse?.status !== 201) {
            await restore(table.client, table.tableName, baseline, since);
            expect({ firstRequest: 'a valid create with a fresh key', status: firstResponse?.status ?? 'threw', body: firstResponse?.body.slice(0, 300) }).toEqual(
              expect.objectContaining({ status: 201 }),
            );
            return;
          }
          const secondBody = JSON.stringify(mutate(first, change));
          const second: FuzzRequest = { route: createRoute, params: {}, query: [], headers: { ...cleanHeaders, [headerName]: key }, body: secondBody, caller };
          const violations = await violationsOf(
            second,
            (response) => {
              if (caller !== 'A') return [];
              // A body over the size limit is refused before its key is even looked at.
              if (Buffer.byteLength(secondBody) > MAX_BODY_BYTES) return response.status === 413 ? [] : [`an oversized body got ${response.status}, want 413`];
              if (secondBody === firstBody) {
                return response.status === 201 && response.body === firstResponse.body ? [] : [`a replay got ${response.status}, not the first response`];
              }
              return response.status === 422 ? [] : [`the key reused with another body got ${response.status}, want 422`];
            },
            since,
          );
          expect(violations).toEqual([]);
        }),
        fuzzParameters(RUNS.idempotency),
      );
    },
    fuzzTimeout(RUNS.idempotency),
  );

  test(
    'POST /v1/repairs/{id}/status: mostly valid moves with one field mutated, any If-Match, on orders in every state',
    async () => {
      const requestArb = fc.record({
        id: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fixtures.aIds, ...fixtures.bIds) }, { weight: 1, arbitrary: idArb() }),
        valid: validMoveBody,
        change: mutation(MOVE_FIELDS, [[], ['estimate']]),
        ifMatch: fc.oneof(
          fc.constant<'none'>('none'),
          fc.constant<'current'>('current'),
          fc.constant<'stale'>('stale'),
          ifMatchValue,
        ),
        headers: writeHeadersArb(),
        caller: callerArb,
      });
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ id, valid, change, ifMatch, headers, caller }) => {
          const version = fixtures.versions.get(id) ?? 1;
          const ifMatchHeader: HeaderMap =
            ifMatch === 'none' ? {} : ifMatch === 'current' ? { 'If-Match': `"${version}"` } : ifMatch === 'stale' ? { 'If-Match': `"${version + 1}"` } : { 'If-Match': ifMatch };
          const req: FuzzRequest = {
            route: route('POST', '/v1/repairs/{id}/status'),
            params: { id },
            query: [],
            headers: { ...headers, ...ifMatchHeader },
            body: JSON.stringify(mutate(valid, change)),
            caller,
          };
          expect(await violationsOf(req)).toEqual([]);
        }),
        fuzzParameters(RUNS.move),
      );
    },
    fuzzTimeout(RUNS.move),
  );

  test(
    'GET /v1/repairs: limit, cursor (real, forged, garbage), status and unknown or repeated keys',
    async () => {
      const requestArb = fc.record({ query: queryPairs(fixtures.cursors, fixtures.last4), caller: callerArb });
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ query, caller }) => {
          const req: FuzzRequest = { route: route('GET', '/v1/repairs'), params: {}, query, headers: {}, body: null, caller };
          expect(await violationsOf(req)).toEqual([]);
        }),
        fuzzParameters(RUNS.list),
      );
    },
    fuzzTimeout(RUNS.list),
  );

  test(
    'GET /v1/track/{trackingCode}: real, normalisable and hostile codes with any phoneLast4',
    async () => {
      const requestArb = fc.record({
        trackingCode: trackingCodeArb(),
        query: fc.oneof(
          phoneLast4Value(fixtures.last4).map((v): QueryPairs => [['phoneLast4', v]]),
          queryPairs(fixtures.cursors, fixtures.last4),
        ),
        caller: callerArb,
      });
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ trackingCode, query, caller }) => {
          const req: FuzzRequest = { route: route('GET', '/v1/track/{trackingCode}'), params: { trackingCode }, query, headers: {}, body: null, caller };
          expect(await violationsOf(req)).toEqual([]);
        }),
        fuzzParameters(RUNS.track),
      );
    },
    fuzzTimeout(RUNS.track),
  );
});
