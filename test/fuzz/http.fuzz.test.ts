/**
 * Fuzzing over real HTTP: the local stack (API Gateway stand-in with its router, the real TOKEN
 * authorizer and the real handlers) on a free port, against the run's DynamoDB Local. Requests go
 * out with fetch, and with node:http for what fetch normalises or refuses (raw request targets,
 * non-ASCII header bytes, bodies on GET). Same contract as the handler fuzz: never a 5xx, every 4xx
 * is problem+json with a matching `status` (HEAD: status only), every 2xx is JSON, a 4xx writes
 * nothing. Requests the Node HTTP parser itself refuses (bytes ≥ 0x7f in the request target,
 * unknown methods, absolute-form targets with a bad host, headers over 16 KB) never reach any
 * server code: Node answers a bare 400/431 itself. Those are not the API's to answer; the raw
 * property tries each request on a bare Node server first and discards (fc.pre) what it refuses,
 * and every property keeps the request line plus headers within API Gateway's 10 240-byte quota.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { API_ROUTES } from '../../functions/routes.js';
import { createTestStore } from '../support/stores.js';
import { newRepairBody } from '../support/api.js';
import { anyBody, contentTypeValue, fuzzParameters, fuzzRuns, fuzzString, fuzzTimeout, headerValueAscii } from './arbitraries.js';
import { describeDiff, diff, isEmptyDiff, responseViolations, restore, snapshot, type RawResponse, type Snapshot } from './oracle.js';

/** Cases per property (weights: share of a long FUZZ_RUNS by cost per case; see fuzzRuns). */
const RUNS = {
  anyPath: fuzzRuns(0.25),
  methods: fuzzRuns(0.08),
  auth: fuzzRuns(0.15),
  bodies: fuzzRuns(0.15),
  raw: fuzzRuns(0.25),
};

let stack: LocalStack;
let client: DynamoDBClient;
let baseline: Snapshot;
let apiKey = '';
let orderId = '';
let trackingCode = '';
/** A bare Node server: tells whether Node's HTTP parser accepts a raw request at all. */
let parserProbe: Server;
let parserProbeUrl = '';

beforeAll(async () => {
  const dynamoEndpoint = process.env.TEST_DYNAMO_ENDPOINT;
  if (!dynamoEndpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest');
  stack = await startLocalStack({ port: 0, dataDir: null, dynamoEndpoint, tableName: `fuzz-http-${randomUUID()}`, dropTableOnStop: true });
  client = new DynamoDBClient({});
  ({ apiKey } = await createTestStore('Fuzz HTTP Store'));
  const created = await fetch(`${stack.url}/v1/repairs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(newRepairBody()),
  });
  const order = (await created.json()) as { id: string; trackingCode: string };
  if (created.status !== 201) throw new Error(`fixture order: ${created.status} ${JSON.stringify(order)}`);
  ({ id: orderId, trackingCode } = order);
  // The notifier reacts to the new order (SMS marker): let it finish before taking the baseline.
  await stack.drainStream();
  baseline = await snapshot(client, stack.tableName);
  parserProbe = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  parserProbe.listen(0, '127.0.0.1');
  await once(parserProbe, 'listening');
  parserProbeUrl = `http://127.0.0.1:${(parserProbe.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  if (parserProbe) {
    parserProbe.closeAllConnections();
    await new Promise((resolve) => parserProbe.close(resolve));
  }
  await stack?.stop();
  client?.destroy();
});

// ---------------------------------------------------------------------------------------------
// Sending

interface Outgoing {
  method: string;
  /** Path and query, appended to the stack's origin. */
  target: string;
  headers: [string, string][];
  body: Uint8Array | string | null;
}

const lowerCaseHeaders = (entries: Iterable<[string, string | string[] | undefined]>) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
};

async function viaFetch(out: Outgoing): Promise<RawResponse> {
  const response = await fetch(`${stack.url}${out.target}`, {
    method: out.method,
    headers: out.headers,
    body: out.body ?? undefined,
    redirect: 'manual',
  });
  return { status: response.status, headers: lowerCaseHeaders(response.headers.entries()), body: await response.text() };
}

/** node:http sends the request target and header bytes as given (latin1 strings = raw bytes). */
function viaNodeHttp(out: Outgoing, base = stack.url): Promise<RawResponse> {
  const origin = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: origin.hostname, port: origin.port, method: out.method, path: out.target, headers: Object.fromEntries(out.headers), agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: lowerCaseHeaders(Object.entries(res.headers)), body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(out.body ?? undefined);
  });
}

