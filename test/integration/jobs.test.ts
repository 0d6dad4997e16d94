import type { Context, ScheduledEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { addDays, zonedInstant } from '../../shared/domain/calendar.js';
import type { JobSummary } from '../../shared/usecases/jobs.js';

type JobHandler = (event: ScheduledEvent, context: Context) => Promise<JobSummary>;

let table: TestTable;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
const jobs: Record<string, JobHandler> = {};
const MINUTE = 60_000;
const DAY = 86_400_000;

beforeAll(async () => {
  process.env.OPS_TOPIC_ARN = 'arn:aws:sns:ap-south-1:000000000000:ops-test';
  table = await createTestTable();
  sns = await startSnsEndpoint();
  for (const name of ['followups', 'warranty', 'sla']) {
    jobs[name] = ((await import(`../../functions/jobs/${name}.js`)) as { handler: JobHandler }).handler;
  }
});
afterAll(async () => {
  await sns.stop();
  await table.drop();
});

/** Runs a job's real handler on the EventBridge event its rule would send at `time`. */
function runJob(name: 'followups' | 'warranty' | 'sla', time: Date): Promise<JobSummary> {
  const job = SCHEDULED_JOBS.find((j) => j.name === name)!;
  return jobs[name]!(scheduledEvent(job, time), { ...lambdaContext(name), getRemainingTimeInMillis: () => 300_000 });
}

let phoneSeq = 0;
async function completedOrder(storeId: string, overrides: Record<string, unknown> = {}) {
  const phone = `+9197${String(10_000_000 + ++phoneSeq * 7)}`;
  const created = await callApi('POST', '/v1/repairs', {
    storeId,
    body: newRepairBody({ customer: { name: 'Ravi Kumar', phone, language: 'en', smsOptIn: true }, ...overrides }),
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    expect((await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status } })).status).toBe(200);
  }
  return { id, phone, completedAt: new Date(), order: created.body };
}

const dueQueue = async (storeId: string, state = 'due') => (await callApi('GET', `/v1/follow-ups?state=${state}`, { storeId })).body.items as any[];

