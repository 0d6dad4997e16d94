/**
 * The IAM grants (infra/table-access.ts) against what the code really calls. DynamoDB Local does
 * not check IAM, so a handler that starts calling e.g. Query without the grant passes every other
 * test and fails on AWS. Here every function runs for real on the local stack, one at a time, with
 * the bench's recorder on the handlers' DynamoDB client: each call is attributed to the function
 * that made it (the authorizer's API-key GetItem apart) and must be covered by that function's
 * grant. Granted permissions no call needed are printed, and fail unless the function is listed in
 * REPORTED_ONLY: the scenario drives every storage path of the others, so an unused grant there
 * is an over-grant (or a path this file should learn to drive).
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { describeCalls, iamNeeds, type DynamoCall } from '../../bench/dynamo-recorder.js';
import { httpClient, type HttpClient } from '../../bench/http-client.js';
import { startBenchStack, type BenchStack } from '../../bench/local.js';
import { API_ROUTES } from '../../functions/routes.js';
import { compile, findRoute, lambdaContext } from '../../local/api-gateway.js';
import { StreamPoller } from '../../local/stream-poller.js';
import { addDays, localDate, zonedInstant } from '../../shared/domain/calendar.js';
import { expiryAt, reminderDueAt } from '../../shared/domain/warranty.js';
import { keys } from '../../shared/store/keys.js';
import { functionGrants, ungranted, unexercised } from '../support/iam-grants.js';
import { imageBytes, uploadWithForm } from '../support/s3.js';
import { pageFormFields } from '../support/page-forms.js';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const MINUTE = 60_000;
const DAY = 86_400_000;
const STORE_TIMEZONE = 'Asia/Kolkata'; // the bench store's
const A_PHONE = '+919845200001';

/**
 * Functions whose unused grants are only printed, each with the reason: a grant needed only on a
 * path the scenario cannot take without injecting faults. None today: the paths it does not take
 * (Powertools' GetItem fallback when DynamoDB returns no ALL_OLD, the SMS claim's release after a
 * failed publish, the retries after a lost race or a tracking-code clash) only repeat actions
 * their function also needs on paths it does take.
 */
const REPORTED_ONLY: Readonly<Record<string, string>> = {};

const grants = functionGrants();
const calls = new Map<string, DynamoCall[]>([...grants.keys()].map((name) => [name, []]));
/** Functions the scenario ran (a route without table access shows here, and makes no call). */
const driven = new Set<string>();
const routes = API_ROUTES.map((route) => compile(route, async () => ({ statusCode: 500, body: '' })));

let bench: BenchStack;
let admin: DynamoDBDocumentClient;
let consumers: Record<'notifier' | 'aggregator', { poller: StreamPoller; delivered: number }>;

/** Runs `work` as function `name`: every DynamoDB call meanwhile is its own, but the authorizer's key lookup. */
async function as<T>(name: string, work: () => Promise<T>): Promise<T> {
  // Nothing runs in the background (no timers, no pollers of the stack's own): a stray call would blur attribution.
  expect(describeCalls(bench.recorder.take().calls)).toBe('none');
  const result = await work();
  driven.add(name);
  for (const call of bench.recorder.take().calls) {
    const caller = call.authorizer ? 'authorizer' : name;
    driven.add(caller);
    calls.get(caller)!.push(call);
  }
  return result;
}

/** One API request, attributed to its route's handler; public routes go without the key. */
async function api(expected: number, method: string, path: string, body?: unknown, headers?: Record<string, string>, client?: HttpClient) {
  const url = new URL(path, 'http://localhost');
  const found = findRoute(routes, url.pathname, method);
  if (typeof found === 'string') throw new Error(`no route for ${method} ${url.pathname}: ${found}`);
  const { route } = found.compiled;
  return as(route.handler, () => (client ?? (route.access === 'public' ? bench.anon : bench.api)).expect(expected, method, path, body, headers));
}

