/**
 * Warranty extension campaigns on DynamoDB Local: a few thousand warranties seeded as the
 * repositories write them, the campaign started and read through the real handlers, the job's
 * use case run over the real adapters — with an injected failure, a duplicate (concurrent) run
 * and a re-run — extending each matching warranty exactly once; then a cancellation mid-way.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { addDays } from '../../shared/domain/calendar.js';
import type { Warranty } from '../../shared/domain/warranty.js';
import type { Principal } from '../../shared/domain/access.js';
import type { CampaignRepository, CampaignRunDeps } from '../../shared/usecases/warranty-campaigns.js';
import type { JobBudget } from '../../shared/usecases/jobs.js';

const hq: Principal = { kind: 'network', keyId: 'key_warranty_hq', scopes: ['warranties:write', 'audit:read'] };
const COUNT = 3_000;
let table: TestTable;
let india: string;
let georgia: string;
const seeded: Warranty[] = [];

beforeAll(async () => {
  table = await createTestTable();
  ({ storeId: india } = await createTestStore('Mumbai Service'));
  const { createStore } = await import('../../shared/usecases/stores.js');
  const { stores } = await import('../../shared/store/container.js');
  georgia = (await createStore(stores, { name: 'Tbilisi Service', country: 'GE', timezone: 'Asia/Tbilisi' })).store.id;
  const { warrantyItem, firstWarrantyStep } = await import('../../shared/store/items.js');
  // Last days spread over 2027-01-01 … 2027-04-30; every third an A78, every fifth granted in Georgia.
  for (let i = 0; i < COUNT; i++) {
    const endsAt = addDays('2027-01-01', i % 120);
    seeded.push({
      id: `wr_CAMP${String(i).padStart(5, '0')}`,
      deviceId: `CAMPDEV${String(i).padStart(6, '0')}`,
      kind: 'repair',
      startsAt: addDays(endsAt, -89),
      endsAt,
      orderId: `ORDER${i}`,
      storeId: i % 5 === 0 ? georgia : india,
      timezone: i % 5 === 0 ? 'Asia/Tbilisi' : 'Asia/Kolkata',
      createdAt: '2026-10-01T10:00:00.000Z',
      model: i % 3 === 0 ? 'A78' : 'Reno 12',
    });
  }
  for (let i = 0; i < seeded.length; i += 25) {
    const items = seeded.slice(i, i + 25).map((w) => ({ PutRequest: { Item: warrantyItem(w, firstWarrantyStep(w)) } }));
    await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: items } }));
  }
}, 120_000);
afterAll(async () => {
  await table.drop();
});

const budget = (pages = Infinity): JobBudget & { used: () => number } => {
  let used = 0;
  return { pageSize: 100, hasTime: () => used++ < pages, used: () => used };
};

async function runDeps(override: Partial<CampaignRepository> = {}): Promise<CampaignRunDeps> {
  const { campaignDeps } = await import('../../shared/store/network-container.js');
  const campaigns = campaignDeps.campaigns;
  const wrapped: CampaignRepository = {
    create: (c) => campaigns.create(c),
    get: (id) => campaigns.get(id),
    running: () => campaigns.running(),
    cancel: (c) => campaigns.cancel(c),
    page: (c, limit) => campaigns.page(c, limit),
    extendOnce: (c, before, after, now, noticeAt) => campaigns.extendOnce(c, before, after, now, noticeAt),
    commitPage: (c, next, at) => campaigns.commitPage(c, next, at),
    ...override,
  };
  return { campaigns: wrapped, stores: campaignDeps.stores, now: () => new Date(), pace: async () => undefined, extensionsPerSecond: 1_000_000 };
}

const warrantiesOf = async (deviceId: string) => (await callApi('GET', `/v1/warranties/${deviceId}`, { storeId: india })).body.items as { id: string; endsAt: string; extensions: { campaignId: string; previousEndsAt: string; days: number }[] }[];

test('each matching warranty extended exactly once despite a failure, a duplicate run and a re-run', async () => {
  const started = await callApi('POST', '/v1/network/warranty-extensions', {
    principal: hq,
    body: { expiringFrom: '2027-02-01', expiringTo: '2027-03-31', days: 60, models: ['a78'], countries: ['IN'], reason: 'Service centres closed during the floods' },
  });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ state: 'running', matched: 0, extended: 0 });
  const id = started.body.id as string;
  const expected = seeded.filter((w) => w.endsAt >= '2027-02-01' && w.endsAt <= '2027-03-31' && w.model === 'A78' && w.storeId === india);
  expect(expected.length).toBeGreaterThan(300);

  const { runCampaignJob } = await import('../../shared/usecases/warranty-campaigns.js');
  // An injected failure on one warranty: its page is left uncommitted and read again by the next run.
  let failures = 1;
  const failing = await runDeps({
    extendOnce: async (c, before, after, now, noticeAt) => {
      if (before.warranty.id === expected[40]!.id && failures-- > 0) throw new Error('injected: throttled');
      return (await runDeps()).campaigns.extendOnce(c, before, after, now, noticeAt);
    },
  });
  const at = new Date();
  const t0 = Date.now();
  const first = await runCampaignJob(failing, at, budget());
  expect(first.failed).toBe(1);
  // The duplicate: two runs at once (a redelivered event, an overlapping schedule), then a re-run.
  const deps = await runDeps();
  const [a, b] = await Promise.all([runCampaignJob(deps, at, budget()), runCampaignJob(deps, at, budget())]);
  const again = await runCampaignJob(deps, at, budget());
  const seconds = (Date.now() - t0) / 1000;
  const extendedByRuns = first.changed + a.changed + b.changed + again.changed;
  console.log(`campaign: ${expected.length} of ${COUNT} warranties extended in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)} examined/s, ${Math.round(expected.length / seconds)} extended/s against DynamoDB Local)`);
  expect(extendedByRuns).toBe(expected.length);

  const progress = await callApi('GET', `/v1/network/warranty-extensions/${id}`, { principal: hq });
  // Exact, though the failed page's extended warranties had moved out of it when it was read again.
  expect(progress.body).toMatchObject({ id, state: 'done', matched: expected.length, extended: expected.length });

  // On the warranties themselves: moved by 60 days once, the extension recorded; the others untouched.
  for (const w of [expected[0]!, expected[40]!, expected[expected.length - 1]!]) {
    const [read] = await warrantiesOf(w.deviceId);
    expect(read).toMatchObject({ endsAt: addDays(w.endsAt, 60), extensions: [{ campaignId: id, previousEndsAt: w.endsAt, days: 60 }] });
  }
  const untouched = seeded.find((w) => w.model === 'A78' && w.storeId === georgia && w.endsAt >= '2027-02-01' && w.endsAt <= '2027-03-31')!;
  expect((await warrantiesOf(untouched.deviceId))[0]).toMatchObject({ endsAt: untouched.endsAt, extensions: [] });
  const outOfRange = seeded.find((w) => w.model === 'A78' && w.storeId === india && w.endsAt < '2027-02-01')!;
  expect((await warrantiesOf(outOfRange.deviceId))[0]!.endsAt).toBe(outOfRange.endsAt);
  // Completed: a later run finds nothing to do.
  expect((await runCampaignJob(deps, new Date(), budget())).examined).toBe(0);
  const audit = await callApi('GET', '/v1/network/audit?limit=5', { principal: hq });
  expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'warranty-extension.start', target: { campaignId: id } })]));
}, 240_000);

test('a cancelled campaign stops where it was; its extensions stay; bad input names the field', async () => {
  const started = await callApi('POST', '/v1/network/warranty-extensions', { principal: hq, body: { expiringFrom: '2027-01-01', expiringTo: '2027-01-31', days: 30, reason: 'Cancelled test' } });
  const id = started.body.id as string;
  const { runCampaignJob } = await import('../../shared/usecases/warranty-campaigns.js');
  const deps = await runDeps();
  const partial = await runCampaignJob(deps, new Date(), budget(2));
  expect(partial.complete).toBe(false);
  const cancelled = await callApi('POST', `/v1/network/warranty-extensions/${id}/cancel`, { principal: hq });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.state).toBe('cancelled');
  const extendedBefore = cancelled.body.extended as number;
  expect(extendedBefore).toBeGreaterThan(0);
  expect(await runCampaignJob(deps, new Date(), budget())).toMatchObject({ changed: 0 });
  expect((await callApi('GET', `/v1/network/warranty-extensions/${id}`, { principal: hq })).body).toMatchObject({ state: 'cancelled', extended: extendedBefore });
  expect((await callApi('POST', `/v1/network/warranty-extensions/${id}/cancel`, { principal: hq })).status).toBe(409);
  expect((await callApi('GET', '/v1/network/warranty-extensions/wx_01JZZZZZZZZZZZZZZZZZZZZZZZ', { principal: hq })).status).toBe(404);

  const fieldsOf = async (body: Record<string, unknown>) => {
    const result = await callApi('POST', '/v1/network/warranty-extensions', { principal: hq, body: { expiringFrom: '2027-01-01', expiringTo: '2027-01-31', days: 30, reason: 'x', ...body } });
    expect(result.status).toBe(400);
    return result.body.errors.map((e: { path: string }) => e.path);
  };
  expect(await fieldsOf({ days: 0 })).toEqual(['days']);
  expect(await fieldsOf({ days: 366 })).toEqual(['days']);
  expect(await fieldsOf({ expiringTo: '2026-12-31' })).toEqual(['expiringTo']);
  expect(await fieldsOf({ expiringTo: '2028-06-01' })).toEqual(['expiringTo']);
  expect(await fieldsOf({ models: ['##'] })).toEqual(['models.0']);
  expect(await fieldsOf({ countries: ['india'] })).toEqual(['countries.0']);
}, 120_000);

test('a run that dies after extending a page: the re-run leaves matched exact (each counted with its extension)', async () => {
  const { warrantyItem, firstWarrantyStep } = await import('../../shared/store/items.js');
  // 400 more warranties ending in June 2027, every other one a Find X8: 200 match.
  const june: Warranty[] = Array.from({ length: 400 }, (_, i) => {
    const endsAt = addDays('2027-06-01', i % 30);
    return { id: `wr_JUNE${String(i).padStart(5, '0')}`, deviceId: `JUNEDEV${String(i).padStart(6, '0')}`, kind: 'repair', startsAt: addDays(endsAt, -89), endsAt, orderId: `JUNE${i}`, storeId: india, timezone: 'Asia/Kolkata', createdAt: '2026-10-01T10:00:00.000Z', model: i % 2 ? 'Find X8' : 'Find N3' };
  });
  for (let i = 0; i < june.length; i += 25) {
    const items = june.slice(i, i + 25).map((w) => ({ PutRequest: { Item: warrantyItem(w, firstWarrantyStep(w)) } }));
    await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: items } }));
  }
  const expected = june.filter((w) => w.model === 'Find X8');
  const started = await callApi('POST', '/v1/network/warranty-extensions', { principal: hq, body: { expiringFrom: '2027-06-01', expiringTo: '2027-06-30', days: 90, models: ['Find X8'], reason: 'Matched exactly' } });
  const id = started.body.id as string;

  const { runCampaignJob } = await import('../../shared/usecases/warranty-campaigns.js');
  // The second page is extended, then the run dies before committing it (the cursor stays before it).
  let commits = 0;
  const dying = await runDeps({
    commitPage: async (c, next, at) => {
      if (++commits === 2) throw new Error('injected: the Lambda ran out of time');
      return (await runDeps()).campaigns.commitPage(c, next, at);
    },
  });
  await expect(runCampaignJob(dying, new Date(), budget())).rejects.toThrow('injected');
  const mid = (await callApi('GET', `/v1/network/warranty-extensions/${id}`, { principal: hq })).body;
  expect(mid).toMatchObject({ state: 'running' });
  expect(mid.extended).toBeGreaterThan(0);
  expect(mid.matched).toBe(mid.extended);
  // Read again, the dead run's extended warranties have moved to September: not on the page any more.
  const rerun = await runCampaignJob(await runDeps(), new Date(), budget());
  expect(rerun.changed).toBe(expected.length - mid.extended);
  expect((await callApi('GET', `/v1/network/warranty-extensions/${id}`, { principal: hq })).body).toMatchObject({ state: 'done', matched: expected.length, extended: expected.length });
}, 120_000);

test('a campaign stored as "completed" (before the contract\'s "done") reads as done and cannot be cancelled', async () => {
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const id = `wx_01JQ0${'Z'.repeat(21)}`;
  const at = '2026-11-01T10:00:00.000Z';
  await table.doc.send(new PutCommand({
    TableName: table.tableName,
    Item: { pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN', type: 'warrantyCampaign', id, state: 'completed', expiringFrom: '2027-01-01', expiringTo: '2027-01-31', days: 10, models: null, countries: null, reason: 'Old', createdAt: at, updatedAt: at, matched: 3, extended: 3, cursor: null },
  }));
  expect((await callApi('GET', `/v1/network/warranty-extensions/${id}`, { principal: hq })).body).toMatchObject({ id, state: 'done', matched: 3, extended: 3 });
  const cancel = await callApi('POST', `/v1/network/warranty-extensions/${id}/cancel`, { principal: hq });
  expect(cancel.status).toBe(409);
  expect(cancel.body.currentState).toBe('done');
});
