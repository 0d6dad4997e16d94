/**
 * Generators shared by the fuzz suites: hostile strings, ids, query strings, headers and bodies,
 * and *mostly valid* create/move bodies with one field mutated so the validators are exercised
 * below the top level. Everything a generator yields is something a client can really send
 * through API Gateway (well-formed strings in paths and headers; anything at all in JSON bodies).
 */
import fc from 'fast-check';
import { STATUSES } from '../../shared/domain/status.js';
import { CHANNELS, ISSUE_CATEGORIES, LANGUAGES } from '../../shared/domain/vocabulary.js';

export const DEFAULT_FUZZ_RUNS = 200;

/**
 * numRuns for one property. FUZZ_RUNS (default 200) is the number of cases per property, up to
 * the default; above it (`npm run fuzz` sets 10 000) each property runs FUZZ_RUNS × `weight`, a
 * share set by its cost per case, so the long run stays within ~10 minutes on 2 cores while
 * every property still gets hundreds to thousands of cases (the weights of both files sum to 2:
 * about 20 000 cases at FUZZ_RUNS=10000). Never fewer than min(FUZZ_RUNS, 200).
 */
export function fuzzRuns(weight = 1): number {
  const raw = Number(process.env.FUZZ_RUNS ?? DEFAULT_FUZZ_RUNS);
  if (!Number.isFinite(raw) || raw < 1) throw new Error(`FUZZ_RUNS must be a positive number, got ${process.env.FUZZ_RUNS}`);
  return Math.max(Math.min(Math.round(raw), DEFAULT_FUZZ_RUNS), Math.round(raw * weight));
}

/**
 * Per-test timeout that grows with the run count. Generous on purpose: it only has to catch a
 * hang, and a case costs ten times more on a loaded 2-core CI machine than alone.
 */
export function fuzzTimeout(runs: number, msPerCase = 1_000): number {
  return Math.max(180_000, runs * msPerCase);
}

/**
 * fast-check's parameters for a property of `runs` cases: it stops itself 20 s before the test's
 * timeout, as a failure. A failure found late shrinks until then and is reported with its
 * counterexample, rather than being cut off by jest's timeout while its cases keep running into
 * the next test's table.
 */
export function fuzzParameters(runs: number): fc.Parameters<unknown> {
  return { numRuns: runs, interruptAfterTimeLimit: fuzzTimeout(runs) - 20_000, markInterruptAsFailure: true };
}

// ---------------------------------------------------------------------------------------------
// Strings

/** Inputs that have broken parsers, routers, key builders and log lines before. */
export const NASTY = [
  '', ' ', '  ', '\t', '\n', '\r\n', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}',
  '../', '../../etc/passwd', '..%2F..%2F', '%00', '\u0000', '%', '%%', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%zz',
  '/', '//', '\\', '#', '?', '&', '=', ';', ',', '"', "'", '`', '<script>alert(1)</script>', "' OR '1'='1",
  '${jndi:ldap://x/a}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'ORDER#', 'ORDER#x#', 'STORE#', 'TRACK#', 'APIKEY#', 'IDEMPOTENCY', '*', '\u202e', '\ufeff', '\u00a0', '\u2028',
  'ß', 'İ', 'ﬃ', 'ǅ', '١٢٣٤', '１２３４', '🙂', '👩‍👩‍👧‍👦', 'e\u0301', 'Z̸̢̛̖͙̭̘͎͔͔̱̝̗̳̾̆̈́̔̈͒̆̍̂̑̕',
] as const;

const LONG_SIZES = [64, 65, 255, 256, 257, 512, 513, 2_000, 2_001, 10_000, 65_536] as const;
const LONG_CHARS = ['a', '9', 'é', '🙂', '/', '%', ' ', '#'] as const;

/** Long strings built by repetition (cheap to generate, still shrinkable by size and character). */
export const longString = fc
  .tuple(fc.constantFrom(...LONG_SIZES), fc.constantFrom(...LONG_CHARS))
  .map(([n, c]) => c.repeat(n));

/** Any well-formed string: ASCII, full Unicode, graphemes, the nasty list, combinations, long. */
export const fuzzString: fc.Arbitrary<string> = fc.oneof(
  { withCrossShrink: true },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...NASTY), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: longString },
);

/** Strings that may hold lone surrogates: legal in JSON text as \ud800 escapes. */
export const jsonOnlyString: fc.Arbitrary<string> = fc.oneof(
  fuzzString,
  fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\ud83d', 'x'.repeat(5) + '\ud800'),
);

/** Header-safe subset for fetch (ByteString without CR/LF/NUL); unicode goes through node:http as raw bytes. */
export const headerValueAscii = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.constantFrom('', ' ', '""', '"', '*', ',', 'W/', '%00', '../', 'null', 'undefined', '0', '-1'),
  longString.map((s) => s.replace(/[^\x20-\x7e]/g, 'x')),
);