describe('follow-up calls', () => {
  test('completion plans +3 d and +90 d; the job makes them due; an unhappy call escalates; resolving plans a callback', async () => {
    const { storeId } = await createTestStore('Follow-up Store');
    const { id, phone, completedAt } = await completedOrder(storeId);

    expect(await dueQueue(storeId)).toEqual([]);
    const planned = await dueQueue(storeId, 'planned');
    expect(planned.map((t) => t.id)).toEqual([`${id}-F1`, `${id}-F2`]);
    const dueAts = planned.map((t) => Date.parse(t.dueAt) - completedAt.getTime());
    expect(dueAts[0]).toBeGreaterThan(3 * DAY - MINUTE);
    expect(dueAts[0]).toBeLessThanOrEqual(3 * DAY);
    expect(dueAts[1]).toBeGreaterThan(90 * DAY - MINUTE);

    // Before +3 d nothing is due; at +3 d exactly the first call is.
    expect((await runJob('followups', new Date(completedAt.getTime() + 2 * DAY))).changed).toBe(0);
    const run = await runJob('followups', new Date(completedAt.getTime() + 3 * DAY + MINUTE));
    expect(run.changed).toBeGreaterThanOrEqual(1);
    const due = (await dueQueue(storeId)).filter((t) => t.orderId === id);
    expect(due.map((t) => t.id)).toEqual([`${id}-F1`]);
    expect(due[0].customer.phone).toBe(phone); // the call queue is the one place with the full number

    const outcome = await callApi('POST', `/v1/follow-ups/${id}-F1/outcome`, { storeId, body: { reached: true, satisfied: false, rating: 2, resolved: false, notes: 'Screen flickers again' } });
    expect(outcome.status).toBe(200);
    expect(outcome.body.state).toBe('done');
    expect(outcome.body.escalation).toMatchObject({ id: `${id}-E1`, state: 'open' });
    expect(outcome.body.escalation.reason).toContain('not satisfied');

    const open = (await callApi('GET', '/v1/escalations?state=open', { storeId })).body.items;
    expect(open.map((e: { id: string }) => e.id)).toEqual([`${id}-E1`]);

    const resolved = await callApi('POST', `/v1/escalations/${id}-E1/resolve`, { storeId, body: { resolution: 'Display replaced under repair warranty' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.state).toBe('resolved');
    expect(resolved.body.callback).toMatchObject({ kind: 'callback', state: 'planned', orderId: id });
    const callbackDue = Date.parse(resolved.body.callback.dueAt) - Date.parse(resolved.body.resolvedAt);
    expect(callbackDue).toBe(DAY);

    expect((await callApi('GET', '/v1/escalations?state=open', { storeId })).body.items).toEqual([]);
    const again = await callApi('POST', `/v1/escalations/${id}-E1/resolve`, { storeId, body: { resolution: 'twice' } });
    expect(again.status).toBe(409);
  });

  test('a call not reached is retried the next day, three attempts in all, then unreachable', async () => {
    const { storeId } = await createTestStore('Unreachable Store');
    const { id, completedAt } = await completedOrder(storeId);
    let at = new Date(completedAt.getTime() + 3 * DAY + MINUTE);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await runJob('followups', at);
      const [task] = (await dueQueue(storeId)).filter((t) => t.orderId === id);
      expect(task).toMatchObject({ id: `${id}-F1`, attempt });
      const result = await callApi('POST', `/v1/follow-ups/${id}-F1/outcome`, { storeId, body: { reached: false, notes: 'No answer' } });
      expect(result.body.state).toBe(attempt < 3 ? 'planned' : 'unreachable');
      expect(result.body.escalation).toBeNull();
      at = new Date(at.getTime() + DAY + MINUTE);
    }
    expect((await dueQueue(storeId, 'unreachable')).map((t) => t.id)).toEqual([`${id}-F1`]);
  });

  test('the same run twice at the same time changes nothing the second time', async () => {
    const { storeId } = await createTestStore('Twice Store');
    const { completedAt } = await completedOrder(storeId);
    const at = new Date(completedAt.getTime() + 3 * DAY + 5 * MINUTE);
    const first = await runJob('followups', at);
    const second = await runJob('followups', at);
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ examined: 0, changed: 0, failed: 0 });
  });

  test('the call queue lists the oldest due call first, whatever order the repairs were completed in', async () => {
    const { storeId } = await createTestStore('Queue Order Store');
    // Completed one after another, with the first call planned 3, then 2, then 1 day out: due in the reverse order.
    const completed: { id: string; completedAt: Date }[] = [];
    for (const days of [3, 2, 1]) {
      expect((await callApi('PATCH', '/v1/store', { storeId, body: { followUpDays: [days, 90] } })).status).toBe(200);
      completed.push(await completedOrder(storeId));
    }
    const [third, second, first] = completed.map((c) => `${c.id}-F1`);
    await runJob('followups', new Date(completed[0]!.completedAt.getTime() + 3 * DAY + MINUTE));
    const queue = await dueQueue(storeId);
    expect(queue.map((t) => t.id)).toEqual([first, second, third]);
    const dueAts = queue.map((t) => Date.parse(t.dueAt));
    expect([...dueAts].sort((a, b) => a - b)).toEqual(dueAts);
    expect(new Set(dueAts).size).toBe(3);
  });

  test('a call planned in the past after a later run already happened is made due by the next run', async () => {
    const { storeId } = await createTestStore('Late Plan Store');
    const later = new Date(Date.now() + 10 * DAY);
    await runJob('followups', later);
    // Completed now: its first call is due in 3 days, a time the run above has already passed.
    const { id } = await completedOrder(storeId);
    expect(await dueQueue(storeId)).toEqual([]);
    const next = await runJob('followups', new Date(later.getTime() + 15 * MINUTE));
    expect(next).toMatchObject({ examined: 1, changed: 1, failed: 0, complete: true });
    expect((await dueQueue(storeId)).map((t) => t.id)).toEqual([`${id}-F1`]);
  });

  test('a call that is not due cannot take an outcome: 409; another store cannot see it: 404', async () => {
    const { storeId } = await createTestStore('Not due Store');
    const other = await createTestStore('Other Store');
    const { id } = await completedOrder(storeId);
    const notDue = await callApi('POST', `/v1/follow-ups/${id}-F2/outcome`, { storeId, body: { reached: true, rating: 5 } });
    expect(notDue.status).toBe(409);
    expect(notDue.body.type).toMatch(/\/conflict$/);
    const foreign = await callApi('POST', `/v1/follow-ups/${id}-F2/outcome`, { storeId: other.storeId, body: { reached: true } });
    expect(foreign.status).toBe(404);
    const survey = await callApi('POST', `/v1/follow-ups/${id}-F2/outcome`, { storeId, body: { reached: false, rating: 4 } });
    expect(survey.status).toBe(400);
    expect(survey.body.errors).toEqual([{ path: 'rating', message: 'only applies when the customer was reached' }]);
  });
});

