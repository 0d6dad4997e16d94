import { LANGUAGES } from '../shared/domain/vocabulary.js';
import { sum } from './dynamo-recorder.js';
import { benchPhone, repairBody, startBenchStack, type BenchStack } from './local.js';
import { LAMBDA_MEMORY_GB, PRICES } from './prices.js';
import type { BenchRow } from './table.js';

/** Two repairs per SMS language: the network's customers do not all read English. */
const REPAIRS = 2 * LANGUAGES.length;
const DAY = 86_400_000;

/** What the repairs used, counted as AWS bills it. */
interface Usage {
  apiRequests: number;
  lambdaInvocations: number;
  lambdaMs: number;
  readUnits: number;
  writeUnits: number;
  smsParts: number;
}

/**
 * What 1 000 completed repairs cost, from what a run of whole repairs really consumed: every
 * DynamoDB unit the API, the stream consumers and the jobs used (as DynamoDB Local counted them),
 * every request and invocation, every SMS part sent, priced with bench/prices.ts.
 * The repair: a walk-in screen repair opened with an Idempotency-Key, five moves to completed,
 * looked up twice by the store and tracked twice by the customer, one call-queue read and one
 * outcome for each of the two follow-up calls, the warranty reminder and expiry, and the SMS
 * that go with it all (received, ready for pickup, completed, warranty reminder).
 */
export async function run(): Promise<BenchRow[]> {
  // The authorizer runs on every request (no result cache): its reads and invocations are all counted.
  const bench = await startBenchStack({ authorizerCacheTtlMs: 0 });
  try {
    const usage = await completeRepairs(bench);
    const idle = await idleJobRuns(bench);
    return costRows(usage, idle);
  } finally {
    await bench.stop();
  }
}

async function completeRepairs(bench: BenchStack): Promise<Usage> {
  const { api, anon, recorder, stack } = bench;
  const usage: Usage = { apiRequests: 0, lambdaInvocations: 0, lambdaMs: 0, readUnits: 0, writeUnits: 0, smsParts: 0 };
  /** An API request: API Gateway, the authorizer (uncached: the worst case) and the route's function. */
  const request = async <T>(authenticated: boolean, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const reply = await call();
    usage.apiRequests += 1;
    usage.lambdaInvocations += authenticated ? 2 : 1;
    usage.lambdaMs += performance.now() - started;
    return reply;
  };
  /** One invocation of each stream consumer per change: no batching, the worst case. */
  const streamChanges = async (changes: number) => {
    const started = performance.now();
    await stack.drainStream();
    usage.lambdaInvocations += 2 * changes;
    usage.lambdaMs += performance.now() - started;
  };
  const job = async (name: string, at: Date) => {
    const started = performance.now();
    await anon.expect(200, 'POST', `/_local/schedules/${name}/run`, { time: at.toISOString() });
    usage.lambdaInvocations += 1;
    usage.lambdaMs += performance.now() - started;
  };

  recorder.take();
  const repairs = Array.from({ length: REPAIRS }, (_, i) => i);
  const orders: { id: string; trackingCode: string }[] = [];
  for (const i of repairs) {
    const body = repairBody(i, LANGUAGES[i % LANGUAGES.length]);
    const created = await request(true, () => api.expect(201, 'POST', '/v1/repairs', body, { 'idempotency-key': `bench-${i}` }));
    orders.push(created.body as { id: string; trackingCode: string });
  }
  await streamChanges(REPAIRS);
  for (const [step, status] of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed'].entries()) {
    for (const i of repairs) {
      await request(true, () => api.expect(200, 'POST', `/v1/repairs/${orders[i]!.id}/status`, { status }, { 'if-match': `"${step + 1}"` }));
      if (step % 2 === 0) await request(true, () => api.expect(200, 'GET', `/v1/repairs/${orders[i]!.id}`));
      if (step % 2 === 1) await request(false, () => anon.expect(200, 'GET', `/v1/track/${orders[i]!.trackingCode}?phoneLast4=${benchPhone(i).slice(-4)}`));
    }
    await streamChanges(REPAIRS);
  }
  for (const _ of repairs) await request(true, () => api.expect(200, 'GET', '/v1/repairs?limit=20'));

  const completedAt = Date.now();
  for (const days of [3, 90]) {
    await job('followups', new Date(completedAt + days * DAY + 60_000));
    const due = (await request(true, () => api.expect(200, 'GET', '/v1/follow-ups?state=due&limit=100'))).body.items as { id: string }[];
    if (due.length !== REPAIRS) throw new Error(`expected ${REPAIRS} due calls at +${days} d, got ${due.length}`);
    for (const call of due.slice(1)) await request(true, () => api.expect(200, 'GET', '/v1/follow-ups?state=due&limit=20'));
    for (const call of due) {
      await request(true, () => api.expect(200, 'POST', `/v1/follow-ups/${call.id}/outcome`, { reached: true, satisfied: true, rating: 5, resolved: true }));
    }
    await streamChanges(2 * REPAIRS);
  }
  // Every day around the reminder (7 days before the 90-day warranty ends) and the expiry.
  for (let day = 80; day <= 93; day++) {
    const at = new Date(completedAt + day * DAY);
    at.setUTCHours(6, 30, 0, 0);
    await job('warranty', at);
  }

  const { calls } = recorder.take();
  usage.readUnits = sum(calls.map((c) => c.readUnits));
  usage.writeUnits = sum(calls.map((c) => c.writeUnits));
  const sms = stack.inbox.list();
  const perRepair = 4;
  if (sms.length !== perRepair * REPAIRS) throw new Error(`expected ${perRepair * REPAIRS} SMS, got ${sms.length}`);
  usage.smsParts = sum(sms.map((m) => m.segments));
  return usage;
}

