/**
 * The R&D tier, end to end on DynamoDB Local with the real handlers: a store raises an open
 * escalation, HQ reads the R&D queue (no customer name or phone; numbers in the text masked),
 * resolves it with a finding, and the customer's callback lands in the store's queue exactly as
 * when the store resolves one itself.
 */
import { jest } from '@jest/globals';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import type { Principal } from '../../shared/domain/access.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import type { JobSummary } from '../../shared/usecases/jobs.js';

const DAY = 86_400_000;
const CUSTOMER = { name: 'Meera Iyer', phone: '+919845011223' };
const rd: Principal = { kind: 'network', keyId: 'key_rd_team', scopes: ['escalations:write', 'audit:read'] };

let table: TestTable;
let storeId: string;
let otherStoreId: string;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
beforeAll(async () => {
  process.env.OPS_TOPIC_ARN = 'arn:aws:sns:ap-south-1:000000000000:ops-test';
  table = await createTestTable();
  sns = await startSnsEndpoint();
  ({ storeId } = await createTestStore('Koramangala Service'));
  ({ storeId: otherStoreId } = await createTestStore('Other Store'));
});
afterAll(async () => {
  await sns.stop();
  await table.drop();
});
afterEach(() => jest.useRealTimers());

/** The handlers' clock (only Date: timers and the SDK's own waits run as usual), set to `at`. */
function clockAt(at: number): void {
  jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  jest.setSystemTime(at);
}

/** A completed repair whose first call found an unhappy customer: its escalation E1 is open. */
async function openEscalation(deviceId: string): Promise<{ orderId: string; escalationId: string }> {
  const body = newRepairBody({ customer: { ...CUSTOMER, language: 'ta', smsOptIn: true }, device: { brand: 'OPPO', model: 'Reno 12', deviceId }, issue: { category: 'battery', description: 'Drains overnight' } });
  const { id } = (await callApi('POST', '/v1/repairs', { storeId, body })).body as { id: string };
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    expect((await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status } })).status).toBe(200);
  }
  const job = SCHEDULED_JOBS.find((j) => j.name === 'followups')!;
  const { handler } = (await import('../../functions/jobs/followups.js')) as { handler: (e: ScheduledEvent, c: Context) => Promise<unknown> };
  await handler(scheduledEvent(job, new Date(Date.now() + 3 * DAY + 60_000)), { ...lambdaContext('followups'), getRemainingTimeInMillis: () => 300_000 });
  const outcome = await callApi('POST', `/v1/follow-ups/${id}-F1/outcome`, {
    storeId,
    body: { reached: true, satisfied: false, resolved: false, notes: 'Still drains; her husband asks to call +91 98450 99887' },
  });
  expect(outcome.status).toBe(200);
  expect(outcome.body.escalation.state).toBe('open');
  return { orderId: id, escalationId: `${id}-E1` };
}