/** What the stack sees as the request target once the client is done with it. */
const sentTarget = (out: Outgoing, raw: boolean) => (raw ? out.target : new URL(`${stack.url}${out.target}`).href.slice(stack.url.length));

/**
 * API Gateway's quota for the request line plus headers (REST APIs: 10 240 bytes); Node's own
 * parser refuses beyond 16 KB with a bare 431 before the stack sees the request.
 */
function withinGatewayLimits(out: Outgoing, raw: boolean): boolean {
  let size = Buffer.byteLength(`${out.method} ${sentTarget(out, raw)} HTTP/1.1\r\n`, 'latin1');
  for (const [name, value] of out.headers) size += name.length + Buffer.byteLength(value, raw ? 'latin1' : 'utf8') + 4;
  return size <= 10_240;
}

/** Whether Node's HTTP parser takes this raw request (else Node answers a bare 400 itself and no server code runs). */
async function nodeParses(out: Outgoing): Promise<boolean> {
  const response = await viaNodeHttp(out, parserProbeUrl).catch(() => null);
  return response?.status === 204;
}

/** The stack's own /_local admin routes are not the API (and not deployed): never aimed at. */
const aimsAtAdmin = (out: Outgoing, raw: boolean) => sentTarget(out, raw).startsWith('/_local/');

async function violationsOf(out: Outgoing, raw = false, extra?: (response: RawResponse) => string[]): Promise<string[]> {
  const response = await (raw ? viaNodeHttp(out) : viaFetch(out));
  let after = await snapshot(client, stack.tableName);
  let changes = diff(baseline, after);
  if (!isEmptyDiff(changes) && response.status < 400) {
    // A 2xx may write, and the notifier follows up on the stream: let it settle, then put the table back.
    await stack.drainStream();
    after = await snapshot(client, stack.tableName);
    changes = diff(baseline, after);
  }
  if (!isEmptyDiff(changes)) {
    await restore(client, stack.tableName, baseline, after);
    await stack.drainStream();
  }
  const violations = responseViolations(response, { bodyless: out.method === 'HEAD' });
  if (response.status >= 400 && response.status < 500 && !isEmptyDiff(changes)) {
    violations.push(`a ${response.status} wrote to the table: ${describeDiff(changes)}`);
  }
  if (extra) violations.push(...extra(response));
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Generators

const FETCH_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
/** Methods Node's HTTP parser knows (it refuses others before the stack sees them); fetch forbids TRACE. */
const RAW_METHODS = [...FETCH_METHODS, 'TRACE', 'PROPFIND', 'SEARCH', 'QUERY', 'PURGE', 'LINK', 'M-SEARCH', 'MKCOL', 'REPORT', 'SOURCE'] as const;

const BAD_PERCENT = ['%', '%%', '%E0%A4%A', '%E0%A4', '%C0%AF', '%C0%80', '%ED%A0%80', '%FF', '%zz', '%2', '%00', '%2e%2e', '%2F', '%5C', '%F0%9F%99', '%u00e9'];

/** A path segment: fixture ids, percent-encoded anything, broken percent-encoding, dot segments. */
const segmentArb = () =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(orderId, trackingCode, orderId.toLowerCase(), 'openapi.json', 'status', 'repairs', 'track') },
    { weight: 3, arbitrary: fuzzString.filter((s) => s.length > 0).map((s) => encodeURIComponent(s)) },
    { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...BAD_PERCENT), fc.string({ maxLength: 3 }).map(encodeURIComponent)), { minLength: 1, maxLength: 3 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.constantFrom('.', '..', '', ' ', '%20', '~', '!$&\'()*+,;=:@') },
  );

const queryArb = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'cursor', 'status', 'phoneLast4', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'), fuzzString), fuzzString), { maxLength: 4 })
        .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
    },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...BAD_PERCENT, 'limit=', 'limit=%', '=', '&', 'a=1', 'a=1&a=2', '__proto__=x', 'constructor'), { maxLength: 4 }).map((p) => `?${p.join('&')}`) },
    { weight: 1, arbitrary: fc.webQueryParameters().map((q) => `?${q}`) },
  );

