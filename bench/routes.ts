import { describeCalls, sum, WRITES, type DynamoCall, type Recorded } from './dynamo-recorder.js';
import { benchPhone, repairBody, startBenchStack, type BenchStack } from './local.js';
import { httpClient, type Reply } from './http-client.js';
import { median, percentile, type BenchRow } from './table.js';
import { AUTHORIZER_CACHE_TTL_SECONDS } from '../functions/routes.js';
import { postPresignedForm, sampleImage } from '../local/photo-form.js';

/**
 * Measured requests per route, after WARMUP unmeasured ones: a warm container's steady state, as
 * a store's traffic meets it once the JIT has compiled the route's path (the first requests of a
 * container are what the cold-load rows measure).
 */
/** 500 a route: its p99 is then the 5th-worst request, not the 2nd-worst of 200 (one stray pause). */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
const WARMUP = 100;
/** Unmeasured orders created before any route is measured (the process's own warm-up). */
const PROCESS_WARMUP = 500;
/** Median overhead: 0.8 ms here, so the 1 ms promise holds on a slower machine. */
const OVERHEAD_TARGET_MS = 0.8;
const OVERHEAD_P99_TARGET_MS = 3;

interface Sample extends Recorded {
  totalMs: number;
}

interface Measured {
  label: string;
  samples: Sample[];
  /** Every request's calls, warm-up included: where the authorizer's few invocations show. */
  allCalls: DynamoCall[][];
  /** Sent with the store's API key (public routes and the hop are not). */
  authenticated: boolean;
}

/**
 * Every route through the local HTTP stack (HTTP server, API Gateway event, the real authorizer
 * with its answer cached per key for 5 minutes as the deployed stage does, middy, zod, the
 * handler) next to the DynamoDB calls that very request made, timed at the SDK.
 * The overhead (request time minus DynamoDB time) is the stack's own cost; DynamoDB Local is far
 * slower than DynamoDB, so the absolute latencies say little and the overhead says a lot.
 * The same requests give each operation's consumed capacity and its calls.
 */
export async function run(): Promise<BenchRow[]> {
  const bench = await startBenchStack();
  try {
    const pages: string[] = [];
    const measured = await measureAllRoutes(bench, pages);
    const [, hop, ...routes] = measured; // the process warm-up's calls count for the authorizer's row only
    return [hopRow(hop!), ...routes.flatMap(latencyRows), ...routes.map(capacityRow), authorizerRow(measured), pageWeightRow(pages)];
  } finally {
    await bench.stop();
  }
}