/** One run of a job as if at `time`, through the local schedule route; each run here has due work, and none of it fails. */
async function runJob(job: string, time: number): Promise<void> {
  const run = await as(`job ${job}`, () => bench.anon.expect(200, 'POST', `/_local/schedules/${job}/run`, { time: new Date(time).toISOString() }));
  expect({ job, found: run.body.examined > 0, failed: run.body.failed }).toEqual({ job, found: true, failed: 0 });
}

/** Everything on the stream so far to one consumer, then to the other: each one's calls are its own. */
async function drainStream(): Promise<void> {
  for (const name of ['notifier', 'aggregator'] as const) {
    const consumer = consumers[name];
    await as(name, async () => {
      for (let pass = 0; pass < 20; pass++) {
        const before = consumer.delivered;
        await consumer.poller.drain();
        if (consumer.delivered === before) return;
      }
      throw new Error(`${name}: the stream did not run dry`);
    });
    expect(consumer.poller.deadLetters).toEqual([]);
  }
}

/** The Powertools records (pk IDEMPOTENCY), read with the test's own client (not recorded). */
async function idempotencyRecordKeys(): Promise<string[]> {
  const page = await admin.send(new QueryCommand({ TableName: bench.stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.idempotencyRecords }, ConsistentRead: true }));
  return (page.Items ?? []).map((item) => String(item.sk));
}

/** An order's customer page: its token (read with the test's own client) and the hidden fields of each form, from the page itself. */
async function customerPage(orderId: string) {
  const stored = await admin.send(new GetCommand({ TableName: bench.stack.tableName, Key: keys.order(orderId), ConsistentRead: true }));
  const token = String(stored.Item?.pageToken);
  const html = String((await api(200, 'GET', `/r/${token}`)).body);
  const form = (action: string) => pageFormFields(html, action);
  return { token, form };
}

const repair = (phone: string, deviceId: string | undefined, smsOptIn = true) => ({
  channel: 'walk_in',
  customer: { name: 'Kavya Menon', phone, language: 'en', smsOptIn },
  device: { brand: 'OPPO', model: 'A78', ...(deviceId && { deviceId }), purchaseDate: '2026-03-01' },
  issue: { category: 'screen', description: 'Cracked screen after a drop' },
});

beforeAll(async () => {
  const dynamoEndpoint = process.env.TEST_DYNAMO_ENDPOINT;
  if (!dynamoEndpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest');
  bench = await startBenchStack({ dynamoEndpoint, dropTableOnStop: true, photoChecks: 'on-drain' });
  admin = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  // One poller per consumer, as Lambda has one event source mapping each, so their calls never mix.
  const consumer = async (name: 'notifier' | 'aggregator') => {
    const { handler } = (await import(`../../functions/${name}.js`)) as { handler: StreamHandler };
    const entry = { poller: undefined as unknown as StreamPoller, delivered: 0 };
    entry.poller = new StreamPoller(bench.stack.tableName, (event, context) => {
      entry.delivered += event.Records.length;
      return handler(event, context);
    }, () => lambdaContext(name));
    await entry.poller.start({ autoPoll: false });
    return entry;
  };
  consumers = { notifier: await consumer('notifier'), aggregator: await consumer('aggregator') };
  await driveEveryFunction();
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(consumers ?? {}).map((c) => c.poller.stop()));
  await bench?.stop();
  admin?.destroy();
});