/** Near misses and unknown paths: double slashes, bad encodings, dot segments, other versions. */
const offRoutePathArb = () =>
  fc.oneof(
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/', '/v1', '/v1/', '/v2/repairs', '/v1/repairs/', '/v1/repairs//status', '//v1/repairs', '/v1//repairs', '/V1/REPAIRS', '/v1/Repairs',
        '/v1/repairs/x/y/z', '/v1/repairs/x/status/', '/v1/openapi.json/', '/v1/openapi.json/x', '/v1/repairs/%E0%A4%A', '/v1/repairs/%',
        '/v1/repairs/%zz/status', '/v1/track/%C0%AF', '/v1/repairs/..%2F..%2Fetc', '/v1/repairs/%2e%2e', '/v1/track/%ED%A0%80', '/v1/repairs/%00',
        '//[', '//[::1', '//', '///', '//v1', '/v1/track/', '/v1/track//', '/v1/repairs/%F0%9F%99%82/status', '/v1/repairs/a%2Fb/status',
        '/favicon.ico', '/.env', '/v1/repairs.json', '/v1/repairs;a=b', '/v1/repairs/:id', '/v1/repairs/{id}',
      ),
    },
    { weight: 1, arbitrary: fc.webPath() },
    { weight: 2, arbitrary: fc.array(segmentArb(), { maxLength: 5 }).map((segments) => `/${segments.join('/')}`) },
  );

/**
 * Method and target: mostly a route of the table with a hostile segment (and, most often, the
 * route's own method, so the request gets past the router), else any method on an off-route path.
 */
const requestLineArb = (methods: readonly string[]) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...API_ROUTES), fc.option(fc.constantFrom(...methods), { freq: 4 }), segmentArb(), queryArb())
        .map(([route, method, segment, query]) => ({ method: method ?? route.method, target: route.path.replace(/\{\w+\}/g, segment) + query })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...methods), offRoutePathArb(), queryArb()).map(([method, path, query]) => ({ method, target: path + query })),
    },
  );

/** Authorization values fetch can carry (ByteString); `valid` marks the ones that name the real key. */
const authArb = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(`Bearer ${apiKey}`, `bearer ${apiKey}`, `BEARER ${apiKey}`, `Bearer\t${apiKey}`, `Bearer   ${apiKey}`).map((value) => ({ value, valid: true })) },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(
          `Bearer ${apiKey}x`, `Bearer ${apiKey.slice(0, -1)}`, `Bearer ${apiKey} ${apiKey}`, `Bearer ${apiKey.toUpperCase()}`, apiKey, `Token ${apiKey}`,
          `Basic ${Buffer.from(`user:${apiKey}`).toString('base64')}`, `Basic ${apiKey}`, 'Basic', 'Bearer', 'Bearer ', 'Bearer rt_', `Bearer ${'a'.repeat(7)}`,
          `Bearer ${'a'.repeat(8)}`, `Bearer ${'a'.repeat(512)}`, `Bearer ${'a'.repeat(513)}`, `Bearer ${'A'.repeat(10_000)}`, `Bearer ${'%'.repeat(100)}`,
          'Digest username="x", realm="y"', 'Bearer null', 'Bearer undefined', 'Bearer ,', `Bearer ${apiKey},Bearer ${apiKey}`, 'AWS4-HMAC-SHA256 Credential=x',
        )
        .map((value) => ({ value, valid: false })),
    },
    { weight: 3, arbitrary: headerValueAscii.map((v) => ({ value: `Bearer ${v}`, valid: false })) },
    { weight: 1, arbitrary: headerValueAscii.map((value) => ({ value, valid: false })) },
  );

/** Deterministic pseudo-random bytes (xorshift) from a seed: large random bodies that still replay and shrink by size. */
function pseudoRandomBytes(seed: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const bytesBodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer(), fc.constantFrom(4_096, 65_536, 1_000_000)).map(([seed, size]) => pseudoRandomBytes(seed, size)) },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), new Uint8Array([0xc3, 0x28]), new Uint8Array([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d])) },
);

const headerSafe = (s: string) => /^[\t\x20-\x7e]*$/.test(s);
const contentTypeArb = fc.option(contentTypeValue.filter((v) => headerSafe(v) && v.length <= 2_000), { nil: undefined });

const withoutBodyOnGet = (method: string, body: Uint8Array | string | null) => (method === 'GET' || method === 'HEAD' ? null : body);

// ---------------------------------------------------------------------------------------------