async function measureAllRoutes({ api, anon, recorder, stack }: BenchStack, pages: string[]): Promise<Measured[]> {
  const count = SAMPLES + WARMUP;
  const results: Measured[] = [];
  /**
   * Runs `request(i)` for every i, timing each round trip and collecting the DynamoDB calls it made.
   * `keepReplies`: the replies are returned for later steps (created orders, links, pages); others
   * are dropped with their bodies as they come (httpClient's withoutBodies), so 600 bodies of a
   * route (108 KB each for the document) neither pile up in the heap nor hold socket buffers, and
   * no collection of the bench's own garbage lands inside later requests.
   */
  const measure = async (label: string, request: (i: number) => Promise<Reply>, { anonymous = false, keepReplies = false } = {}): Promise<Reply[]> => {
    const authenticated = !anonymous;
    const samples: Sample[] = [];
    const replies: Reply[] = [];
    const allCalls: DynamoCall[][] = [];
    const requestAll = async () => {
      for (let i = 0; i < count; i++) {
        recorder.take();
        const reply = await request(i);
        const recorded = recorder.take();
        if (keepReplies) replies.push(reply);
        allCalls.push(recorded.calls);
        if (i >= WARMUP) samples.push({ totalMs: reply.roundTripMs, ...recorded });
      }
    };
    await (keepReplies ? requestAll() : api.withoutBodies(() => anon.withoutBodies(requestAll)));
    results.push({ label, samples, allCalls, authenticated });
    return replies;
  };
  const range = Array.from({ length: count }, (_, i) => i);

  // The process itself warms first (its young generation grows to its working size, the shared
  // pipeline is compiled): without this, the first route measured paid the process's own start.
  // Its calls are kept for the authorizer's row only: the key's first lookup happens here.
  const warmupCalls: DynamoCall[][] = [];
  for (let i = 0; i < PROCESS_WARMUP; i++) {
    recorder.take();
    await api.expect(201, 'POST', '/v1/repairs', repairBody(100_000 + i));
    warmupCalls.push(recorder.take().calls);
  }
  results.push({ label: 'process warm-up', samples: [], allCalls: warmupCalls, authenticated: true });

  // The floor under every route's Δ: one HTTP round trip to the local stack that runs no function.
  await measure('local HTTP hop (no function: 404)', () => anon.expect(404, 'GET', '/v1/no-such-route'), { anonymous: true });

  const created = await measure('POST /v1/repairs', (i) => api.expect(201, 'POST', '/v1/repairs', repairBody(i)), { keepReplies: true });
  const orders = created.map((r) => r.body as { id: string; trackingCode: string });
  await measure('GET /v1/repairs/{id}', (i) => api.expect(200, 'GET', `/v1/repairs/${orders[i]!.id}`));
  await measure('GET /v1/repairs', () => api.expect(200, 'GET', '/v1/repairs?limit=20'));
  const track = (i: number) => anon.expect(200, 'GET', `/v1/track/${orders[i]!.trackingCode}?phoneLast4=${benchPhone(i).slice(-4)}`);
  await measure('GET /v1/track/{trackingCode}', track, { anonymous: true });
  const move = (i: number, status: string, version: number) =>
    api.expect(200, 'POST', `/v1/repairs/${orders[i]!.id}/status`, { status }, { 'if-match': `"${version}"` });
  await measure('POST /v1/repairs/{id}/status', (i) => move(i, 'diagnosing', 1));
  // Quotes: HQ's price list (a screen price for the bench's model) and a programme, then one quote per order (its version 3).
  const hq = (await anon.expect(201, 'POST', '/_local/network-keys', { label: 'Bench HQ', scopes: ['prices:write'] })).body as { apiKey: string };
  const inr = (amount: string) => ({ amount, currency: 'INR' });
  const hqApi = httpClient(stack.url, hq.apiKey);
  await hqApi.expect(200, 'PUT', '/v1/network/prices', { items: [{ model: '*', category: 'screen', part: inr('4200.00'), labour: inr('600.00') }] });
  await hqApi.expect(201, 'POST', '/v1/network/programs', { kind: 'screen_discount', models: ['A78'], percentOff: 50, from: '2026-01-01', to: '2099-12-31' });
  hqApi.close();
  await measure('POST /v1/repairs/{id}/quote', (i) => api.expect(200, 'POST', `/v1/repairs/${orders[i]!.id}/quote`, {}, { 'if-match': '"2"' }));
  for (const i of range) {
    for (const [step, status] of ['in_repair', 'quality_check', 'ready_for_pickup'].entries()) await move(i, status, 3 + step);
  }
  await measure('POST /v1/repairs/{id}/status (completed)', (i) => move(i, 'completed', 6));

  // Three days on, every order's first follow-up call is due.
  await anon.expect(200, 'POST', '/_local/schedules/followups/run', { time: new Date(Date.now() + 3 * 86_400_000 + 60_000).toISOString() });
  const dueCalls = await listAll(api, '/v1/follow-ups?state=due');
  await measure('GET /v1/follow-ups', () => api.expect(200, 'GET', '/v1/follow-ups?state=due'));
  await measure('POST /v1/follow-ups/{id}/outcome', (i) =>
    api.expect(200, 'POST', `/v1/follow-ups/${dueCalls[i]!.id}/outcome`, { reached: true, satisfied: false, rating: 2, resolved: false }),
  );
  const escalations = await listAll(api, '/v1/escalations?state=open');
  await measure('GET /v1/escalations', () => api.expect(200, 'GET', '/v1/escalations?state=open'));
  await measure('POST /v1/escalations/{id}/resolve', (i) =>
    api.expect(200, 'POST', `/v1/escalations/${escalations[i]!.id}/resolve`, { resolution: 'Digitizer replaced' }),
  );
  const deviceId = (i: number) => repairBody(i).device.deviceId;
  await measure('GET /v1/warranties/{deviceId}', (i) => api.expect(200, 'GET', `/v1/warranties/${deviceId(i)}`));
  await measure('POST /v1/warranties', (i) =>
    api.expect(201, 'POST', '/v1/warranties', { deviceId: deviceId(i), kind: 'extended', startsAt: '2027-03-01', months: 12 }),
  );
  // The customer page: the lookup by code (303 to the page), the page of a completed repair (its
  // largest state: warranty, rating and problem forms), a problem reported from it.
  const lookups = await measure('POST /track', (i) => anon.expect(303, 'POST', '/track', new URLSearchParams({ code: orders[i]!.trackingCode, last4: benchPhone(i).slice(-4) })), { anonymous: true, keepReplies: true });
  const tokens = lookups.map((reply) => /r\/([A-Za-z0-9_-]{22})/.exec(String(reply.headers.location))?.[1] ?? '');
  const views = await measure('GET /r/{token}', (i) => anon.expect(200, 'GET', `/r/${tokens[i]}`), { anonymous: true, keepReplies: true });
  pages.push(...views.map((reply) => String(reply.body)));
  const csrf = (html: string) => /action="[^"]*\/problem"><input type="hidden" name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  await measure('POST /r/{token}/{action}', (i) => anon.expect(303, 'POST', `/r/${tokens[i]}/problem`, new URLSearchParams({ csrf: csrf(pages[i]!), problem: 'The screen flickers again' })), { anonymous: true });
  await stack.drainStream(); // the aggregator fills the day the metrics read
  const today = new Date().toISOString().slice(0, 10);
  await measure('GET /v1/metrics', () => api.expect(200, 'GET', `/v1/metrics?from=${today}&to=${today}`));
  await measure('GET /v1/store', () => api.expect(200, 'GET', '/v1/store'));
  await measure('PATCH /v1/store', (i) => api.expect(200, 'PATCH', '/v1/store', { followUpDays: [3, 90 + (i % 2)] }));
  await measure('GET /v1/openapi.json', () => anon.expect(200, 'GET', '/v1/openapi.json'), { anonymous: true });
  // Photos: one asked for on each order and uploaded (a small JPEG, checked in the background and
  // drained before the next measurement); each list then signs one download link.
  const asked = await measure('POST /v1/repairs/{id}/photos', (i) =>
    api.expect(201, 'POST', `/v1/repairs/${orders[i]!.id}/photos`, { stage: 'after', contentType: 'image/jpeg', sizeBytes: 2_048, customerVisible: true }),
  { keepReplies: true });
  for (const reply of asked) await postPresignedForm(reply.body.upload as { url: string; fields: Record<string, string> }, sampleImage('image/jpeg', 2_048), 'image/jpeg');
  await stack.photos.drain();
  await measure('GET /v1/repairs/{id}/photos', (i) => api.expect(200, 'GET', `/v1/repairs/${orders[i]!.id}/photos`));
  // Each device has its one order (repairBody): a page of one, from gsi5.
  await measure('GET /v1/devices/{deviceId}/history', (i) => api.expect(200, 'GET', `/v1/devices/${deviceId(i)}/history`));
  await measure('DELETE /v1/customers/{phone}/personal-data', (i) =>
    api.expect(200, 'DELETE', `/v1/customers/${encodeURIComponent(benchPhone(i))}/personal-data`),
  );
  return results;
}

