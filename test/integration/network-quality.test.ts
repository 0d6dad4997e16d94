/**
 * Model quality through the real path: orders by API, the table's stream to the aggregator
 * (each batch delivered twice: counted once), then GET /v1/network/quality. Devices repaired in
 * one store come back to two others under their repair warranty.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { streamReader } from '../support/stream.js';
import { lambdaContext } from '../../local/api-gateway.js';
import type { Principal } from '../../shared/domain/access.js';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

const hq: Principal = { kind: 'network', keyId: 'key_quality', scopes: ['insights:read'] };
let table: TestTable;
let stream: Awaited<ReturnType<typeof streamReader>>;
let aggregator: StreamHandler;

beforeAll(async () => {
  table = await createTestTable();
  aggregator = ((await import('../../functions/aggregator.js')) as unknown as { handler: StreamHandler }).handler;
  stream = await streamReader(table.tableName);
});
afterAll(async () => {
  await stream.stop();
  await table.drop();
});

const deliverTwice = async (records: DynamoDBRecord[]) => {
  for (let i = 0; i < 2; i++) expect((await aggregator({ Records: records }, lambdaContext('aggregator'))).batchItemFailures).toEqual([]);
};
const repair = async (storeId: string, model: string, deviceId: string, category: string, complete: boolean) => {
  const body = newRepairBody({ device: { brand: 'OPPO', model, deviceId }, issue: { category, description: 'Fault' } });
  const created = await callApi('POST', '/v1/repairs', { storeId, body });
  expect(created.status).toBe(201);
  if (complete) {
    for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
      expect((await callApi('POST', `/v1/repairs/${created.body.id}/status`, { storeId, body: { status } })).status).toBe(200);
    }
  }
  return created.body as { id: string; reworkOf: string | null };
};

test('repairs, reworks across two stores and the rework share per model and category, each change counted once', async () => {
  const { storeId: origin } = await createTestStore('Origin Store');
  const { storeId: second } = await createTestStore('Second Store');
  const { storeId: third } = await createTestStore('Third Store');
  // Four A78 screen repairs and one A78 battery repair at the origin, two Reno 12 screen repairs elsewhere.
  for (let i = 0; i < 4; i++) await repair(origin, 'A78', `QA78S00${i}`, 'screen', true);
  await repair(origin, 'A78', 'QA78B000', 'battery', true);
  await repair(second, 'Reno 12', 'QRENO000', 'screen', true);
  await repair(second, 'Reno 12', 'QRENO001', 'screen', true);
  await deliverTwice(await stream.next());
  // Two of the A78 screens come back, to two other stores; one of them twice. One Reno too, to the third store.
  const back = [await repair(second, 'A78', 'QA78S000', 'other', false), await repair(third, 'A78', 'QA78S001', 'other', false), await repair(third, 'A78', 'QA78S001', 'other', false), await repair(third, 'Reno 12', 'QRENO000', 'other', false)];
  expect(back.every((order) => order.reworkOf !== null)).toBe(true);
  await deliverTwice(await stream.next());

  const today = new Date().toISOString().slice(0, 10);
  const all = await callApi('GET', `/v1/network/quality?from=${today}&to=${today}`, { principal: hq });
  expect(all.status).toBe(200);
  expect(all.body.items).toEqual([
    { brand: 'OPPO', model: 'A78', category: 'screen', repairs: 4, reworks: 3, reworkPercent: 75, stores: [second, third].sort() },
    { brand: 'OPPO', model: 'Reno 12', category: 'screen', repairs: 2, reworks: 1, reworkPercent: 50, stores: [third] },
    { brand: 'OPPO', model: 'A78', category: 'battery', repairs: 1, reworks: 0, reworkPercent: 0, stores: [] },
  ]);
  // One model, in any case; a day without data is empty; bad input names the field.
  const a78 = await callApi('GET', `/v1/network/quality?from=${today}&to=${today}&model=a78`, { principal: hq });
  expect(a78.body.items.map((row: { model: string; category: string }) => `${row.model}/${row.category}`)).toEqual(['A78/screen', 'A78/battery']);
  expect((await callApi('GET', '/v1/network/quality?from=2026-01-01&to=2026-01-03', { principal: hq })).body.items).toEqual([]);
  for (const [query, field] of [[`from=${today}&to=${today}&model=%23%23`, 'model'], ['from=2026-02-01&to=2026-01-01', 'to'], ['from=2025-01-01&to=2026-02-01', 'to']] as const) {
    const bad = await callApi('GET', `/v1/network/quality?${query}`, { principal: hq });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
  }
});