describe('warranties', () => {
  test('completion grants a repair warranty; a new order for the device at another store is flagged as rework', async () => {
    const first = await createTestStore('Warranty Store A');
    const second = await createTestStore('Warranty Store B');
    const deviceId = '356938035640001';
    const { id } = await completedOrder(first.storeId, { device: { brand: 'OPPO', model: 'A78', deviceId } });

    const listed = await callApi('GET', `/v1/warranties/${deviceId}`, { storeId: second.storeId });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ kind: 'repair', state: 'active', orderId: id, deviceId })]);
    expect(JSON.stringify(listed.body)).not.toMatch(/Ravi|\+91/);

    const rework = await callApi('POST', '/v1/repairs', { storeId: second.storeId, body: newRepairBody({ device: { brand: 'OPPO', model: 'A78', deviceId } }) });
    expect(rework.body).toMatchObject({ underWarranty: true, reworkOf: id });
    const fresh = await callApi('POST', '/v1/repairs', { storeId: second.storeId, body: newRepairBody({ device: { brand: 'OPPO', model: 'A78', deviceId: '356938035649999' } }) });
    expect(fresh.body).toMatchObject({ underWarranty: false, reworkOf: null });
  });

  test('registering manufacturer and extended warranties: month arithmetic and validation', async () => {
    const { storeId } = await createTestStore('Register Store');
    const made = await callApi('POST', '/v1/warranties', { storeId, body: { deviceId: 'SN12345678', kind: 'extended', startsAt: '2028-02-29', months: 12 } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ deviceId: 'SN12345678', kind: 'extended', startsAt: '2028-02-29', endsAt: '2029-02-28', orderId: null });
    const bad = await callApi('POST', '/v1/warranties', { storeId, body: { deviceId: 'SN12345678', kind: 'repair', startsAt: '2026-02-30', months: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'months', 'startsAt']);
  });

  test('the expiry reminder goes out once, inside 09:00–20:00 store time, never at night; then the warranty expires', async () => {
    const { storeId } = await createTestStore('Reminder Store');
    const deviceId = '356938035640002';
    const { phone } = await completedOrder(storeId, { device: { brand: 'OPPO', model: 'Reno 12', deviceId } });
    const [warranty] = (await callApi('GET', `/v1/warranties/${deviceId}`, { storeId })).body.items;
    const reminderDay = addDays(warranty.endsAt, -7);
    const ist = (day: string, hh: number, mm = 0) => zonedInstant(day, hh * 60 + mm, 'Asia/Kolkata');

    // 21:30 the evening it became due: at night nothing is sent, the reminder waits for 09:00.
    await runJob('warranty', ist(reminderDay, 21, 30));
    expect(sns.inbox.list(phone).filter((s) => /warrant/i.test(s.body))).toHaveLength(0);
    await runJob('warranty', ist(addDays(reminderDay, 1), 8, 59));
    expect(sns.inbox.list(phone).filter((s) => /warrant/i.test(s.body))).toHaveLength(0);

    await runJob('warranty', ist(addDays(reminderDay, 1), 9, 5));
    await runJob('warranty', ist(addDays(reminderDay, 1), 9, 5));
    await runJob('warranty', ist(addDays(reminderDay, 1), 15, 0));
    const reminders = sns.inbox.list(phone).filter((s) => s.body.includes(warranty.endsAt.slice(8, 10).replace(/^0/, '')) && /warrant/i.test(s.body));
    expect(reminders).toHaveLength(1);

    expect((await callApi('GET', `/v1/warranties/${deviceId}`, { storeId })).body.items[0].state).toBe('active');
    await runJob('warranty', ist(warranty.endsAt, 23, 58));
    expect((await callApi('GET', `/v1/warranties/${deviceId}`, { storeId })).body.items[0].state).toBe('active');
    const expiredRun = await runJob('warranty', ist(addDays(warranty.endsAt, 1), 0, 1));
    expect(expiredRun.changed).toBeGreaterThanOrEqual(1);
    expect((await callApi('GET', `/v1/warranties/${deviceId}`, { storeId })).body.items[0].state).toBe('expired');
    await runJob('warranty', ist(addDays(warranty.endsAt, 2), 10, 0));
    expect(sns.inbox.list(phone).filter((s) => /warrant/i.test(s.body))).toHaveLength(1);
  });
});