async function listAll(api: BenchStack['api'], path: string): Promise<{ id: string }[]> {
  const items: { id: string }[] = [];
  let cursor: string | null = null;
  do {
    const reply: Reply = await api.expect(200, 'GET', `${path}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...(reply.body.items as { id: string }[]));
    cursor = reply.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

function hopRow({ label, samples }: Measured): BenchRow {
  const total = samples.map((s) => s.totalMs);
  return {
    section: 'route latency',
    item: label,
    value: median(total),
    unit: 'ms',
    note: `p99 ${percentile(total, 99).toFixed(2)} ms; part of every Δ below, and a hop API Gateway makes when deployed`,
  };
}

function latencyRows({ label, samples }: Measured): BenchRow[] {
  const total = samples.map((s) => s.totalMs);
  const dynamo = samples.map((s) => s.dynamoMs);
  const overhead = samples.map((s) => s.totalMs - s.dynamoMs);
  const p50Overhead = median(overhead);
  return [
    {
      section: 'route latency',
      item: `${label} p50`,
      value: median(total),
      baseline: median(dynamo),
      unit: 'ms',
      target: `Δ ≤ ${OVERHEAD_TARGET_MS}`,
      ok: p50Overhead <= OVERHEAD_TARGET_MS,
      note: `Δ median ${p50Overhead.toFixed(2)} ms (request − its DynamoDB and S3 calls)`,
    },
    {
      section: 'route latency',
      item: `${label} p99`,
      value: percentile(total, 99),
      baseline: percentile(dynamo, 99),
      unit: 'ms',
      target: `Δ ≤ ${OVERHEAD_P99_TARGET_MS}`,
      ok: percentile(overhead, 99) <= OVERHEAD_P99_TARGET_MS,
      note: `Δ p99 ${percentile(overhead, 99).toFixed(2)} ms`,
    },
  ];
}

/** The customer page's weight: HTML with its inline stylesheet, the whole page (nothing else loads), no JavaScript. */
const PAGE_WEIGHT_TARGET_BYTES = 30 * 1024;
function pageWeightRow(pages: string[]): BenchRow {
  const bytes = Math.max(...pages.map((html) => Buffer.byteLength(html)));
  const scripts = pages.some((html) => /<script/i.test(html));
  return {
    section: 'customer page',
    item: 'page weight (HTML + CSS, completed repair)',
    value: Math.round((bytes / 1024) * 10) / 10,
    unit: 'KB',
    target: '≤ 30, no JS',
    ok: bytes <= PAGE_WEIGHT_TARGET_BYTES && !scripts,
    note: `largest of ${pages.length} views, uncompressed; no script, no font, no other request`,
  };
}

/** The authorizer's key lookups over the whole run: one per key and cache period, not one per request. */
function authorizerRow(measured: Measured[]): BenchRow {
  const calls = measured.flatMap((m) => m.allCalls.flat()).filter((c) => c.authorizer);
  const lookups = calls.filter((c) => c.operation === 'GetItem');
  // lastUsedAt: at most one write per key per hour, on a cache miss (shared/usecases/access-keys.ts).
  const touches = calls.filter((c) => c.operation !== 'GetItem');
  const requests = sum(measured.filter((m) => m.authenticated).map((m) => m.allCalls.length));
  return {
    section: 'capacity',
    item: 'authorizer (API key → store)',
    value: `${fmt(lookups[0]?.readUnits ?? 0)} / ${fmt(sum(touches.map((c) => c.writeUnits)))}`,
    unit: 'RRU / WRU',
    note: `GetItem×1 per lookup; ${lookups.length} lookup(s) for ${requests} authenticated requests: the answer is cached per key for ${AUTHORIZER_CACHE_TTL_SECONDS} s, locally as deployed; ${touches.length} lastUsedAt write(s) over the run (at most one per key per hour)`,
  };
}

/** Read and write units of the route's own calls (the authorizer's key lookup is shown apart). */
function capacityRow({ label, samples }: Measured): BenchRow {
  const own = samples.map((s) => s.calls.filter((c) => !c.authorizer));
  const reads = median(own.map((calls) => sum(calls.map((c) => c.readUnits))));
  const writes = median(own.map((calls) => sum(calls.map((c) => c.writeUnits))));
  const typical = own[Math.floor(own.length / 2)] ?? [];
  const authorizer = samples[0]?.calls.find((c) => c.authorizer && c.operation === 'GetItem');
  const row: BenchRow = {
    section: 'capacity',
    item: label,
    value: `${fmt(reads)} / ${fmt(writes)}`,
    unit: 'RRU / WRU',
    note: `${describeCalls(typical)}${authorizer ? ` (+ authorizer GetItem ${fmt(authorizer.readUnits)} RRU)` : ''}`,
  };
  const target = CALL_TARGETS[label];
  return target ? { ...row, target: target.text, ok: own.every(target.holds) } : row;
}

const ops = (calls: DynamoCall[]) => calls.map((c) => c.operation);
const oneTransaction = (calls: DynamoCall[]) => ops(calls.filter((c) => WRITES.has(c.operation))).join() === 'TransactWriteItems';

/** The issue's targets on the shape of the work, checked on every measured request. */
const CALL_TARGETS: Record<string, { text: string; holds: (calls: DynamoCall[]) => boolean }> = {
  'POST /v1/repairs/{id}/status': { text: 'one transaction', holds: oneTransaction },
  'POST /v1/repairs/{id}/status (completed)': { text: 'one transaction', holds: oneTransaction },
  'GET /v1/repairs/{id}': { text: 'one Query', holds: (calls) => ops(calls).join() === 'Query' },
  'GET /v1/devices/{deviceId}/history': { text: 'one Query', holds: (calls) => ops(calls).join() === 'Query' },
  // The order (Query); store, price list (GetItem) with programmes and the device's warranties (Query) read at once; one transaction.
  'POST /v1/repairs/{id}/quote': {
    text: 'Query, then 2 GetItem + 2 Query at once, 1 transaction',
    holds: (calls) => ops(calls).sort().join() === ['GetItem', 'GetItem', 'Query', 'Query', 'Query', 'TransactWriteItems'].join(),
  },
  // The link's lookup and the order (its history and feedback) in one Query, its photos in another; a completed repair adds the granted warranty's Query.
  'GET /r/{token}': {
    text: 'GetItem + Query + photos Query (+ warranty Query)',
    holds: (calls) => ['GetItem,Query,Query', 'GetItem,Query,Query,Query'].includes(ops(calls).join()),
  },
};

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
