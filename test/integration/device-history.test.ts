import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DescribeTableCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { ensureTable } from '../../local/table.js';
import { createTableInput } from '../../shared/store/table.js';
import { keys } from '../../shared/store/keys.js';
import { backfillDeviceIndex } from '../../shared/store/index-backfill.js';
import { expectConforms } from '../support/contract.js';
import { DeviceHistory } from '../../shared/schemas/warranties.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

const history = (storeId: string, deviceId: string, query = '') => callApi('GET', `/v1/devices/${deviceId}/history${query}`, { storeId });

async function order(storeId: string, deviceId: string, customer: { name: string; phone: string }, moves: string[] = []) {
  const created = await callApi('POST', '/v1/repairs', {
    storeId,
    body: newRepairBody({
      customer: { ...customer, language: 'en', smsOptIn: false },
      device: { brand: 'OPPO', model: 'Reno 12', deviceId },
      issue: { category: 'battery', description: `Battery drains; call ${customer.name}` },
    }),
  });
  expect(created.status).toBe(201);
  for (const status of moves) expect((await callApi('POST', `/v1/repairs/${created.body.id}/status`, { storeId, body: { status, note: `Note for ${customer.name}` } })).status).toBe(200);
  return created.body.id as string;
}

const imei = () => `35693803${Math.floor(Math.random() * 1e7).toString().padStart(7, '0')}`;

test('every order of a device at any store, newest first, without personal data; paged', async () => {
  const north = await createTestStore('North Service Point');
  const south = await createTestStore('South Service Point');
  const device = `SN${imei()}`;
  const first = await order(north.storeId, device, { name: 'Anil Sharma', phone: '+919811100001' }, ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']);
  const second = await order(south.storeId, device, { name: 'Sunita Rao', phone: '+919811100002' });
  const third = await order(south.storeId, device, { name: 'Sunita Rao', phone: '+919811100002' }, ['diagnosing']);
  await order(north.storeId, imei(), { name: 'Other Device', phone: '+919811100003' });

  const all = await history(north.storeId, device.toLowerCase());
  expectConforms(all, DeviceHistory, 200);
  expect(all.body.deviceId).toBe(device);
  expect(all.body.nextCursor).toBeNull();
  expect(all.body.items.map((i: { orderId: string }) => i.orderId)).toEqual([third, second, first]);
  const completed = all.body.items[2];
  expect(completed).toEqual({
    orderId: first,
    storeName: 'North Service Point',
    channel: 'walk_in',
    category: 'battery',
    status: 'completed',
    openedAt: expect.any(String),
    completedAt: expect.any(String),
    underWarranty: false,
    reworkOf: null,
  });
  expect(all.body.items[1]).toMatchObject({ storeName: 'South Service Point', status: 'received', completedAt: null });
  expect(all.body.items[0]).toMatchObject({ status: 'diagnosing' });
  // Orders within the first repair's warranty are its reworks and under warranty, whatever the store.
  expect(all.body.items.map((i: { reworkOf: string | null; underWarranty: boolean }) => [i.reworkOf, i.underWarranty])).toEqual([[first, true], [first, true], [null, false]]);
  const text = JSON.stringify(all.body);
  for (const personal of ['Anil', 'Sunita', '+9198111', '9811100', 'Battery drains', 'Note for']) expect(text).not.toContain(personal);

  // Pages of one: the same three, in the same order; the cursor is opaque and checked.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: Array<{ orderId: string }>; nextCursor: string | null } } = await history(south.storeId, device, `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    seen.push(page.body.items[0]!.orderId);
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen).toEqual([third, second, first]);
});

test('bad input is a 400 naming the field; an unknown device has an empty history', async () => {
  const { storeId } = await createTestStore('Query Store');
  expect((await history(storeId, 'x!'))).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ path: 'deviceId' })] } });
  expect((await history(storeId, imei(), '?limit=0'))).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ path: 'limit' })] } });
  expect((await history(storeId, imei(), '?limit=101')).status).toBe(400);
  expect((await history(storeId, imei(), '?cursor=bm90LWEtY3Vyc29y'))).toMatchObject({ status: 400 });
  expect((await history(storeId, imei(), '?color=red')).body.errors).toEqual([expect.objectContaining({ path: 'color' })]);
  expect((await history(storeId, imei())).body).toEqual({ deviceId: expect.any(String), items: [], nextCursor: null });
});

test('orders from before the index get their entry from the backfill (idempotent)', async () => {
  const { storeId } = await createTestStore('Old Store');
  const device = imei();
  const old = await order(storeId, device, { name: 'Old Order', phone: '+919811100009' });
  await table.doc.send(new UpdateCommand({ TableName: table.tableName, Key: keys.order(old), UpdateExpression: 'REMOVE gsi5pk, gsi5sk' }));
  await order(storeId, imei(), { name: 'No Device', phone: '+919811100010' });
  expect((await history(storeId, device)).body.items).toEqual([]);
  expect(await backfillDeviceIndex(table.doc, table.tableName, storeId)).toEqual({ examined: 2, updated: 1 });
  expect((await history(storeId, device)).body.items.map((i: { orderId: string }) => i.orderId)).toEqual([old]);
  expect(await backfillDeviceIndex(table.doc, table.tableName, storeId)).toEqual({ examined: 2, updated: 0 });
});

test('ensureTable adds an index missing from a table kept from an earlier run', async () => {
  const name = `test-old-${randomUUID()}`;
  const input = createTableInput(name);
  const withoutGsi5 = { ...input, GlobalSecondaryIndexes: input.GlobalSecondaryIndexes!.filter((i) => i.IndexName !== 'gsi5'), AttributeDefinitions: input.AttributeDefinitions!.filter((a) => !a.AttributeName!.startsWith('gsi5')) };
  await table.client.send(new CreateTableCommand(withoutGsi5));
  try {
    await ensureTable(table.client, name);
    await ensureTable(table.client, name); // and again: nothing left to add
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table!.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5']);
  } finally {
    await table.client.send(new DeleteTableCommand({ TableName: name }));
  }
});
