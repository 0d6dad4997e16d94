import type { Context, ScheduledEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { storedOrder } from '../support/table-items.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import type { JobSummary } from '../../shared/usecases/jobs.js';
import type { RepairDeps } from '../../shared/usecases/repairs.js';
import type { Move, OrderIntake } from '../../shared/domain/order.js';

type JobHandler = (event: ScheduledEvent, context: Context) => Promise<JobSummary>;

let table: TestTable;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
let slaJob: JobHandler;
let deps: RepairDeps;
let usecases: typeof import('../../shared/usecases/repairs.js');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  process.env.OPS_TOPIC_ARN = 'arn:aws:sns:ap-south-1:000000000000:ops-test';
  table = await createTestTable();
  sns = await startSnsEndpoint();
  slaJob = ((await import('../../functions/jobs/sla.js')) as { handler: JobHandler }).handler;
  deps = (await import('../../shared/store/container.js')).repairDeps;
  usecases = await import('../../shared/usecases/repairs.js');
});
afterAll(async () => {
  await sns.stop();
  await table.drop();
});

/** Runs the SLA job's real handler at `time`; no item may fail. */
async function runSla(time: Date): Promise<JobSummary> {
  const job = SCHEDULED_JOBS.find((j) => j.name === 'sla')!;
  const summary = await slaJob(scheduledEvent(job, time), { ...lambdaContext('sla'), getRemainingTimeInMillis: () => 300_000 });
  expect(summary).toMatchObject({ failed: 0, complete: true });
  return summary;
}
const alertsFor = (id: string) =>
  sns.inbox.alerts.map((a) => a.message as { orderId: string; target: string; flag: string }).filter((a) => a.orderId === id).map((a) => `${a.target} ${a.flag}`);

/** The use cases the handlers call, on a clock the test sets (the handlers' own clock is the real one). */
const at = (instant: string | Date) => ({ ...deps, now: () => new Date(instant) });
const open = (storeId: string, instant: string, body: Record<string, unknown> = {}) =>
  usecases.createRepair(at(instant), storeId, newRepairBody(body) as OrderIntake).then((r) => r.order);
const move = (storeId: string, id: string, instant: string, to: Move['to']) => usecases.moveRepair(at(instant), storeId, id, { to }, null).then((r) => r.order);
const read = async (storeId: string, id: string) => (await callApi('GET', `/v1/repairs/${id}`, { storeId })).body;
const listed = async (storeId: string, flag: string) => ((await callApi('GET', `/v1/repairs?sla=${flag}`, { storeId })).body.items as { id: string }[]).map((o) => o.id);

const DAILY_TEN_TO_EIGHT = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['10:00', '20:00']]]));

