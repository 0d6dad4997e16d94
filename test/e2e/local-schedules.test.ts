/**
 * The local stack's schedule routes over real HTTP: `POST /_local/schedules/{job}/run` runs the
 * real job handler as if at `time` and answers with its summary once the run has finished;
 * `GET /_local/alerts` shows what the SLA watch published to the ops topic. The timers `npm start`
 * runs the jobs on keep the rules' cadence.
 */
import { randomUUID } from 'node:crypto';
import { msUntilNextRun } from '../../local/scheduler.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

let stack: LocalStack;
let apiKey: string;

async function http(method: string, path: string, body?: unknown, options: { key?: boolean; rawBody?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key !== false) headers.authorization = `Bearer ${apiKey}`;
  const response = await fetch(`${stack.url}${path}`, { method, headers, body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

const runJob = (job: string, time: unknown) => http('POST', `/_local/schedules/${job}/run`, { time }, { key: false });

async function completedOrder(phone: string): Promise<{ id: string; completedAt: number }> {
  const created = await http('POST', '/v1/repairs', {
    channel: 'walk_in',
    customer: { name: 'Lakshmi Iyer', phone, language: 'en', smsOptIn: false },
    device: { brand: 'OPPO', model: 'A78' },
    issue: { category: 'screen', description: 'Cracked screen' },
  });
  expect(created.status).toBe(201);
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    expect((await http('POST', `/v1/repairs/${created.body.id}/status`, { status })).status).toBe(200);
  }
  return { id: created.body.id, completedAt: Date.now() };
}

beforeAll(async () => {
  const dynamoEndpoint = process.env.TEST_DYNAMO_ENDPOINT;
  if (!dynamoEndpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest');
  // No timers: only the runs this file asks for happen.
  stack = await startLocalStack({ port: 0, dataDir: null, dynamoEndpoint, tableName: `e2e-jobs-${randomUUID()}`, schedules: false, dropTableOnStop: true });
  const store = await http('POST', '/_local/stores', { name: 'Schedules Service Center', country: 'IN', timezone: 'Asia/Kolkata' }, { key: false });
  expect(store.status).toBe(201);
  apiKey = store.body.apiKey;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

test('a run answers 200 with its summary once finished: its work is visible the moment the answer arrives', async () => {
  const { id, completedAt } = await completedOrder('+919845000001');
  const time = new Date(completedAt + 3 * DAY + MINUTE).toISOString();

  const run = await runJob('followups', time);
  expect(run.status).toBe(200);
  expect(run.type).toMatch(/^application\/json/);
  expect(run.body).toEqual({ job: 'followups', at: time, examined: 1, changed: 1, failed: 0, pages: 1, readUnits: expect.any(Number), complete: true });
  const due = await http('GET', '/v1/follow-ups?state=due');
  expect(due.body.items.map((task: { id: string }) => task.id)).toEqual([`${id}-F1`]);

  // Runs of one job never overlap: two at once, and only one of them finds the work.
  const { id: second, completedAt: secondAt } = await completedOrder('+919845000002');
  const at = new Date(secondAt + 3 * DAY + 2 * MINUTE).toISOString();
  const both = await Promise.all([runJob('followups', at), runJob('followups', at)]);
  expect(both.map((r) => r.status)).toEqual([200, 200]);
  expect(both.map((r) => r.body.changed).sort()).toEqual([0, 1]);
  expect((await http('GET', '/v1/follow-ups?state=due')).body.items.map((task: { id: string }) => task.id)).toEqual([`${id}-F1`, `${second}-F1`]);
});

test('an SLA run publishes its alert, readable at GET /_local/alerts', async () => {
  const created = await http('POST', '/v1/repairs', {
    channel: 'walk_in',
    customer: { name: 'Lakshmi Iyer', phone: '+919845000003', language: 'en', smsOptIn: false },
    device: { brand: 'OPPO', model: 'A78' },
    issue: { category: 'screen', description: 'Cracked screen' },
  });
  const { id, createdAt, promisedBy, trackingCode, storeId } = created.body;
  const span = Date.parse(promisedBy) - Date.parse(createdAt);
  const time = new Date(Date.parse(createdAt) + span * 0.8).toISOString();

  const run = await runJob('sla', time);
  expect(run.status).toBe(200);
  expect(run.body).toMatchObject({ job: 'sla', at: time, changed: 1, failed: 0, complete: true });

  const alerts = await http('GET', '/_local/alerts', undefined, { key: false });
  expect(alerts.status).toBe(200);
  const mine = alerts.body.items.filter((alert: { message: { orderId?: string } }) => alert.message.orderId === id);
  expect(mine).toEqual([
    expect.objectContaining({
      message: expect.objectContaining({ kind: 'sla', flag: 'at_risk', orderId: id, storeId, trackingCode, promisedBy, at: time }),
      attributes: expect.objectContaining({ storeId, flag: 'at_risk' }),
    }),
  ]);
  expect(JSON.stringify(alerts.body)).not.toContain('+919845000003');
});

test('an unknown job is a 404 problem; a bad time is a 400 problem naming it', async () => {
  const unknown = await runJob('backups', new Date().toISOString());
  expect(unknown.status).toBe(404);
  expect(unknown.type).toMatch(/^application\/problem\+json/);
  expect(unknown.body).toMatchObject({ status: 404, title: expect.any(String) });

  for (const time of ['yesterday', '2026-11-22', 42]) {
    const bad = await runJob('followups', time);
    expect({ time, status: bad.status }).toEqual({ time, status: 400 });
    expect(bad.type).toMatch(/^application\/problem\+json/);
    expect(bad.body.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'time' })]);
  }
  const malformed = await http('POST', '/_local/schedules/sla/run', undefined, { key: false, rawBody: '{"time":' });
  expect(malformed.status).toBe(400);
  expect(malformed.type).toMatch(/^application\/problem\+json/);
});

test('the timers keep the rules: rates every N minutes, the daily warranty run at its UTC time', () => {
  const job = (name: string) => SCHEDULED_JOBS.find((j) => j.name === name)!;
  expect(msUntilNextRun(job('followups'), new Date('2026-11-22T05:07:00Z'))).toBe(15 * MINUTE);
  expect(msUntilNextRun(job('sla'), new Date('2026-11-22T05:07:00Z'))).toBe(5 * MINUTE);
  // The warranty rule fires daily at 06:30 UTC.
  expect(msUntilNextRun(job('warranty'), new Date('2026-11-22T05:00:00Z'))).toBe(90 * MINUTE);
  expect(msUntilNextRun(job('warranty'), new Date('2026-11-22T06:30:00Z'))).toBe(DAY);
  expect(msUntilNextRun(job('warranty'), new Date('2026-11-22T07:00:00Z'))).toBe(DAY - 30 * MINUTE);
});