describe('the local HTTP stack under generated requests: no 5xx, 4xx are problem+json, a 4xx writes nothing', () => {
  test(
    'fetch: any method on generated paths and query strings (known routes with hostile segments, unknown paths, //, bad %-encoding)',
    async () => {
      const requestArb = fc
        .record({
          line: requestLineArb(FETCH_METHODS),
          auth: fc.oneof(
            { weight: 3, arbitrary: fc.constant(`Bearer ${apiKey}`) },
            { weight: 1, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: authArb().map((a) => a.value) },
          ),
          contentType: contentTypeArb,
          body: fc.oneof({ withCrossShrink: true }, fc.constant(null), anyBody),
        })
        .map(({ line: { method, target }, auth, contentType, body }): Outgoing => ({
          method,
          target,
          headers: [...(auth !== undefined ? [['authorization', auth] as [string, string]] : []), ...(contentType !== undefined ? [['content-type', contentType] as [string, string]] : [])],
          body: withoutBodyOnGet(method, body),
        }))
        .filter((out) => !aimsAtAdmin(out, false) && withinGatewayLimits(out, false));
      await fc.assert(
        fc.asyncProperty(requestArb, async (out) => {
          expect(await violationsOf(out)).toEqual([]);
        }),
        fuzzParameters(RUNS.anyPath),
      );
    },
    fuzzTimeout(RUNS.anyPath),
  );

  test(
    'fetch: PUT/DELETE/PATCH/OPTIONS/HEAD (and GET/POST swapped) on every route path',
    async () => {
      const requestArb = fc
        .record({
          template: fc.constantFrom(...new Set(API_ROUTES.map((r) => r.path))),
          method: fc.constantFrom(...FETCH_METHODS),
          auth: fc.boolean(),
          body: fc.oneof({ withCrossShrink: true }, fc.constant(null), anyBody),
        })
        .filter(({ template, method }) => !API_ROUTES.some((r) => r.path === template && r.method === method))
        .map(({ template, method, auth, body }): Outgoing => ({
          method,
          target: template.replace('{id}', orderId).replace('{trackingCode}', trackingCode),
          headers: auth ? [['authorization', `Bearer ${apiKey}`]] : [],
          body: withoutBodyOnGet(method, body),
        }));
      await fc.assert(
        fc.asyncProperty(requestArb, async (out) => {
          expect(await violationsOf(out)).toEqual([]);
        }),
        fuzzParameters(RUNS.methods),
      );
    },
    fuzzTimeout(RUNS.methods),
  );

  test(
    'fetch: missing and garbage Authorization on every protected route → 401 problem+json unless it names the real key',
    async () => {
      // The store routes, with a store key (the network routes' answers to keys are the authorization matrix's).
      const protectedRoutes = API_ROUTES.filter((r) => r.access === 'store');
      const requestArb = fc
        .record({
          route: fc.constantFrom(...protectedRoutes),
          auth: fc.option(authArb(), { nil: undefined }),
          body: fc.oneof({ withCrossShrink: true }, fc.constant(null), anyBody),
        })
        .map(({ route, auth, body }) => ({
          auth,
          out: {
            method: route.method,
            target: route.path.replace('{id}', orderId),
            headers: auth ? [['authorization', auth.value]] : [],
            body: withoutBodyOnGet(route.method, body),
          } as Outgoing,
        }))
        .filter(({ out }) => withinGatewayLimits(out, false));
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ auth, out }) => {
          const shouldBe401 = !auth?.valid;
          const violations = await violationsOf(out, false, (response) => {
            if (shouldBe401 && response.status !== 401) return [`a missing or wrong key got ${response.status}, want 401`];
            if (!shouldBe401 && (response.status === 401 || response.status === 403)) return [`the real key got ${response.status}`];
            return [];
          });
          expect(violations).toEqual([]);
        }),
        fuzzParameters(RUNS.auth),
      );
    },
    fuzzTimeout(RUNS.auth),
  );

  test(
    'fetch: random bytes and hostile text as bodies on the POST routes, with a valid key and any content-type',
    async () => {
      const postRoutes = API_ROUTES.filter((r) => r.method === 'POST');
      const requestArb = fc.record({
        route: fc.constantFrom(...postRoutes),
        body: fc.oneof({ withCrossShrink: true }, bytesBodyArb, anyBody),
        contentType: contentTypeArb,
      });
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ route, body, contentType }) => {
          const out: Outgoing = {
            method: 'POST',
            target: route.path.replace('{id}', orderId),
            headers: [['authorization', `Bearer ${apiKey}`], ...(contentType !== undefined ? [['content-type', contentType] as [string, string]] : [])],
            body,
          };
          expect(await violationsOf(out)).toEqual([]);
        }),
        fuzzParameters(RUNS.bodies),
      );
    },
    fuzzTimeout(RUNS.bodies),
  );

  test(
    'node:http: raw request targets, any method Node accepts, non-ASCII header bytes (unicode Bearer), bodies on GET',
    async () => {
      const utf8AsLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
      // Request-target bytes Node's parser accepts: printable ASCII, sent without any normalisation.
      const rawLine = fc.oneof(
        { weight: 3, arbitrary: requestLineArb(RAW_METHODS) },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.constantFrom(...RAW_METHODS), fc.string({ unit: fc.constantFrom(...'/.%\\?#&=;:@!$\'()*+,~-_[]{}|^`"<>aZ09'.split('')), minLength: 1, maxLength: 40 }))
            .map(([method, s]) => ({ method, target: s.startsWith('/') ? s : `/${s}` })),
        },
        {
          weight: 2,
          arbitrary: fc.tuple(
            fc.constantFrom(...RAW_METHODS),
            fc.constantFrom(
              '*', '//[', '//[::1', '//[/v1/repairs', '//%', '//user@host/v1/repairs', '//host:99999/v1/repairs', 'http://x/v1/repairs', 'http://[/v1/repairs', 'http://x:notaport/',
              '/v1/repairs/../repairs', '/v1/./repairs', '/v1/repairs/..\\..\\', '/v1\\repairs', '/v1/repairs/%E0%A4%A/status', '/v1/track/%', '/v1/repairs?limit=%',
              '/v1/repairs#frag', '/v1/repairs/x#/status', `/v1/repairs/${orderId}/status/..`, `/v1/repairs/${orderId}%2Fstatus`, `/v1/repairs//${orderId}`,
            ),
          ).map(([method, target]) => ({ method, target })),
        },
      );
      const rawAuth = fc.oneof(
        authArb().map((a) => a.value),
        fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `Bearer ${utf8AsLatin1(s)}`),
        fc.constantFrom('ключ-ключ-ключ', '🙂🙂🙂🙂🙂🙂🙂🙂', `${apiKey}é`, 'é'.repeat(5000)).map((s) => `Bearer ${utf8AsLatin1(s)}`),
        fc.constantFrom('\x80', '\xff\xfe', 'Bearer \xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0', `Bearer\xa0${apiKey}`, `Bearer ${apiKey}\xa0`),
      );
      const requestArb = fc
        .record({
          line: rawLine,
          auth: fc.oneof({ weight: 2, arbitrary: fc.constant(`Bearer ${apiKey}`) }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: rawAuth }),
          extra: fc.array(
            fc.tuple(
              fc.constantFrom('x-test', 'if-match', 'idempotency-key', 'content-type', 'accept', 'x-forwarded-for', 'constructor', '__proto__'),
              fc.oneof(headerValueAscii, fuzzString.map(utf8AsLatin1).map((v) => v.replace(/[\r\n\0]/g, ''))),
            ),
            { maxLength: 3 },
          ),
          body: fc.oneof({ withCrossShrink: true }, fc.constant(null), bytesBodyArb, anyBody),
        })
        .map(({ line: { method, target }, auth, extra, body }): Outgoing => ({
          method,
          target,
          headers: [...(auth !== undefined ? [['authorization', auth] as [string, string]] : []), ...extra.filter(([, v]) => /^[\t\x20-\x7e\x80-\xff]*$/.test(v))],
          // HEAD goes without a body, as clients send it; GET may carry one here (fetch refuses that).
          body: method === 'HEAD' ? null : body,
        }))
        .filter((out) => !aimsAtAdmin(out, true) && !/[^\x21-\x7e]/.test(out.target) && withinGatewayLimits(out, true));
      await fc.assert(
        fc.asyncProperty(requestArb, async (out) => {
          // Only requests Node's parser accepts reach any server code; the rest are Node's (not the API's) to refuse.
          fc.pre(await nodeParses(out));
          expect(await violationsOf(out, true)).toEqual([]);
        }),
        fuzzParameters(RUNS.raw),
      );
    },
    fuzzTimeout(RUNS.raw),
  );
});