// ---------------------------------------------------------------------------------------------
// Numbers and JSON values

/** Numbers that JSON can carry and that have broken stores and validators (DynamoDB's range is 1e-130..1e126). */
export const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1.5, 5e-324, 1e-131, 1e-130, 2.2250738585072014e-308, 1e-7, 20000, 20000.000001, 19999.999999999, 1e126, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 4294967296, 0.1 + 0.2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

export const anyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { withCrossShrink: true },
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: edgeNumber },
  { weight: 2, arbitrary: jsonOnlyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': null }, JSON.parse('{"__proto__":null}') as unknown) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }).map((v) => jsonRoundTrip(v)) },
);

function jsonRoundTrip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/** Nested arrays/objects far deeper than any schema: checks the parser and validator do not blow the stack. */
export const deepJson = fc
  .tuple(fc.constantFrom(10, 100, 1_000, 10_000, 100_000), fc.constantFrom('array', 'object', 'mixed', 'unbalanced'))
  .map(([depth, kind]) => {
    switch (kind) {
      case 'array':
        return '['.repeat(depth) + ']'.repeat(depth);
      case 'object':
        return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      case 'mixed':
        return '{"customer":' + '[{"name":'.repeat(depth) + '"x"' + '}]'.repeat(depth) + '}';
      default:
        return '['.repeat(depth);
    }
  });

/** Request bodies: valid JSON of any shape, wrong top-level types, deep, huge, not JSON at all, empty. */
export const anyBody: fc.Arbitrary<string | null> = fc.oneof(
  { withCrossShrink: true },
  { weight: 2, arbitrary: fc.constantFrom(null, '', ' ', '\n', 'null', 'true', '0', '-1', '1e309', '"x"', '[]', '{}', '[{}]', '{"":""}') },
  { weight: 4, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3, stringUnit: 'binary' }) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? null) },
  { weight: 2, arbitrary: fc.array(anyJsonValue, { maxLength: 5 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fuzzString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{', '}', '{"channel":', "{'channel':'walk_in'}", '{"a":1,}', '{"a":1}{"b":2}', 'NaN', 'Infinity', 'undefined',
      '\ufeff{}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
      '{"a":1e99999}', '{"a":-0}', '<xml/>', 'channel=walk_in&customer=x', '--boundary\r\nContent-Disposition: form-data\r\n\r\nx',
    ),
  },
  { weight: 1, arbitrary: deepJson },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(100_000, 1_000_000), fc.constantFrom('a', 'é', '🙂', '\u0000', '"'))
      // ~n bytes of JSON text whatever the character costs once escaped.
      .map(([n, c]) => JSON.stringify({ channel: 'walk_in', issue: { description: c.repeat(Math.floor(n / (JSON.stringify(c).length - 2))) } })),
  },
  { weight: 1, arbitrary: longString },
);

// ---------------------------------------------------------------------------------------------
// Headers

export const ifMatchValue = fc.oneof(
  fc.constantFrom('"1"', '"2"', '"3"', 'W/"1"', '*', ' * ', '1', '"0"', '"-1"', '"1.5"', '""', '"', 'W/', 'W/""', '"1", "2"',
    '"999999999999999"', '"9999999999999999"', '"1e3"', '"abc"', ' "1" ', '"١"', 'null'),
  fc.nat().map((n) => `"${n}"`),
  fuzzString,
);

export const idempotencyKeyValue = fc.oneof(
  fc.constantFrom(0, 1, 254, 255, 256, 10_000).map((n) => 'k'.repeat(n)),
  fc.constantFrom(255, 256).map((n) => '🙂'.repeat(Math.ceil(n / 2))),
  fc.uuid(),
  fuzzString,
);

export const contentTypeValue = fc.oneof(
  fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain',
    'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', 'application/xml',
    '*/*', '', 'application/octet-stream', 'APPLICATION/JSON'),
  fuzzString,
);

export type HeaderMap = Record<string, string>;