/** A scheduled run with nothing due: the fixed cost of the schedules, whatever the volume. */
async function idleJobRuns({ anon, recorder }: BenchStack): Promise<{ readUnits: number; ms: number; runsPerMonth: number }> {
  const runsPerMonth = 30 * (24 * 4 + 1 + 24 * 12); // followups every 15 min, warranty daily, SLA every 5 min
  recorder.take();
  const started = performance.now();
  const past = new Date('2020-01-01T00:00:00Z').toISOString();
  for (const name of ['followups', 'warranty', 'sla']) await anon.expect(200, 'POST', `/_local/schedules/${name}/run`, { time: past });
  const ms = (performance.now() - started) / 3;
  const readUnits = sum(recorder.take().calls.map((c) => c.readUnits)) / 3;
  return { readUnits, ms, runsPerMonth };
}

function costRows(usage: Usage, idle: { readUnits: number; ms: number; runsPerMonth: number }): BenchRow[] {
  const per1000 = (total: number) => (total / REPAIRS) * 1000;
  const lambdaGbSeconds = (usage.lambdaMs / 1000) * LAMBDA_MEMORY_GB;
  const lines = [
    { item: 'DynamoDB writes', usd: per1000(usage.writeUnits) * PRICES.dynamoWriteRequestUnit, note: `${(usage.writeUnits / REPAIRS).toFixed(1)} WRU per repair` },
    { item: 'DynamoDB reads', usd: per1000(usage.readUnits) * PRICES.dynamoReadRequestUnit, note: `${(usage.readUnits / REPAIRS).toFixed(1)} RRU per repair` },
    { item: 'API Gateway requests', usd: per1000(usage.apiRequests) * PRICES.apiGatewayRestRequest, note: `${(usage.apiRequests / REPAIRS).toFixed(1)} requests per repair` },
    { item: 'Lambda requests', usd: per1000(usage.lambdaInvocations) * PRICES.lambdaRequest, note: `${(usage.lambdaInvocations / REPAIRS).toFixed(1)} invocations per repair (authorizer uncached, stream unbatched)` },
    { item: 'Lambda compute', usd: per1000(lambdaGbSeconds) * PRICES.lambdaArmGbSecond, note: `${((lambdaGbSeconds / REPAIRS) * 1000).toFixed(0)} GB-ms per repair at ${LAMBDA_MEMORY_GB * 1024} MB, timed locally (DynamoDB Local is slower: an upper bound)` },
  ];
  const sms = { item: 'SMS (India)', usd: per1000(usage.smsParts) * PRICES.smsPartIndia, note: `${(usage.smsParts / REPAIRS).toFixed(2)} parts per repair: 4 SMS, languages mixed evenly; assumed price per part` };
  const platform = sum(lines.map((l) => l.usd));
  // All customers opted in to WhatsApp: the same 4 updates per repair as template messages, and
  // each message's delivery events (sent, delivered, read) each one invocation of the events
  // function with one strongly consistent GetItem (1 RRU) and one UpdateItem (1 WRU) of its record.
  const messagesPerRepair = 4;
  const eventsPerMessage = 3;
  const whatsappMessages = per1000(messagesPerRepair * REPAIRS);
  const events = whatsappMessages * eventsPerMessage;
  const whatsapp = {
    item: 'WhatsApp (India)',
    usd:
      whatsappMessages * (PRICES.whatsappAwsMessageFee + PRICES.whatsappUtilityIndia) +
      events * (PRICES.lambdaRequest + PRICES.dynamoReadRequestUnit + PRICES.dynamoWriteRequestUnit),
    note: `${messagesPerRepair} utility template messages per repair (AWS fee ${PRICES.whatsappAwsMessageFee} + Meta ${PRICES.whatsappUtilityIndia} USD each, assumed) and ${eventsPerMessage} delivery events each`,
  };
  const idleMonthly = idle.runsPerMonth * (idle.readUnits * PRICES.dynamoReadRequestUnit + PRICES.lambdaRequest + (idle.ms / 1000) * LAMBDA_MEMORY_GB * PRICES.lambdaArmGbSecond);
  const row = (item: string, usd: number, note: string, unit = 'USD / 1 000 repairs'): BenchRow => ({ section: 'cost', item, value: usd.toFixed(usd < 1 ? 4 : 2), unit, note });
  return [
    ...lines.map((l) => row(l.item, l.usd, l.note)),
    row('platform total (without SMS)', platform, `prices of ${PRICES.date}, us-east-1 list; DynamoDB Streams reads by Lambda are free`),
    row(sms.item, sms.usd, sms.note),
    row('total with SMS', platform + sms.usd, `${REPAIRS} complete repairs measured`),
    row(whatsapp.item, whatsapp.usd, whatsapp.note),
    row('total with everyone on WhatsApp', platform + whatsapp.usd, `vs SMS: ${(whatsapp.usd / sms.usd).toFixed(2)}× the messaging cost; SMS fallback for undeliverable numbers comes on top at the SMS price`),
    row('schedules, fixed', idleMonthly, `${idle.runsPerMonth} runs a month, ${idle.readUnits.toFixed(1)} RRU each when nothing is due`, 'USD / month'),
  ];
}