describe('store calendar settings', () => {
  test('hours, holidays, extended minutes and the SLA clock settings round-trip; hours: null is around the clock again', async () => {
    const { storeId } = await createTestStore('Calendar Store');
    const before = await callApi('GET', '/v1/store', { storeId });
    expect(before.body).toMatchObject({ hours: null, holidays: [], extendedMinutes: 0, sla: { pauseStatuses: ['awaiting_approval', 'awaiting_parts'], overseasResponseHours: 10, hourTargets: 'calendar' } });

    const hours = { ...DAILY_TEN_TO_EIGHT, fri: [['10:00', '13:00'], ['14:00', '20:00']], sun: [] };
    const holiday = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const patched = await callApi('PATCH', '/v1/store', { storeId, body: { hours, holidays: [holiday], extendedMinutes: 120, sla: { pauseStatuses: ['awaiting_parts'], overseasResponseHours: 8, hourTargets: 'opening_hours' } } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ hours, holidays: [holiday], extendedMinutes: 120, sla: { walkInMinutes: 60, pauseStatuses: ['awaiting_parts'], overseasResponseHours: 8, hourTargets: 'opening_hours' } });
    expect((await callApi('GET', '/v1/store', { storeId })).body).toMatchObject({ hours, extendedMinutes: 120 });

    expect((await callApi('PATCH', '/v1/store', { storeId, body: { hours: null } })).body).toMatchObject({ hours: null, extendedMinutes: 120 });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['25:00', { hours: { ...DAILY_TEN_TO_EIGHT, mon: [['10:00', '25:00']] } }, 'hours.mon.0.1'],
    ['an interval that ends before it starts', { hours: { ...DAILY_TEN_TO_EIGHT, tue: [['20:00', '10:00']] } }, 'hours.tue.0'],
    ['overlapping intervals', { hours: { ...DAILY_TEN_TO_EIGHT, wed: [['10:00', '14:00'], ['13:00', '20:00']] } }, 'hours.wed.1'],
    ['three intervals', { hours: { ...DAILY_TEN_TO_EIGHT, thu: [['08:00', '09:00'], ['10:00', '11:00'], ['12:00', '13:00']] } }, 'hours.thu'],
    ['an unknown weekday', { hours: { ...DAILY_TEN_TO_EIGHT, funday: [] } }, 'hours.funday'],
    ['a missing weekday', { hours: { ...DAILY_TEN_TO_EIGHT, sat: undefined } }, 'hours.sat'],
    ['never open', { hours: Object.fromEntries(Object.keys(DAILY_TEN_TO_EIGHT).map((d) => [d, []])) }, 'hours'],
    ['extendedMinutes over 240', { extendedMinutes: 241 }, 'extendedMinutes'],
    ['negative extendedMinutes', { extendedMinutes: -1 }, 'extendedMinutes'],
    ['a terminal pause status', { sla: { pauseStatuses: ['awaiting_parts', 'completed'] } }, 'sla.pauseStatuses.1'],
    ['an unknown pause status', { sla: { pauseStatuses: ['waiting'] } }, 'sla.pauseStatuses.0'],
    ['a holiday that is not a date', { holidays: ['2026-02-30'] }, 'holidays.0'],
    ['61 holidays', { holidays: Array.from({ length: 61 }, (_, i) => new Date(Date.now() + i * 86_400_000).toISOString().slice(0, 10)) }, 'holidays'],
    ['an unknown hour-target clock', { sla: { hourTargets: 'lunar' } }, 'sla.hourTargets'],
  ])('%s → 400 naming the field', async (_what, body, path) => {
    const { storeId } = await createTestStore('Bad Calendar Store');
    const result = await callApi('PATCH', '/v1/store', { storeId, body });
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toContain('application/problem+json');
    expect(result.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('pauses', () => {
  test('pause and resume adjust the stored promise: a walk-in paused across closing time moves by the open minutes paused', async () => {
    const { storeId } = await createTestStore('Pause Store');
    expect((await callApi('PATCH', '/v1/store', { storeId, body: { hours: DAILY_TEN_TO_EIGHT } })).status).toBe(200);
    // Monday 19:30 in Kolkata: 30 minutes today, 30 tomorrow.
    const created = await open(storeId, '2026-11-23T19:30+05:30');
    expect(created.promisedBy).toBe(new Date('2026-11-24T10:30+05:30').toISOString());
    await move(storeId, created.id, '2026-11-23T19:35+05:30', 'diagnosing');

    const paused = await move(storeId, created.id, '2026-11-23T19:40+05:30', 'awaiting_parts');
    expect((await read(storeId, paused.id)).sla).toEqual({ state: 'paused', promisedBy: created.promisedBy, pausedMinutes: 0, pausedSince: new Date('2026-11-23T19:40+05:30').toISOString() });
    const whilePaused = (await storedOrder(table.doc, table.tableName, created.id)).order!;
    expect(whilePaused).toMatchObject({ pausedAt: new Date('2026-11-23T19:40+05:30').toISOString(), promisedBy: created.promisedBy });
    expect(whilePaused).not.toHaveProperty('gsi3pk'); // out of the SLA watch's queue
    const tracked = await callApi('GET', `/v1/track/${created.trackingCode}?phoneLast4=5678`);
    expect(tracked.body).toMatchObject({ status: 'awaiting_parts', promisedBy: created.promisedBy, waitingFor: 'parts' });

    // Resumed Tuesday 10:20: 20 + 20 open minutes were paused; 50 were left, so 11:10.
    await move(storeId, created.id, '2026-11-24T10:20+05:30', 'in_repair');
    const stored = (await storedOrder(table.doc, table.tableName, created.id)).order!;
    const moved = new Date('2026-11-24T11:10+05:30').toISOString();
    expect(stored).toMatchObject({ promisedBy: moved, pausedMs: 40 * MINUTE, gsi3pk: 'DUE#SLA' });
    expect(stored.pausedAt ?? null).toBeNull();
    expect((await read(storeId, created.id))).toMatchObject({ promisedBy: moved, sla: { state: 'on_track', promisedBy: moved, pausedMinutes: 40 } });
    expect((await callApi('GET', `/v1/track/${created.trackingCode}?phoneLast4=5678`)).body).toMatchObject({ promisedBy: moved, waitingFor: null });

    // Completed at 11:00: after the first promise (10:30), within the moved one: met (what metrics count).
    for (const to of ['quality_check', 'ready_for_pickup', 'completed'] as const) await move(storeId, created.id, '2026-11-24T11:00+05:30', to);
    expect(await read(storeId, created.id)).toMatchObject({ slaMet: true, sla: { state: 'met', pausedMinutes: 40 } });
  });

  test('the SLA job never flags a paused order; once resumed it counts from the moved promise', async () => {
    const { storeId } = await createTestStore('Paused Watch Store');
    const t0 = Date.parse('2026-11-23T06:00:00Z');
    const created = await open(storeId, new Date(t0).toISOString()); // around the clock: promised t0 + 60 min
    await move(storeId, created.id, new Date(t0 + 5 * MINUTE).toISOString(), 'diagnosing');
    await move(storeId, created.id, new Date(t0 + 10 * MINUTE).toISOString(), 'awaiting_parts');

    for (const late of [50, 120, 24 * 60]) await runSla(new Date(t0 + late * MINUTE));
    expect(alertsFor(created.id)).toEqual([]);
    expect((await read(storeId, created.id)).sla.state).toBe('paused');
    expect(await listed(storeId, 'breached')).not.toContain(created.id);

    // A job run holding a copy from before the pause cannot flag it either.
    const { orders } = await import('../../shared/store/container.js');
    expect(await orders.setSlaFlag({ ...created, pausedAt: null }, 'resolution', null, 'breached')).toBe(false);

    // Paused for 2 days: resumed at t0 + 2 d + 10 min, the promise is t0 + 2 d + 60 min.
    const resumed = await move(storeId, created.id, new Date(t0 + 2 * 24 * HOUR + 10 * MINUTE).toISOString(), 'in_repair');
    expect(resumed.promisedBy).toBe(new Date(t0 + 2 * 24 * HOUR + 60 * MINUTE).toISOString());
    await runSla(new Date(t0 + 2 * 24 * HOUR + 30 * MINUTE));
    expect(alertsFor(created.id)).toEqual([]);
    await runSla(new Date(t0 + 2 * 24 * HOUR + 61 * MINUTE));
    expect(alertsFor(created.id)).toEqual(['resolution breached']);
    expect((await read(storeId, created.id)).sla.state).toBe('breached');
  });
});

describe('two targets for overseas orders', () => {
  test('the SLA job flags and alerts a missed response apart from the promise; the state shows the worse one', async () => {
    const { storeId } = await createTestStore('Overseas Store');
    const t0 = Date.parse('2026-11-23T06:00:00Z');
    const body = { channel: 'on_site', distanceKm: 900, overseas: true };
    const late = await open(storeId, new Date(t0).toISOString(), body);
    const answered = await open(storeId, new Date(t0).toISOString(), body);
    expect(late).toMatchObject({ respondBy: new Date(t0 + 10 * HOUR).toISOString(), promisedBy: new Date(t0 + 72 * HOUR).toISOString() });
    expect((await read(storeId, late.id)).sla).toEqual({ state: 'on_track', promisedBy: late.promisedBy, respondBy: late.respondBy, pausedMinutes: 0 });
    await move(storeId, answered.id, new Date(t0 + 2 * HOUR).toISOString(), 'diagnosing');

    await runSla(new Date(t0 + 8 * HOUR)); // 80 % of the 10 h response target
    expect(alertsFor(late.id)).toEqual(['response at_risk']);
    expect((await read(storeId, late.id)).sla.state).toBe('at_risk');
    expect(await listed(storeId, 'at_risk')).toContain(late.id);

    await runSla(new Date(t0 + 10 * HOUR + MINUTE));
    await runSla(new Date(t0 + 10 * HOUR + 2 * MINUTE));
    expect(alertsFor(late.id)).toEqual(['response at_risk', 'response breached']);
    expect(sns.inbox.alerts.find((a) => (a.message as { orderId: string }).orderId === late.id && (a.message as { flag: string }).flag === 'breached')?.attributes)
      .toMatchObject({ storeId, flag: 'breached', target: 'response' });
    const stored = (await storedOrder(table.doc, table.tableName, late.id)).order!;
    expect(stored).toMatchObject({ responseSla: 'breached' });
    expect(stored.sla ?? null).toBeNull(); // the promise itself is fine
    expect((await read(storeId, late.id)).sla.state).toBe('breached');
    expect(await listed(storeId, 'breached')).toContain(late.id);

    // Answered late; then the promise reaches 75 % of 72 h: its own alert.
    await move(storeId, late.id, new Date(t0 + 12 * HOUR).toISOString(), 'diagnosing');
    await runSla(new Date(t0 + 55 * HOUR));
    expect(alertsFor(late.id)).toEqual(['response at_risk', 'response breached', 'resolution at_risk']);
    expect((await read(storeId, late.id)).sla.state).toBe('breached');

    // Answered in time: no response alert, only the promise's own.
    expect(alertsFor(answered.id)).toEqual(['resolution at_risk']);
    expect((await read(storeId, answered.id)).sla.state).toBe('at_risk');
  });

  test('an at-risk response answered in time clears; completion within the promise reads as met', async () => {
    const { storeId } = await createTestStore('Overseas Met Store');
    const t0 = Date.parse('2026-11-23T06:00:00Z');
    const order = await open(storeId, new Date(t0).toISOString(), { channel: 'on_site', distanceKm: 900, overseas: true });
    await runSla(new Date(t0 + 8 * HOUR));
    expect(alertsFor(order.id)).toEqual(['response at_risk']);
    await move(storeId, order.id, new Date(t0 + 9 * HOUR).toISOString(), 'diagnosing');
    await runSla(new Date(t0 + 9 * HOUR + 5 * MINUTE));
    expect((await read(storeId, order.id)).sla.state).toBe('on_track');
    expect(await listed(storeId, 'at_risk')).not.toContain(order.id);
    let hour = 10;
    for (const to of ['in_repair', 'quality_check', 'shipped', 'completed'] as const) await move(storeId, order.id, new Date(t0 + hour++ * HOUR).toISOString(), to);
    expect(await read(storeId, order.id)).toMatchObject({ status: 'completed', slaMet: true, sla: { state: 'met' } });
    expect(alertsFor(order.id)).toEqual(['response at_risk']);
  });
});
