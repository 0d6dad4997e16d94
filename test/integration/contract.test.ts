/**
 * The published contract against what the handlers really answer: every response body below is
 * parsed with the zod view schema the OpenAPI document is generated from, made strict at every
 * level, so a field the handler sends but the document does not declare (or a wrong type, or a
 * null the document does not allow) fails here. callApi also checks each response against the
 * published OpenAPI document itself (ajv), and the last test asks that every route was seen succeed.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { expectConforms } from '../support/contract.js';
import { callApi, newRepairBody, type ApiResult } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { API_ROUTES } from '../../functions/routes.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { checkedResponses } from '../support/openapi-contract.js';
import { imageBytes, runPhotoCheck, startTestS3, uploadWithForm } from '../support/s3.js';
import type { Principal } from '../../shared/domain/access.js';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/store/keys.js';
import { Problem } from '../../shared/schemas/common.js';
import { EscalationView, FollowUpView, RdEscalationList, RdResolved } from '../../shared/schemas/follow-ups.js';
import { LeagueTableView, MetricsView, QualityView } from '../../shared/schemas/metrics.js';
import { NetworkSettingsView } from '../../shared/schemas/network.js';
import { ErasureResult } from '../../shared/schemas/privacy.js';
import { RepairOrderList, RepairOrderView, TrackingView } from '../../shared/schemas/repair.js';
import { StoreSettingsView } from '../../shared/schemas/store-settings.js';
import { CampaignView, WarrantyList, WarrantyView } from '../../shared/schemas/warranties.js';
import { pageFormFields } from '../support/page-forms.js';

const expectProblem = (result: ApiResult, status: number) => {
  expectConforms(result, Problem, status);
  expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
};

const page = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const DAY = 86_400_000;

let table: TestTable;
let storeId: string;
let s3: Awaited<ReturnType<typeof startTestS3>>;
beforeAll(async () => {
  table = await createTestTable();
  // Before any handler loads: the photo adapters read the local S3's endpoint once, at init.
  s3 = await startTestS3();
  ({ storeId } = await createTestStore('Contract Store'));
});
afterAll(async () => {
  await s3?.stop();
  await table.drop();
});

describe('orders', () => {
  test('create, get, move, list, list by status, track', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ estimate: { amount: '1499.00', currency: 'INR' } }) });
    expectConforms(created, RepairOrderView, 201);
    const id = created.body.id as string;
    expectConforms(await callApi('GET', `/v1/repairs/${id}`, { storeId }), RepairOrderView, 200);
    expectConforms(await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'diagnosing', note: 'Display connector loose' } }), RepairOrderView, 200);
    expectConforms(await callApi('GET', '/v1/repairs?limit=5', { storeId }), RepairOrderList, 200);
    expectConforms(await callApi('GET', '/v1/repairs?status=diagnosing', { storeId }), RepairOrderList, 200);
    expectConforms(await callApi('GET', `/v1/track/${created.body.trackingCode}?phoneLast4=5678`), TrackingView, 200);
  });

  test('a mail-in order (nothing promised yet) and an erased one (no name, no phone) conform as well', async () => {
    const mailIn = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ channel: 'mail_in', device: { brand: 'OPPO', model: 'A78' } }) });
    expectConforms(mailIn, RepairOrderView, 201);
    expect(mailIn.body).toMatchObject({ promisedBy: null, slaStartedAt: null, device: { deviceId: null, purchaseDate: null } });

    const phone = '+919800000017';
    const erased = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ customer: { name: 'Kiran', phone, language: 'kn', smsOptIn: true } }) });
    const erasure = await callApi('DELETE', `/v1/customers/${encodeURIComponent(phone)}/personal-data`, { storeId });
    expectConforms(erasure, ErasureResult, 200);
    const read = await callApi('GET', `/v1/repairs/${erased.body.id}`, { storeId });
    expectConforms(read, RepairOrderView, 200);
    expect(read.body.customer).toMatchObject({ name: null, phone: null });
    expect(read.body.personalDataErasedAt).toEqual(expect.any(String));
  });

  test('problems: 400, 401, 404, 409 (invalid transition), 412, 413 carry only declared members', async () => {
    const { id } = (await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() })).body;
    expectProblem(await callApi('POST', '/v1/repairs', { storeId, body: { channel: 'drone' } }), 400);
    expectProblem(await callApi('GET', '/v1/repairs'), 401);
    expectProblem(await callApi('GET', '/v1/repairs/01JD0000000000000000000000', { storeId }), 404);
    const invalid = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'completed' } });
    expectProblem(invalid, 409);
    expect(invalid.body).toMatchObject({ currentStatus: 'received', requestedStatus: 'completed', allowed: expect.any(Array) });
    const stale = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'diagnosing' }, headers: { 'if-match': '"7"' } });
    expectProblem(stale, 412);
    expect(stale.body.currentVersion).toBe(1);
    expectProblem(await callApi('POST', '/v1/repairs', { storeId, rawBody: JSON.stringify({ pad: 'x'.repeat(70_000) }) }), 413);
  });
});

describe('opening hours and SLA clocks', () => {
  test('store settings with hours, and an overseas order paused (respondBy, pausedSince) and resumed, conform', async () => {
    const hours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['10:00', '13:00'], ['14:00', '20:00']]]));
    const patched = await callApi('PATCH', '/v1/store', { storeId, body: { hours: { ...hours, sun: [] }, holidays: [], extendedMinutes: 60 } });
    expectConforms(patched, StoreSettingsView, 200);
    expectConforms(await callApi('GET', '/v1/store', { storeId }), StoreSettingsView, 200);

    const { id, trackingCode } = (await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ overseas: true, estimate: { amount: '1499.00', currency: 'INR' } }) })).body;
    for (const status of ['diagnosing', 'awaiting_approval']) await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status } });
    const paused = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expectConforms(paused, RepairOrderView, 200);
    expect(paused.body.sla).toMatchObject({ state: 'paused', respondBy: expect.any(String), pausedSince: expect.any(String) });
    expectConforms(await callApi('GET', `/v1/track/${trackingCode}?phoneLast4=5678`), TrackingView, 200);
    expectConforms(await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'in_repair' } }), RepairOrderView, 200);
    expectConforms(await callApi('PATCH', '/v1/store', { storeId, body: { hours: null, extendedMinutes: 0 } }), StoreSettingsView, 200);
  });
});

describe('after completion: calls, escalations, warranties, metrics', () => {
  test('every list and answer conforms', async () => {
    const deviceId = '356938035641111';
    const { id } = (await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ device: { brand: 'OPPO', model: 'A78', deviceId } }) })).body;
    for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
      expect((await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status } })).status).toBe(200);
    }
    expectConforms(await callApi('GET', '/v1/follow-ups?state=planned', { storeId }), page(FollowUpView), 200);

    const job = SCHEDULED_JOBS.find((j) => j.name === 'followups')!;
    const { handler } = (await import('../../functions/jobs/followups.js')) as { handler: (e: ScheduledEvent, c: Context) => Promise<unknown> };
    await handler(scheduledEvent(job, new Date(Date.now() + 3 * DAY + 60_000)), { ...lambdaContext('followups'), getRemainingTimeInMillis: () => 300_000 });
    expectConforms(await callApi('GET', '/v1/follow-ups?state=due', { storeId }), page(FollowUpView), 200);

    const outcome = await callApi('POST', `/v1/follow-ups/${id}-F1/outcome`, { storeId, body: { reached: true, satisfied: false, rating: 2, resolved: false, notes: 'Touch lags; call +91 99000 11122' } });
    expectConforms(outcome, FollowUpView.extend({ escalation: EscalationView.nullable() }), 200);
    expectConforms(await callApi('GET', '/v1/escalations?state=open', { storeId }), page(EscalationView), 200);
    const resolved = await callApi('POST', `/v1/escalations/${id}-E1/resolve`, { storeId, body: { resolution: 'Digitizer replaced; customer reachable on 9900011122' } });
    expectConforms(resolved, EscalationView.extend({ callback: FollowUpView }), 200);
    expect(resolved.body.resolution).toBe('Digitizer replaced; customer reachable on ••••••1122');
    expectProblem(await callApi('POST', `/v1/escalations/${id}-E1/resolve`, { storeId, body: { resolution: 'again' } }), 409);

    expectConforms(await callApi('GET', `/v1/warranties/${deviceId}`, { storeId }), WarrantyList, 200);
    expectConforms(await callApi('POST', '/v1/warranties', { storeId, body: { deviceId, kind: 'extended', startsAt: '2027-03-01', months: 12 } }), WarrantyView, 201);
    const today = new Date().toISOString().slice(0, 10);
    expectConforms(await callApi('GET', `/v1/metrics?from=${today}&to=${today}`, { storeId }), MetricsView, 200);
    const insights: Principal = { kind: 'network', keyId: 'key_contract_insights', scopes: ['insights:read'] };
    expectConforms(await callApi('GET', `/v1/network/metrics?from=${today}&to=${today}&sort=-slaMetPercent`, { principal: insights }), LeagueTableView, 200);
    expectConforms(await callApi('GET', `/v1/network/quality?from=${today}&to=${today}&model=A78`, { principal: insights }), QualityView, 200);
  });

  test('the R&D tier: raise, the network queue, the finding', async () => {
    const rd: Principal = { kind: 'network', keyId: 'key_contract_rd', scopes: ['escalations:write'] };
    const { id } = (await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ device: { brand: 'OPPO', model: 'A78', deviceId: '356938035642226' } }) })).body;
    for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status } });
    const job = SCHEDULED_JOBS.find((j) => j.name === 'followups')!;
    const { handler } = (await import('../../functions/jobs/followups.js')) as { handler: (e: ScheduledEvent, c: Context) => Promise<unknown> };
    await handler(scheduledEvent(job, new Date(Date.now() + 3 * DAY + 60_000)), { ...lambdaContext('followups'), getRemainingTimeInMillis: () => 300_000 });
    await callApi('POST', `/v1/follow-ups/${id}-F1/outcome`, { storeId, body: { reached: true, resolved: false } });
    expectConforms(await callApi('POST', `/v1/escalations/${id}-E1/raise`, { storeId, body: { summary: 'Touch ghosting after two digitizers' } }), EscalationView, 200);
    expectConforms(await callApi('GET', '/v1/network/settings', { principal: rd }), NetworkSettingsView, 200);
    expectConforms(await callApi('PATCH', '/v1/network/settings', { principal: rd, body: { rdSlaHours: 48 } }), NetworkSettingsView, 200);
    expectProblem(await callApi('PATCH', '/v1/network/settings', { principal: rd, body: { rdSlaHours: 0 } }), 400);
    expectConforms(await callApi('GET', '/v1/network/escalations?state=raised', { principal: rd }), RdEscalationList, 200);
    expectConforms(await callApi('POST', `/v1/network/escalations/${id}-E1/resolve`, { principal: rd, body: { finding: 'Grounding fault in batch 7; replace the frame' } }), RdResolved, 200);
    expectProblem(await callApi('POST', `/v1/network/escalations/${id}-E1/resolve`, { principal: rd, body: { finding: 'again' } }), 409);
  });
});

describe('dates without a time are bounded', () => {
  const register = (startsAt: string) => callApi('POST', '/v1/warranties', { storeId, body: { deviceId: 'SN20000001', kind: 'manufacturer', startsAt, months: 12 } });
  const inYears = (years: number) => {
    const day = new Date();
    day.setUTCFullYear(day.getUTCFullYear() + years);
    return day.toISOString().slice(0, 10);
  };

  test.each(['0000-01-01', '1999-12-31', '9999-12-31', inYears(11)])('warranty startsAt %s → 400 naming startsAt', async (startsAt) => {
    const result = await register(startsAt);
    expectProblem(result, 400);
    expect(result.body.errors).toEqual([{ path: 'startsAt', message: expect.stringMatching(/2000-01-01|years from today/) }]);
  });

  test.each(['2000-01-01', inYears(-3), inYears(9)])('warranty startsAt %s is accepted', async (startsAt) => {
    expectConforms(await register(startsAt), WarrantyView, 201);
  });

  test.each([
    ['from=0000-01-01&to=0000-01-02', 'from'],
    ['from=2026-01-01&to=9999-12-31', 'to'],
  ])('metrics %s → 400 naming %s', async (query, path) => {
    const result = await callApi('GET', `/v1/metrics?${query}`, { storeId });
    expectProblem(result, 400);
    expect(result.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('store settings and the document itself', () => {
  test('GET and PATCH /v1/store, GET /v1/openapi.json conform', async () => {
    expect((await callApi('GET', '/v1/store', { storeId })).status).toBe(200);
    expect((await callApi('PATCH', '/v1/store', { storeId, body: { followUpDays: [3, 90] } })).status).toBe(200);
    expectProblem(await callApi('PATCH', '/v1/store', { storeId, body: { followUpDays: 'soon' } }), 400);
    expect((await callApi('GET', '/v1/openapi.json')).status).toBe(200);
  });
});

// Last in the file: the responses above were each checked against the published document by callApi.
describe('network, keys, photos and device history', () => {
  const hq: Principal = { kind: 'network', keyId: 'key_contract_hq', scopes: ['stores:read', 'stores:write', 'audit:read', 'prices:write'] };

  test('HQ onboards a store, rotates and revokes its keys, suspends and resumes it, reads the audit', async () => {
    const created = await callApi('POST', '/v1/network/stores', { principal: hq, body: { name: 'Contract Network Store', country: 'IN', timezone: 'Asia/Kolkata' } });
    expect(created.status).toBe(201);
    const id = created.body.store.id as string;
    expect((await callApi('GET', '/v1/network/stores?limit=5', { principal: hq })).status).toBe(200);
    expect((await callApi('GET', `/v1/network/stores/${id}`, { principal: hq })).status).toBe(200);
    const second = await callApi('POST', `/v1/network/stores/${id}/keys`, { principal: hq, body: { label: 'second' } });
    expect(second.status).toBe(201);
    expect((await callApi('GET', `/v1/network/stores/${id}/keys`, { principal: hq })).status).toBe(200);
    expect((await callApi('DELETE', `/v1/network/stores/${id}/keys/${second.body.keyId}`, { principal: hq })).status).toBe(204);
    expect((await callApi('POST', `/v1/network/stores/${id}/suspend`, { principal: hq })).body.state).toBe('suspended');
    expect((await callApi('POST', `/v1/network/stores/${id}/resume`, { principal: hq })).body.state).toBe('active');
    expect((await callApi('GET', '/v1/network/audit?limit=5', { principal: hq })).status).toBe(200);
  });

  test('quotes: HQ sets the price list and a programme; the store reads its list and quotes a repair', async () => {
    const inr = (amount: string) => ({ amount, currency: 'INR' });
    const list = await callApi('PUT', '/v1/network/prices', { principal: hq, body: { items: [{ model: '*', category: 'screen', part: inr('3000.00'), labour: inr('500.00') }] } });
    expect(list.status).toBe(200);
    expect((await callApi('POST', '/v1/network/programs', { principal: hq, body: { kind: 'screen_discount', models: ['A78'], percentOff: 25, from: '2026-01-01', to: '2099-12-31' } })).status).toBe(201);
    expect((await callApi('GET', '/v1/store/prices', { storeId })).body.currency).toBe('INR');
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const quoted = await callApi('POST', `/v1/repairs/${created.body.id}/quote`, { storeId, body: {} });
    expectConforms(quoted, RepairOrderView, 200);
    expect(quoted.body.quote.lines.map((l: { kind: string }) => l.kind)).toEqual(['part', 'discount', 'labour', 'tax']);
  });

  test('warranty extension campaigns: start, progress, cancel', async () => {
    const hqWarranties: Principal = { kind: 'network', keyId: 'key_contract_warranties', scopes: ['warranties:write'] };
    const started = await callApi('POST', '/v1/network/warranty-extensions', { principal: hqWarranties, body: { expiringFrom: '2030-01-01', expiringTo: '2030-01-31', days: 30, countries: ['IN'], reason: 'Contract' } });
    expectConforms(started, CampaignView, 202);
    expectConforms(await callApi('GET', `/v1/network/warranty-extensions/${started.body.id}`, { principal: hqWarranties }), CampaignView, 200);
    expectConforms(await callApi('POST', `/v1/network/warranty-extensions/${started.body.id}/cancel`, { principal: hqWarranties }), CampaignView, 200);
    expectProblem(await callApi('POST', `/v1/network/warranty-extensions/${started.body.id}/cancel`, { principal: hqWarranties }), 409);
  });

  test('a store rotates its own keys', async () => {
    const issued = await callApi('POST', '/v1/store/keys', { storeId, body: { label: 'rotation' } });
    expect(issued.status).toBe(201);
    expect((await callApi('GET', '/v1/store/keys', { storeId })).status).toBe(200);
    expect((await callApi('DELETE', `/v1/store/keys/${issued.body.keyId}`, { storeId })).status).toBe(204);
  });

  test('photos: ask, upload, check, list, delete; the device\'s history', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const id = created.body.id as string;
    const bytes = imageBytes('image/jpeg', 2_000);
    const asked = await callApi('POST', `/v1/repairs/${id}/photos`, { storeId, body: { stage: 'intake', contentType: 'image/jpeg', sizeBytes: bytes.length, customerVisible: true } });
    expect(asked.status).toBe(201);
    expect((await uploadWithForm(asked.body.upload, bytes, 'image/jpeg')).status).toBeLessThan(300);
    for (const event of s3.events.splice(0)) await runPhotoCheck(event);
    const listed = await callApi('GET', `/v1/repairs/${id}/photos`, { storeId });
    expect(listed.body.items.map((p: { state: string }) => p.state)).toEqual(['ready']);
    expect((await callApi('DELETE', `/v1/repairs/${id}/photos/${asked.body.id}`, { storeId })).status).toBe(204);
    const history = await callApi('GET', `/v1/devices/${created.body.device.deviceId}/history?limit=5`, { storeId });
    expect(history.body.items.map((item: { orderId: string }) => item.orderId)).toContain(id);
  });
});

describe('the customer page', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  test('the page, a problem reported on it, the lookup form and the lookup', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const stored = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.order(created.body.id) }));
    const token = stored.Item?.pageToken as string;
    const page = await callApi('GET', `/r/${token}?lang=en`);
    expect(page.status).toBe(200);
    const fields: Record<string, string> = { ...pageFormFields(page.body as string, 'problem'), problem: 'The screen flickers' };
    expect(fields.csrf).toBeDefined();
    expect((await callApi('POST', `/r/${token}/problem`, { rawBody: new URLSearchParams(fields).toString(), headers: form })).status).toBe(303);
    expect((await callApi('GET', '/track')).status).toBe(200);
    const lookup = new URLSearchParams({ code: created.body.trackingCode, last4: '5678', lang: 'en' }).toString();
    expect((await callApi('POST', '/track', { rawBody: lookup, headers: form })).status).toBe(303);
  });
});

test('every route of functions/routes.ts answered a success here that the OpenAPI document declares', () => {
  const succeeded = new Set([...checkedResponses].filter((key) => / [23]\d\d$/.test(key)).map((key) => key.replace(/ \d+$/, '')));
  expect(API_ROUTES.map((r) => `${r.method} ${r.path}`).filter((route) => !succeeded.has(route))).toEqual([]);
});