/** Random, missing and extra headers, in any letter case (API Gateway passes names through as sent). */
export const headersArb: fc.Arbitrary<HeaderMap> = fc
  .record(
    {
      ifMatch: fc.tuple(fc.constantFrom('If-Match', 'if-match', 'IF-MATCH'), ifMatchValue),
      idempotencyKey: fc.tuple(fc.constantFrom('Idempotency-Key', 'idempotency-key', 'IDEMPOTENCY-KEY'), idempotencyKeyValue),
      contentType: fc.tuple(fc.constantFrom('Content-Type', 'content-type'), contentTypeValue),
      extra: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('Accept', 'Content-Length', 'Content-Encoding', 'Transfer-Encoding', 'X-Forwarded-For', 'Authorization', 'Cookie',
              'X-Amzn-Trace-Id', 'Host', 'Origin', '__proto__', 'constructor', 'If-None-Match', 'Prefer'),
            fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }),
          ),
          fuzzString,
        ),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: ['extra'] },
  )
  .map(({ ifMatch, idempotencyKey, contentType, extra }) => {
    const headers: HeaderMap = {};
    for (const [name, value] of [...extra, ...[ifMatch, idempotencyKey, contentType].filter((h) => h !== undefined)]) {
      Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return headers;
  });

// ---------------------------------------------------------------------------------------------
// Query strings

export type QueryPairs = [string, string][];

export const limitValue = fc.oneof(
  fc.constantFrom('0', '1', '20', '100', '101', '-1', '+5', '1.5', '1e2', '', ' 5', '5 ', '0x10', '010', '00000000000000000000001',
    '99999999999999999999999', '١', '１', 'Infinity', 'NaN', 'null', '[]'),
  fc.integer().map(String),
  fc.double().map(String),
  fuzzString,
);

export const statusValue = fc.oneof(
  fc.constantFrom(...STATUSES),
  fc.constantFrom(...STATUSES).map((s) => s.toUpperCase()),
  fc.constantFrom(...STATUSES).map((s) => ` ${s}`),
  fuzzString,
);

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Cursors: forged positions (right shape, wrong content), wrong shapes, not base64 at all. */
export const cursorValue = (realCursors: readonly string[]) =>
  fc.oneof(
    ...(realCursors.length ? [fc.constantFrom(...realCursors)] : []),
    fc.record({ s: fuzzString, id: fuzzString }).map((p) => base64url(JSON.stringify(p))),
    fc.record({ s: fc.string({ minLength: 1, maxLength: 200 }), id: fc.string({ minLength: 1, maxLength: 64 }) }).map((p) => base64url(JSON.stringify(p))),
    fc.record({ s: fc.date({ noInvalidDate: true }).map((d) => `${d.toISOString()}#${'0'.repeat(26)}`), id: fc.ulid() }).map((p) => base64url(JSON.stringify(p))),
    anyJsonValue.map((v) => base64url(JSON.stringify(v) ?? 'null')),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
    fuzzString,
  );

export const phoneLast4Value = (real: readonly string[]) =>
  fc.oneof(
    ...(real.length ? [fc.constantFrom(...real)] : []),
    fc.stringMatching(/^\d{4}$/),
    fc.constantFrom('', '000', '00000', '12 4', '１２３４', '١٢٣٤', '-123', '12.4', '+1234'),
    fuzzString,
  );

/** Query strings as ordered pairs: known keys with hostile values, unknown keys, repeated keys. */
export const queryPairs = (realCursors: readonly string[], realLast4: readonly string[]): fc.Arbitrary<QueryPairs> =>
  fc.array(
    fc.oneof(
      fc.tuple(fc.constant('limit'), limitValue),
      fc.tuple(fc.constant('cursor'), cursorValue(realCursors)),
      fc.tuple(fc.constant('status'), statusValue),
      fc.tuple(fc.constant('phoneLast4'), phoneLast4Value(realLast4)),
      fc.tuple(fc.constantFrom('LIMIT', 'Limit', 'state', 'from', 'to', 'storeId', '__proto__', 'constructor', 'limit[]', ''), fuzzString),
      fc.tuple(fuzzString, fuzzString),
    ),
    { maxLength: 6 },
  );

// ---------------------------------------------------------------------------------------------
// Mostly valid bodies, one field mutated

const trimmedText = (max: number) =>
  fc
    .string({ unit: fc.oneof(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC'.split('')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: Math.min(max, 40) })
    .filter((s) => s.trim().length > 0 && s.length <= max);

const pastDate = fc
  // Up to two days ago, whatever today is: a purchase date must not be in the future.
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date(Date.now() - 2 * 86_400_000), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const validMoney = fc.record({
  amount: fc.oneof(fc.constantFrom('0', '0.5', '1499.00', '9999999999.99'), fc.stringMatching(/^(0|[1-9]\d{0,9})(\.\d{1,2})?$/)),
  currency: fc.constantFrom('INR', 'USD', 'EUR'),
});

/** A create body the contract accepts (on_site carries distanceKm, the range 0–20000 the schema allows). */
export const validCreateBody: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      channel: fc.constantFrom(...CHANNELS),
      customer: fc.record({
        name: trimmedText(200),
        phone: fc.stringMatching(/^\+[1-9]\d{6,14}$/),
        language: fc.constantFrom(...LANGUAGES),
        smsOptIn: fc.boolean(),
      }),
      device: fc.record(
        {
          brand: trimmedText(100),
          model: trimmedText(100),
          deviceId: fc.stringMatching(/^[A-Za-z0-9]{6,32}$/),
          purchaseDate: pastDate,
        },
        { requiredKeys: ['brand', 'model'] },
      ),
      issue: fc.record({ category: fc.constantFrom(...ISSUE_CATEGORIES), description: trimmedText(2000) }),
      estimate: validMoney,
      dataBackupRequested: fc.boolean(),
      distanceKm: fc.oneof(fc.double({ min: 0, max: 20000, noNaN: true }), fc.integer({ min: 0, max: 20000 })),
      overseas: fc.boolean(),
    },
    { requiredKeys: ['channel', 'customer', 'device', 'issue'] },
  )
  .map((body) => {
    if (body.channel === 'on_site' && body.distanceKm === undefined) return { ...body, distanceKm: 12 };
    return body;
  });

/** Every field of the create body, nested ones included, as paths into the object. */
export const CREATE_FIELDS: readonly (readonly string[])[] = [
  ['channel'], ['customer'], ['customer', 'name'], ['customer', 'phone'], ['customer', 'language'], ['customer', 'smsOptIn'],
  ['device'], ['device', 'brand'], ['device', 'model'], ['device', 'deviceId'], ['device', 'purchaseDate'],
  ['issue'], ['issue', 'category'], ['issue', 'description'],
  ['estimate'], ['estimate', 'amount'], ['estimate', 'currency'],
  ['dataBackupRequested'], ['distanceKm'], ['overseas'],
];

export const MOVE_FIELDS: readonly (readonly string[])[] = [
  ['status'], ['note'], ['reason'], ['estimate'], ['estimate', 'amount'], ['estimate', 'currency'],
];

/** Values aimed at a field: wrong types, edge numbers, near-miss formats, huge strings, nested junk. */
export const fieldValue = fc.oneof(
  { withCrossShrink: true },
  { weight: 3, arbitrary: anyJsonValue },
  { weight: 2, arbitrary: edgeNumber },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'walk_in ', 'WALK_IN', 'mail-in', 'on_site\u0000', '+91 98123 45678', '919812345678', '+0123456789', '+١٢٣٤٥٦٧٨', '+9198123456789012',
      'HI', 'en-US', 'xx', '2026-02-30', '2026-13-01', '99999-01-01', '2999-01-01', '2026-1-1', '20260101', '1499', '1499.001', '-1.00',
      '01499.00', '1,499.00', 'inr', 'RUPEE', '', ' ', '\u3000', 'a'.repeat(201), 'a'.repeat(2001), '35693803564380!', '12345', 'A'.repeat(33),
      'received', 'cancelled', 'completed', 'CANCELLED', 'true', 'null', '0',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 100_000, 1_000_000).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.dictionary(fuzzString, anyJsonValue, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(anyJsonValue, { maxLength: 4 }) },
);

export type Mutation =
  | { kind: 'set'; path: readonly string[]; value: unknown }
  | { kind: 'delete'; path: readonly string[] }
  | { kind: 'extra'; at: readonly string[]; key: string; value: unknown }
  | { kind: 'none' };

const EXTRA_KEYS = ['storeId', 'status', 'version', 'id', 'trackingCode', 'createdAt', 'history', 'underWarranty', 'reworkOf', 'promisedBy', '__proto__', 'constructor'];

export const mutation = (fields: readonly (readonly string[])[], containers: readonly (readonly string[])[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    // 'none' first: a failure that does not need the mutation shrinks to the untouched valid body.
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...fields), value: fieldValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...fields) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        at: fc.constantFrom(...containers),
        key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fuzzString),
        value: anyJsonValue,
      }),
    },
  );

/** Applies a mutation to a deep copy; own properties only (a "__proto__" key stays a key, as JSON.parse makes it). */
export function mutate(body: Record<string, unknown>, m: Mutation): unknown {
  const copy = structuredClone(body);
  if (m.kind === 'none') return copy;
  const path = m.kind === 'extra' ? [...m.at, m.key] : m.path;
  let target: unknown = copy;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(target as object, key) ? (target as Record<string, unknown>)[key] : undefined;
    if (next === null || typeof next !== 'object') {
      if (m.kind === 'delete') return copy;
      // The parent is absent (optional field not generated): create it so the mutation still lands.
      const created = {};
      Object.defineProperty(target, key, { value: created, enumerable: true, writable: true, configurable: true });
      target = created;
    } else {
      target = next;
    }
  }
  const last = path[path.length - 1] as string;
  if (m.kind === 'delete') delete (target as Record<string, unknown>)[last];
  else Object.defineProperty(target, last, { value: m.value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export const validMoveBody = fc.record(
  {
    status: fc.constantFrom(...STATUSES),
    note: trimmedText(1000),
    reason: trimmedText(500),
    estimate: validMoney,
  },
  { requiredKeys: ['status'] },
);