/** Every route (with the error paths that touch storage differently), both stream consumers and the three jobs. */
async function driveEveryFunction(): Promise<void> {
  const start = Date.now();
  await api(200, 'GET', '/v1/store');
  await api(200, 'PATCH', '/v1/store', { followUpDays: [3, 90] });
  const stranger = httpClient(bench.stack.url, 'rt_not-a-key-of-any-store');
  await api(401, 'GET', '/v1/store', undefined, undefined, stranger);
  stranger.close();
  await api(200, 'GET', '/v1/openapi.json');

  // A: created with an Idempotency-Key, completed (follow-ups, repair warranty), escalated, erased.
  const a = { phone: A_PHONE, device: '356938035000011' };
  const keyA = { 'idempotency-key': 'iam-a' };
  const orderA = (await api(201, 'POST', '/v1/repairs', repair(a.phone, a.device), keyA)).body as { id: string; trackingCode: string };
  await api(201, 'POST', '/v1/repairs', repair(a.phone, a.device), keyA); // replay
  await api(422, 'POST', '/v1/repairs', repair(a.phone, `${a.device.slice(0, -1)}9`), keyA); // another body
  await api(400, 'POST', '/v1/repairs', { ...repair(a.phone, a.device), channel: 'by_pigeon' }, { 'idempotency-key': 'iam-invalid' }); // its record released
  // B: no key, stays open for the SLA watch; C: a number the carrier reports opted out.
  await api(201, 'POST', '/v1/repairs', repair('+919845200002', undefined));
  await bench.anon.expect(201, 'POST', '/_local/sms/opt-outs', { phone: '+919845200003' });
  await api(201, 'POST', '/v1/repairs', repair('+919845200003', '356938035000029'));
  await drainStream();

  await api(200, 'GET', '/v1/repairs?limit=2');
  await api(200, 'GET', '/v1/repairs?status=received');
  await api(200, 'GET', '/v1/repairs?sla=at_risk');
  await api(200, 'GET', `/v1/repairs/${orderA.id}`);
  await api(404, 'GET', '/v1/repairs/01JZZZZZZZZZZZZZZZZZZZZZZZ');
  await api(200, 'GET', `/v1/track/${orderA.trackingCode}?phoneLast4=${a.phone.slice(-4)}`);
  await api(404, 'GET', `/v1/track/${orderA.trackingCode}?phoneLast4=0000`);

  const move = (id: string, status: string, version: number, expected = 200) =>
    api(expected, 'POST', `/v1/repairs/${id}/status`, { status, note: `Step ${version}` }, { 'if-match': `"${version}"` });
  await move(orderA.id, 'completed', 1, 409);
  await move(orderA.id, 'diagnosing', 7, 412);
  for (const [i, status] of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed'].entries()) await move(orderA.id, status, i + 1);
  const completedAt = Date.now();
  await drainStream();

  // Jobs: the SLA watch flags B at risk, then breached; A's first call falls due.
  await runJob('sla', start + 50 * MINUTE);
  await runJob('sla', start + 2 * 60 * MINUTE);
  await api(200, 'GET', '/v1/repairs?sla=breached');
  await runJob('followups', completedAt + 3 * DAY + MINUTE);
  await drainStream();

  await api(200, 'GET', '/v1/follow-ups?state=due');
  await api(200, 'POST', `/v1/follow-ups/${orderA.id}-F1/outcome`, { reached: true, satisfied: false, rating: 2, resolved: false, notes: 'Touch lags' });
  await api(404, 'POST', `/v1/follow-ups/${orderA.id}-F7/outcome`, { reached: false });
  await api(200, 'GET', '/v1/escalations?state=open');
  await api(200, 'POST', `/v1/escalations/${orderA.id}-E1/resolve`, { resolution: 'Digitizer replaced under repair warranty' });
  // A rework of A (its repair warranty is active): the aggregator reads the repair it redoes.
  const rework = await api(201, 'POST', '/v1/repairs', repair('+919845200004', a.device));
  expect(rework.body.reworkOf).toBe(orderA.id);
  await drainStream();

  // Warranties: A's repair warranty reminded (after a run outside the SMS window) and expired.
  const listed = (await api(200, 'GET', `/v1/warranties/${a.device}`)).body as { items: { kind: string; endsAt: string }[] };
  const granted = listed.items.find((w) => w.kind === 'repair')!;
  const remindAt = reminderDueAt({ endsAt: granted.endsAt, timezone: STORE_TIMEZONE }).getTime();
  await runJob('warranty', remindAt + 12 * 60 * MINUTE); // 21:00 local: next window
  await runJob('warranty', remindAt + DAY + 60 * MINUTE); // 10:00 local next day: reminder SMS
  await runJob('warranty', expiryAt({ endsAt: granted.endsAt, timezone: STORE_TIMEZONE }).getTime() + MINUTE);
  const extended = { deviceId: '356938035000037', kind: 'extended', startsAt: '2027-03-01', months: 12 };
  await api(201, 'POST', '/v1/warranties', extended);
  const before = await idempotencyRecordKeys();
  await api(201, 'POST', '/v1/warranties', extended, { 'idempotency-key': 'iam-w' });
  await api(201, 'POST', '/v1/warranties', extended, { 'idempotency-key': 'iam-w' }); // replay
  await api(422, 'POST', '/v1/warranties', { ...extended, months: 24 }, { 'idempotency-key': 'iam-w' });
  // Its Powertools record lost: the claim written with the warranty still answers the key.
  for (const sk of (await idempotencyRecordKeys()).filter((key) => !before.includes(key))) {
    await admin.send(new DeleteCommand({ TableName: bench.stack.tableName, Key: { pk: keys.idempotencyRecords, sk } }));
  }
  await api(422, 'POST', '/v1/warranties', { ...extended, months: 24 }, { 'idempotency-key': 'iam-w' });
  await api(201, 'POST', '/v1/warranties', extended, { 'idempotency-key': 'iam-w' });

  // WhatsApp: D reachable (sent, delivered), E not on WhatsApp (failed → the SMS fallback), then D writes STOP.
  bench.stack.whatsapp.holdEvents();
  await api(200, 'PATCH', '/v1/store', { whatsapp: { phoneNumberId: 'phone-number-id-976c72a700aac43eaf573ae050a1b2c3' } });
  const onWhatsApp = (phone: string) => ({ ...repair(phone, undefined), customer: { ...repair(phone, undefined).customer, whatsappOptIn: true } });
  await bench.anon.expect(201, 'POST', '/_local/whatsapp/unreachable', { phone: '+919845200006' });
  await api(201, 'POST', '/v1/repairs', onWhatsApp('+919845200005'));
  await api(201, 'POST', '/v1/repairs', onWhatsApp('+919845200006'));
  await drainStream();
  await as('whatsapp-events', async () => {
    await bench.stack.whatsapp.releaseHeld();
    void bench.stack.whatsapp.receive('+919845200005', 'STOP');
    await bench.stack.whatsapp.releaseHeld();
  });
  expect(bench.stack.whatsapp.deadLetters).toEqual([]);
  expect(bench.stack.inbox.list('+919845200006')).toHaveLength(1);
  // Photos on A: asked for, uploaded (one real image, one fake), checked, listed, one deleted; the rest goes with the erasure below.
  const photoOf = async (bytes: Uint8Array) => {
    const asked = (await api(201, 'POST', `/v1/repairs/${orderA.id}/photos`, { stage: 'after', contentType: 'image/jpeg', sizeBytes: bytes.length })).body as { id: string; upload: { url: string; fields: Record<string, string> } };
    expect((await uploadWithForm(asked.upload, bytes, 'image/jpeg')).status).toBeLessThan(300);
    return asked.id;
  };
  const kept = await photoOf(imageBytes('image/jpeg', 2_000));
  const fake = await photoOf(new Uint8Array(500));
  await as('photo-check', () => bench.stack.photos.drain());
  const photos = (await api(200, 'GET', `/v1/repairs/${orderA.id}/photos`)).body as { items: { id: string; state: string }[] };
  expect(photos.items.map((p) => [p.id, p.state])).toEqual([[kept, 'ready'], [fake, 'rejected']]);
  await api(204, 'DELETE', `/v1/repairs/${orderA.id}/photos/${fake}`);
  await api(404, 'GET', '/v1/repairs/01JZZZZZZZZZZZZZZZZZZZZZZZ/photos');
  await api(200, 'GET', `/v1/devices/${a.device}/history?limit=1`);
  // A's retention ends 90 days after its repair warranty: the photos job deletes its remaining photo.
  await runJob('photos', expiryAt({ endsAt: granted.endsAt, timezone: STORE_TIMEZONE }).getTime() + 91 * DAY);

  const today = new Date().toISOString().slice(0, 10);
  await api(200, 'GET', `/v1/metrics?from=${today}&to=${today}`);

  // The customer page: A's (completed: the warranty is read) with a rating and a problem; D approved, E declined (the link's TTL).
  await api(200, 'GET', '/track');
  await api(303, 'POST', '/track', new URLSearchParams({ code: orderA.trackingCode, last4: a.phone.slice(-4) }));
  await api(404, 'GET', '/r/AAAAAAAAAAAAAAAAAAAAAA');
  const pageA = await customerPage(orderA.id);
  await api(303, 'POST', `/r/${pageA.token}/rating`, new URLSearchParams({ ...pageA.form('rating'), rating: '2', comment: 'Still lags' }));
  await api(303, 'POST', `/r/${pageA.token}/problem`, new URLSearchParams({ ...pageA.form('problem'), problem: 'The touch screen lags again' }));
  await api(400, 'POST', `/r/${pageA.token}/problem`, new URLSearchParams({ problem: 'No CSRF token' }));
  for (const [phone, decision] of [['+919845200005', 'approve'], ['+919845200006', 'decline']] as const) {
    const order = (await api(201, 'POST', '/v1/repairs', repair(phone, undefined))).body as { id: string };
    await api(200, 'POST', `/v1/repairs/${order.id}/status`, { status: 'diagnosing' });
    await api(200, 'POST', `/v1/repairs/${order.id}/status`, { status: 'awaiting_approval', estimate: { amount: '999.00', currency: 'INR' } });
    const page = await customerPage(order.id);
    await api(303, 'POST', `/r/${page.token}/${decision}`, new URLSearchParams(page.form(decision)));
  }
  await drainStream();
  await driveRdTier(orderA.id);
  await driveInsights();
  await driveWarrantyCampaigns(granted.endsAt);

  // Erasure of A (calls, escalation, the key's record), twice; then the key answers from its claim.
  await api(200, 'DELETE', `/v1/customers/${encodeURIComponent(a.phone)}/personal-data`);
  await api(200, 'DELETE', `/v1/customers/${encodeURIComponent(a.phone)}/personal-data`);
  await api(422, 'POST', '/v1/repairs', repair(a.phone, `${a.device.slice(0, -1)}9`), keyA);
  await api(201, 'POST', '/v1/repairs', repair(a.phone, a.device), keyA);
  await drainStream();
  await driveNetworkAndKeys();
}

/** The R&D tier on A's low page rating (E200): raised by the store, listed and resolved by R&D. */
async function driveRdTier(orderId: string): Promise<void> {
  const bootstrap = await bench.anon.expect(201, 'POST', '/_local/network-keys', { label: 'IAM R&D', scopes: ['escalations:write'] });
  bench.recorder.take();
  const rd = httpClient(bench.stack.url, (bootstrap.body as { apiKey: string }).apiKey);
  try {
    // The R&D SLA setting: read, changed (then the raise reads it through the cache: GetItem).
    await api(200, 'GET', '/v1/network/settings', undefined, undefined, rd);
    await api(200, 'PATCH', '/v1/network/settings', { rdSlaHours: 48 }, undefined, rd);
    await api(200, 'POST', `/v1/escalations/${orderId}-E200/raise`, { summary: 'Touch lags after two digitizers' });
    await api(409, 'POST', `/v1/escalations/${orderId}-E200/raise`, { summary: 'again' });
    await api(200, 'GET', '/v1/network/escalations?state=raised&limit=1', undefined, undefined, rd);
    await api(200, 'POST', `/v1/network/escalations/${orderId}-E200/resolve`, { finding: 'Digitizer batch fault; replace the frame' }, undefined, rd);
  } finally {
    rd.close();
  }
  await drainStream();
}

/**
 * A warranty extension campaign over A's repair warranty (expired by now), run by its job; its
 * notice to A's customer waits out a night and goes in the morning; another campaign cancelled.
 */
async function driveWarrantyCampaigns(endsAt: string): Promise<void> {
  const bootstrap = await bench.anon.expect(201, 'POST', '/_local/network-keys', { label: 'IAM warranties', scopes: ['warranties:write'] });
  bench.recorder.take();
  const hq = httpClient(bench.stack.url, (bootstrap.body as { apiKey: string }).apiKey);
  try {
    const campaign = { expiringFrom: endsAt, expiringTo: endsAt, days: 30, reason: 'IAM campaign' };
    const started = (await api(202, 'POST', '/v1/network/warranty-extensions', campaign, undefined, hq)).body as { id: string };
    await runJob('campaigns', Date.now());
    await api(200, 'GET', `/v1/network/warranty-extensions/${started.id}`, undefined, undefined, hq);
    // The notice: due at the first SMS window after the extension; at 22:00 local it waits, at 10:00 it goes.
    const tomorrow = localDate(new Date(Date.now() + DAY), STORE_TIMEZONE);
    await runJob('campaigns', zonedInstant(tomorrow, 22 * 60, STORE_TIMEZONE).getTime());
    await runJob('campaigns', zonedInstant(addDays(tomorrow, 1), 10 * 60, STORE_TIMEZONE).getTime());
    expect(bench.stack.inbox.list(A_PHONE).filter((sms) => sms.body.includes('warranty has been extended'))).toHaveLength(1);
    const other = (await api(202, 'POST', '/v1/network/warranty-extensions', campaign, undefined, hq)).body as { id: string };
    await api(200, 'POST', `/v1/network/warranty-extensions/${other.id}/cancel`, undefined, undefined, hq);
    await api(409, 'POST', `/v1/network/warranty-extensions/${other.id}/cancel`, undefined, undefined, hq);
  } finally {
    hq.close();
  }
}

/** HQ's read-only views over the network's aggregates. */
async function driveInsights(): Promise<void> {
  const bootstrap = await bench.anon.expect(201, 'POST', '/_local/network-keys', { label: 'IAM insights', scopes: ['insights:read'] });
  bench.recorder.take();
  const insights = httpClient(bench.stack.url, (bootstrap.body as { apiKey: string }).apiKey);
  try {
    const today = new Date().toISOString().slice(0, 10);
    await api(200, 'GET', `/v1/network/metrics?from=${today}&to=${today}&sort=-completed`, undefined, undefined, insights);
    await api(200, 'GET', `/v1/network/quality?from=${today}&to=${today}`, undefined, undefined, insights);
  } finally {
    insights.close();
  }
}

/** The network API and key rotation, with the error paths that touch storage differently (last key, legacy key). */
async function driveNetworkAndKeys(): Promise<void> {
  const inr = (amount: string) => ({ amount, currency: 'INR' });
  // The bootstrap is the operator's, not a function's: its calls are not attributed.
  const bootstrap = await bench.anon.expect(201, 'POST', '/_local/network-keys', { label: 'IAM HQ', scopes: ['stores:read', 'stores:write', 'audit:read', 'prices:write'] });
  bench.recorder.take();
  const hq = httpClient(bench.stack.url, (bootstrap.body as { apiKey: string }).apiKey);
  try {
    const created = (await api(201, 'POST', '/v1/network/stores', { name: 'IAM Store', country: 'IN', timezone: 'Asia/Kolkata' }, undefined, hq)).body as { store: { id: string }; keyId: string };
    const stores = `/v1/network/stores/${created.store.id}`;
    await api(200, 'GET', '/v1/network/stores?limit=1', undefined, undefined, hq);
    await api(200, 'GET', stores, undefined, undefined, hq);
    const second = (await api(201, 'POST', `${stores}/keys`, { label: 'second' }, undefined, hq)).body as { keyId: string };
    await api(200, 'GET', `${stores}/keys`, undefined, undefined, hq);
    await api(204, 'DELETE', `${stores}/keys/${created.keyId}`, undefined, undefined, hq);
    await api(409, 'DELETE', `${stores}/keys/${second.keyId}`, undefined, undefined, hq);
    await api(200, 'POST', `${stores}/suspend`, undefined, undefined, hq);
    await api(200, 'POST', `${stores}/resume`, undefined, undefined, hq);
    await api(200, 'GET', '/v1/network/audit?limit=5', undefined, undefined, hq);
    // Quotes: the price list and a programme, then a store quotes a screen repair from them.
    await api(200, 'PUT', '/v1/network/prices', { items: [{ model: '*', category: 'screen', part: inr('3000.00'), labour: inr('500.00') }] }, undefined, hq);
    await api(201, 'POST', '/v1/network/programs', { kind: 'screen_discount', models: ['A78'], percentOff: 20, from: '2026-01-01', to: '2099-12-31' }, undefined, hq);
  } finally {
    hq.close();
  }
  await api(200, 'GET', '/v1/store/prices');
  const quoted = (await api(201, 'POST', '/v1/repairs', repair('+919845200009', '356938035000094'))).body as { id: string };
  await api(200, 'POST', `/v1/repairs/${quoted.id}/quote`, { extraLines: [{ description: 'Screen guard', amount: inr('199.00') }] });
  // The bench store rotates its own key.
  const own = (await api(201, 'POST', '/v1/store/keys', { label: 'rotation' })).body as { keyId: string; apiKey: string };
  await api(200, 'GET', '/v1/store/keys');
  await api(204, 'DELETE', `/v1/store/keys/${own.keyId}`);
  // A key from before key ids: its first request migrates it (the authorizer's Updates and Put).
  const legacyKey = `rt_${'l'.repeat(43)}`;
  const hash = createHash('sha256').update(legacyKey).digest('hex');
  const storeId = (await api(200, 'GET', '/v1/store')).body.id as string;
  await admin.send(new PutCommand({ TableName: bench.stack.tableName, Item: { ...keys.apiKey(hash), type: 'apiKey', storeId, usageKey: 'u'.repeat(64) } }));
  const legacy = httpClient(bench.stack.url, legacyKey);
  await api(200, 'GET', '/v1/store/keys', undefined, undefined, legacy);
  legacy.close();
}

test.each([...grants.keys()])('%s: every DynamoDB call it made is granted', (name) => {
  expect({ name, ungranted: ungranted(calls.get(name)!, grants.get(name)!) }).toEqual({ name, ungranted: [] });
});

test('every function ran; each with a grant made calls, the one without made none', () => {
  expect([...grants.keys()].filter((name) => !driven.has(name))).toEqual([]);
  const odd = [...grants].filter(([name, use]) => (use === null) !== (calls.get(name)!.length === 0)).map(([name]) => name);
  expect(odd).toEqual([]);
});

test('a call needs what IAM checks: transactions by their items, an index Query on the index', () => {
  expect(iamNeeds('TransactWriteItems', { TransactItems: [{ Put: {} }, { ConditionCheck: {} }, { Put: {} }, { Delete: {} }, { Update: {} }] })).toEqual(
    ['PutItem', 'ConditionCheckItem', 'DeleteItem', 'UpdateItem'].map((action) => ({ action: `dynamodb:${action}` })),
  );
  expect(iamNeeds('TransactGetItems', { TransactItems: [{ Get: {} }, { Get: {} }] })).toEqual([{ action: 'dynamodb:GetItem' }]);
  expect(iamNeeds('Query', { IndexName: 'gsi3' })).toEqual([{ action: 'dynamodb:Query', index: 'gsi3' }]);
  expect(iamNeeds('Query', {})).toEqual([{ action: 'dynamodb:Query' }]);
  expect(iamNeeds('GetItem', {})).toEqual([{ action: 'dynamodb:GetItem' }]);
});

test('granted permissions no call needed: reported for every function, an error unless REPORTED_ONLY says why', () => {
  const rows = [...grants].map(([name, use]) => ({ name, made: describeCalls(calls.get(name)!), unused: unexercised(calls.get(name)!, use) }));
  console.log(
    [
      'IAM grants vs. calls made (function: calls │ granted, never needed):',
      ...rows.map((row) => `  ${row.name.padEnd(26)} ${row.made}\n  ${''.padEnd(26)} └ unused: ${row.unused.join(', ') || '—'}${REPORTED_ONLY[row.name] ? ` (reported only: ${REPORTED_ONLY[row.name]})` : ''}`),
    ].join('\n'),
  );
  const overGranted = rows.filter((row) => !REPORTED_ONLY[row.name] && row.unused.length > 0).map(({ name, unused }) => ({ name, unused }));
  expect(overGranted).toEqual([]);
});