test('raise → R&D queue → finding → resolved in the store with the callback planned', async () => {
  const { orderId, escalationId } = await openEscalation('356938035700011');

  // Another store cannot see it; a bad body names the field.
  expect((await callApi('POST', `/v1/escalations/${escalationId}/raise`, { storeId: otherStoreId, body: { summary: 'x' } })).status).toBe(404);
  const empty = await callApi('POST', `/v1/escalations/${escalationId}/raise`, { storeId, body: { summary: ' ' } });
  expect(empty.status).toBe(400);
  expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['summary']);

  const raised = await callApi('POST', `/v1/escalations/${escalationId}/raise`, { storeId, body: { summary: 'Battery swapped twice, drain persists; suspect board leakage. Engineer on 9845077665' } });
  expect(raised.status).toBe(200);
  expect(raised.body).toMatchObject({ id: escalationId, state: 'raised', rd: { summary: 'Battery swapped twice, drain persists; suspect board leakage. Engineer on ••••••7665', finding: null } });
  // Raised once: again, or resolving it in the store, is a conflict.
  expect((await callApi('POST', `/v1/escalations/${escalationId}/raise`, { storeId, body: { summary: 'again' } })).status).toBe(409);
  const storeResolve = await callApi('POST', `/v1/escalations/${escalationId}/resolve`, { storeId, body: { resolution: 'mine' } });
  expect(storeResolve.status).toBe(409);
  expect(storeResolve.body.currentState).toBe('raised');
  expect((await callApi('GET', '/v1/escalations?state=raised', { storeId })).body.items.map((e: { id: string }) => e.id)).toEqual([escalationId]);
  expect((await callApi('GET', '/v1/escalations?state=open', { storeId })).body.items).toEqual([]);

  // HQ's queue: the device, category, store, summary and notes; nobody's name or number.
  const queue = await callApi('GET', '/v1/network/escalations?state=raised', { principal: rd });
  expect(queue.status).toBe(200);
  const listed = queue.body.items.find((e: { id: string }) => e.id === escalationId);
  expect(listed).toMatchObject({
    orderId,
    state: 'raised',
    store: { id: storeId, name: 'Koramangala Service' },
    device: { brand: 'OPPO', model: 'Reno 12', deviceId: '356938035700011' },
    category: 'battery',
    summary: 'Battery swapped twice, drain persists; suspect board leakage. Engineer on ••••••7665',
    notes: 'Still drains; her husband asks to call +91••••••9887',
    finding: null,
  });
  const text = JSON.stringify(queue.body);
  for (const secret of [CUSTOMER.name, CUSTOMER.phone, '98450 99887', '9845077665', CUSTOMER.phone.slice(-10)]) expect(text).not.toContain(secret);

  // The wrong scope is refused; a store key too.
  expect((await callApi('GET', '/v1/network/escalations', { principal: { kind: 'network', keyId: 'key_x', scopes: ['insights:read'] } })).status).toBe(403);

  const resolved = await callApi('POST', `/v1/network/escalations/${escalationId}/resolve`, { principal: rd, body: { finding: 'Firmware 14.2 keeps the modem awake; fixed in 14.3, update the device' } });
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ id: escalationId, state: 'resolved', finding: 'Firmware 14.2 keeps the modem awake; fixed in 14.3, update the device', callback: { id: `${orderId}-F101`, kind: 'callback', state: 'planned' } });
  expect(Date.parse(resolved.body.callback.dueAt) - Date.parse(resolved.body.resolvedAt)).toBe(DAY);
  expect(JSON.stringify(resolved.body)).not.toContain(CUSTOMER.phone);
  expect((await callApi('POST', `/v1/network/escalations/${escalationId}/resolve`, { principal: rd, body: { finding: 'again' } })).status).toBe(409);

  // Gone from R&D's queue; the store reads it resolved with the finding, and its callback is planned with the customer's number.
  expect((await callApi('GET', '/v1/network/escalations', { principal: rd })).body.items.map((e: { id: string }) => e.id)).not.toContain(escalationId);
  const storeView = (await callApi('GET', '/v1/escalations?state=resolved', { storeId })).body.items.find((e: { id: string }) => e.id === escalationId);
  expect(storeView).toMatchObject({ state: 'resolved', resolution: 'Firmware 14.2 keeps the modem awake; fixed in 14.3, update the device', rd: { finding: 'Firmware 14.2 keeps the modem awake; fixed in 14.3, update the device' } });
  const planned = (await callApi('GET', '/v1/follow-ups?state=planned', { storeId })).body.items.find((t: { id: string }) => t.id === `${orderId}-F101`);
  expect(planned).toMatchObject({ kind: 'callback', customer: { name: CUSTOMER.name, phone: CUSTOMER.phone }, dueAt: resolved.body.callback.dueAt });

  // The network action is audited, by key, with its target.
  const audit = await callApi('GET', '/v1/network/audit?limit=5', { principal: rd });
  expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'escalation.resolve', actor: expect.objectContaining({ keyId: 'key_rd_team' }), target: { storeId, escalationId } })]));
});