describe('SLA watch', () => {
  test('at_risk at 75 % and breached after the promise, once each, with one alert each; listed by flag', async () => {
    const { storeId } = await createTestStore('SLA Store');
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const { id, promisedBy, createdAt } = created.body;
    const start = Date.parse(createdAt);
    const span = Date.parse(promisedBy) - start; // walk-in screen: 60 min
    const alertsFor = () => sns.inbox.alerts.filter((a) => (a.message as { orderId: string }).orderId === id);

    await runJob('sla', new Date(start + span * 0.7));
    expect(alertsFor()).toHaveLength(0);

    await runJob('sla', new Date(start + span * 0.8));
    await runJob('sla', new Date(start + span * 0.8));
    await runJob('sla', new Date(start + span * 0.9));
    expect(alertsFor().map((a) => (a.message as { flag: string }).flag)).toEqual(['at_risk']);
    expect(alertsFor()[0]?.message).toMatchObject({ target: 'resolution', promisedBy });
    expect((await callApi('GET', `/v1/repairs/${id}`, { storeId })).body.sla).toEqual({ state: 'at_risk', promisedBy, pausedMinutes: 0 });
    expect((await callApi('GET', '/v1/repairs?sla=at_risk', { storeId })).body.items.map((o: { id: string }) => o.id)).toEqual([id]);

    await runJob('sla', new Date(start + span + MINUTE));
    await runJob('sla', new Date(start + span + 2 * MINUTE));
    expect(alertsFor().map((a) => (a.message as { flag: string }).flag)).toEqual(['at_risk', 'breached']);
    expect(alertsFor()[1]?.attributes).toMatchObject({ storeId, flag: 'breached' });
    expect(JSON.stringify(alertsFor())).not.toMatch(/\+91|Asha/);
    expect((await callApi('GET', '/v1/repairs?sla=breached', { storeId })).body.items.map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await callApi('GET', '/v1/repairs?sla=at_risk', { storeId })).body.items).toEqual([]);
  });

  test('an order whose promise passed before a later run had already happened is flagged by the next run', async () => {
    const { storeId } = await createTestStore('SLA Late Store');
    const later = new Date(Date.now() + DAY);
    await runJob('sla', later);
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const { id } = created.body;
    expect(Date.parse(created.body.promisedBy)).toBeLessThan(later.getTime());
    const next = await runJob('sla', new Date(later.getTime() + 5 * MINUTE));
    expect(next.failed).toBe(0);
    expect(sns.inbox.alerts.filter((a) => (a.message as { orderId: string }).orderId === id).map((a) => (a.message as { flag: string }).flag)).toEqual(['breached']);
    expect((await callApi('GET', `/v1/repairs/${id}`, { storeId })).body.sla.state).toBe('breached');
  });

  test('an order completed before its promise counts as met and is never flagged', async () => {
    const { storeId } = await createTestStore('SLA Met Store');
    const { id, order } = await completedOrder(storeId);
    const read = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(read.body).toMatchObject({ status: 'completed', slaMet: true, sla: { state: 'met', promisedBy: order.promisedBy, pausedMinutes: 0 } });
    const run = await runJob('sla', new Date(Date.parse(order.promisedBy) + DAY));
    expect(sns.inbox.alerts.filter((a) => (a.message as { orderId: string }).orderId === id)).toHaveLength(0);
    expect(run.failed).toBe(0);
  });
});
