import { describeCalls, sum, WRITES, type DynamoCall, type Recorded } from './dynamo-recorder.js';
import { benchPhone, repairBody, startBenchStack, type BenchStack } from './local.js';
import type { Reply } from './http-client.js';
import { median, percentile, type BenchRow } from './table.js';
import { AUTHORIZER_CACHE_TTL_SECONDS } from '../functions/routes.js';

/**
 * Measured requests per route, after WARMUP unmeasured ones: a warm container's steady state, as
 * a store's traffic meets it once the JIT has compiled the route's path (the first requests of a
 * container are what the cold-load rows measure).
 */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = 50;
const OVERHEAD_TARGET_MS = 1;

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
    const measured = await measureAllRoutes(bench);
    const [hop, ...routes] = measured;
    return [hopRow(hop!), ...routes.flatMap(latencyRows), ...routes.map(capacityRow), authorizerRow(measured)];
  } finally {
    await bench.stop();
  }
}

async function measureAllRoutes({ api, anon, recorder, stack }: BenchStack): Promise<Measured[]> {
  const count = SAMPLES + WARMUP;
  const results: Measured[] = [];
  /** Runs `request(i)` for every i, timing each round trip and collecting the DynamoDB calls it made. */
  const measure = async (label: string, request: (i: number) => Promise<Reply>, authenticated = true): Promise<Reply[]> => {
    const samples: Sample[] = [];
    const replies: Reply[] = [];
    const allCalls: DynamoCall[][] = [];
    for (let i = 0; i < count; i++) {
      recorder.take();
      const reply = await request(i);
      const recorded = recorder.take();
      replies.push(reply);
      allCalls.push(recorded.calls);
      if (i >= WARMUP) samples.push({ totalMs: reply.roundTripMs, ...recorded });
    }
    results.push({ label, samples, allCalls, authenticated });
    return replies;
  };
  const range = Array.from({ length: count }, (_, i) => i);

  // The floor under every route's Δ: one HTTP round trip to the local stack that runs no function.
  await measure('local HTTP hop (no function: 404)', () => anon.expect(404, 'GET', '/v1/no-such-route'), false);

  const created = await measure('POST /v1/repairs', (i) => api.expect(201, 'POST', '/v1/repairs', repairBody(i)));
  const orders = created.map((r) => r.body as { id: string; trackingCode: string });
  await measure('GET /v1/repairs/{id}', (i) => api.expect(200, 'GET', `/v1/repairs/${orders[i]!.id}`));
  await measure('GET /v1/repairs', () => api.expect(200, 'GET', '/v1/repairs?limit=20'));
  const track = (i: number) => anon.expect(200, 'GET', `/v1/track/${orders[i]!.trackingCode}?phoneLast4=${benchPhone(i).slice(-4)}`);
  await measure('GET /v1/track/{trackingCode}', track, false);
  const move = (i: number, status: string, version: number) =>
    api.expect(200, 'POST', `/v1/repairs/${orders[i]!.id}/status`, { status }, { 'if-match': `"${version}"` });
  await measure('POST /v1/repairs/{id}/status', (i) => move(i, 'diagnosing', 1));
  for (const i of range) {
    for (const [step, status] of ['in_repair', 'quality_check', 'ready_for_pickup'].entries()) await move(i, status, 2 + step);
  }
  await measure('POST /v1/repairs/{id}/status (completed)', (i) => move(i, 'completed', 5));

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
  await stack.drainStream(); // the aggregator fills the day the metrics read
  const today = new Date().toISOString().slice(0, 10);
  await measure('GET /v1/metrics', () => api.expect(200, 'GET', `/v1/metrics?from=${today}&to=${today}`));
  await measure('GET /v1/store', () => api.expect(200, 'GET', '/v1/store'));
  await measure('PATCH /v1/store', (i) => api.expect(200, 'PATCH', '/v1/store', { followUpDays: [3, 90 + (i % 2)] }));
  await measure('GET /v1/openapi.json', () => anon.expect(200, 'GET', '/v1/openapi.json'), false);
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
      note: `Δ median ${p50Overhead.toFixed(2)} ms (request − its DynamoDB calls)`,
    },
    {
      section: 'route latency',
      item: `${label} p99`,
      value: percentile(total, 99),
      baseline: percentile(dynamo, 99),
      unit: 'ms',
      note: `Δ p99 ${percentile(overhead, 99).toFixed(2)} ms`,
    },
  ];
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
};

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