test('HQ resolves only raised escalations: open → 409, unknown → 404, a bad finding → 400', async () => {
  const { escalationId, orderId } = await openEscalation('356938035700029');
  const open = await callApi('POST', `/v1/network/escalations/${escalationId}/resolve`, { principal: rd, body: { finding: 'too early' } });
  expect(open.status).toBe(409);
  expect(open.body.currentState).toBe('open');
  expect((await callApi('POST', `/v1/network/escalations/${orderId}-E9/resolve`, { principal: rd, body: { finding: 'x' } })).status).toBe(404);
  expect((await callApi('POST', '/v1/network/escalations/not-an-id/resolve', { principal: rd, body: { finding: 'x' } })).status).toBe(404);
  const bad = await callApi('POST', `/v1/network/escalations/${escalationId}/resolve`, { principal: rd, body: { finding: '' } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['finding']);
  // Still the store's to work: it resolves it itself.
  expect((await callApi('POST', `/v1/escalations/${escalationId}/resolve`, { storeId, body: { resolution: 'Replaced the battery again' } })).status).toBe(200);
  expect((await callApi('POST', `/v1/escalations/${escalationId}/raise`, { storeId, body: { summary: 'late' } })).status).toBe(409);
});

test("the R&D queue's SLA: an escalation unanswered 72 h after it was raised is alerted once to the ops topic, without customer data", async () => {
  const { escalationId } = await openEscalation('356938035700037');
  const raised = await callApi('POST', `/v1/escalations/${escalationId}/raise`, { storeId, body: { summary: 'Overheats while charging' } });
  const raisedAt = Date.parse(raised.body.rd.raisedAt);
  const job = SCHEDULED_JOBS.find((j) => j.name === 'sla')!;
  const { handler } = (await import('../../functions/jobs/sla.js')) as { handler: (e: ScheduledEvent, c: Context) => Promise<JobSummary> };
  const run = (at: number) => handler(scheduledEvent(job, new Date(at)), { ...lambdaContext('sla'), getRemainingTimeInMillis: () => 300_000 });
  const alerts = () => sns.inbox.alerts.filter((a) => (a.message as { escalationId?: string }).escalationId === escalationId);

  await run(raisedAt + 71 * 3_600_000);
  expect(alerts()).toHaveLength(0);
  await run(raisedAt + 72 * 3_600_000 + 60_000);
  await run(raisedAt + 73 * 3_600_000);
  expect(alerts()).toHaveLength(1);
  expect(alerts()[0]).toMatchObject({ message: { kind: 'rd-sla', storeId, model: 'Reno 12', category: 'battery', dueBy: new Date(raisedAt + 72 * 3_600_000).toISOString() }, attributes: { storeId, target: 'rd' } });
  expect(JSON.stringify(alerts())).not.toMatch(/\+91|Meera/);
  // Still in R&D's queue, and R&D can still answer it.
  expect((await callApi('POST', `/v1/network/escalations/${escalationId}/resolve`, { principal: rd, body: { finding: 'Charger IC batch fault' } })).status).toBe(200);
});

test("the R&D SLA is a network setting: 72 h until HQ changes it; a change applies to escalations raised after it (within the settings cache's minute), raised ones keep their dueBy", async () => {
  const HOUR = 3_600_000;
  const settings = (body?: unknown) => callApi(body === undefined ? 'GET' : 'PATCH', '/v1/network/settings', { principal: rd, ...(body !== undefined && { body }) });
  expect((await settings()).body).toEqual({ rdSlaHours: 72, updatedAt: null });

  const [early, within, late] = [await openEscalation('356938035700045'), await openEscalation('356938035700052'), await openEscalation('356938035700060')];
  // Ten minutes on: whatever an earlier raise cached in this container has expired.
  const t0 = Date.now() + 10 * 60_000;
  clockAt(t0);
  const raise = async (id: string) => (await callApi('POST', `/v1/escalations/${id}/raise`, { storeId, body: { summary: 'Speaker crackles at high volume' } })).body.rd as { raisedAt: string; dueBy: string };
  const first = await raise(early.escalationId);
  expect(Date.parse(first.dueBy) - Date.parse(first.raisedAt)).toBe(72 * HOUR);

  // Bad values and unknown fields are 400s naming the field, and change nothing.
  for (const [body, path] of [[{ rdSlaHours: 0 }, 'rdSlaHours'], [{ rdSlaHours: 721 }, 'rdSlaHours'], [{ rdSlaHours: 1.5 }, 'rdSlaHours'], [{ rdSlaHours: '24' }, 'rdSlaHours'], [{ rdSlaHours: null }, 'rdSlaHours'], [{ rdSlaHours: 24, slaHours: 24 }, 'slaHours']] as const) {
    const bad = await settings(body);
    expect({ body, status: bad.status, paths: bad.body.errors?.map((e: { path: string }) => e.path) }).toEqual({ body, status: 400, paths: [path] });
  }
  expect((await settings()).body.rdSlaHours).toBe(72);

  const changed = await settings({ rdSlaHours: 24 });
  expect(changed.status).toBe(200);
  expect(changed.body).toEqual({ rdSlaHours: 24, updatedAt: new Date(t0).toISOString() });
  expect((await settings()).body).toEqual(changed.body);
  // A patch that changes nothing writes nothing (and is not audited).
  expect((await settings({})).body).toEqual(changed.body);
  expect((await settings({ rdSlaHours: 24 })).body).toEqual(changed.body);
  const audit = (await callApi('GET', '/v1/network/audit?limit=20', { principal: rd })).body.items.filter((e: { action: string }) => e.action === 'network.settings.update');
  expect(audit).toEqual([{ at: new Date(t0).toISOString(), actor: { keyId: 'key_rd_team', label: 'key_rd_team' }, action: 'network.settings.update', target: { fields: ['rdSlaHours'], settings: { rdSlaHours: 24 } } }]);

  // The raise function read the settings at t0 and keeps them a minute: the bound on how late a change applies.
  clockAt(t0 + 59_000);
  const second = await raise(within.escalationId);
  expect(Date.parse(second.dueBy) - Date.parse(second.raisedAt)).toBe(72 * HOUR);
  clockAt(t0 + 61_000);
  const third = await raise(late.escalationId);
  expect(Date.parse(third.dueBy) - Date.parse(third.raisedAt)).toBe(24 * HOUR);
  jest.useRealTimers();

  // The SLA job alerts the 24 h one after 24 h, not before; the earlier ones only after their 72 h.
  const job = SCHEDULED_JOBS.find((j) => j.name === 'sla')!;
  const { handler } = (await import('../../functions/jobs/sla.js')) as { handler: (e: ScheduledEvent, c: Context) => Promise<JobSummary> };
  const run = (at: number) => handler(scheduledEvent(job, new Date(at)), { ...lambdaContext('sla'), getRemainingTimeInMillis: () => 300_000 });
  const alerted = () => sns.inbox.alerts.map((a) => (a.message as { escalationId?: string }).escalationId).filter((id) => [early, within, late].some((e) => e.escalationId === id));
  const raisedLate = Date.parse(third.raisedAt);
  await run(raisedLate + 24 * HOUR - 60_000);
  expect(alerted()).toEqual([]);
  await run(raisedLate + 24 * HOUR + 60_000);
  expect(alerted()).toEqual([late.escalationId]);
  await run(Date.parse(first.raisedAt) + 72 * HOUR - 60_000);
  expect(alerted()).toEqual([late.escalationId]);
  await run(Date.parse(second.raisedAt) + 72 * HOUR + 60_000);
  expect(alerted().sort()).toEqual([early.escalationId, within.escalationId, late.escalationId].sort());
});
