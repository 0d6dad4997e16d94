import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import type { Principal } from '../../shared/domain/access.js';
import { pageFormFields } from '../support/page-forms.js';

let table: TestTable;
let indiaStore: string;
let chinaStore: string;
const HQ: Principal = { kind: 'network', keyId: 'nk_test', scopes: ['prices:write'] };
const inr = (amount: string) => ({ amount, currency: 'INR' });

beforeAll(async () => {
  table = await createTestTable();
  const { stores } = await import('../../shared/store/container.js');
  const { createStore } = await import('../../shared/usecases/stores.js');
  indiaStore = (await createStore(stores, { name: 'OPPO Service Center Koramangala', country: 'IN', timezone: 'Asia/Kolkata' })).store.id;
  chinaStore = (await createStore(stores, { name: 'OPPO 服务中心 徐汇', country: 'CN', timezone: 'Asia/Shanghai' })).store.id;
  const list = await callApi('PUT', '/v1/network/prices', {
    principal: HQ,
    body: {
      items: [
        { model: '*', category: 'screen', part: inr('3000.00'), labour: inr('500.00') },
        { model: 'A78', category: 'screen', part: inr('4200.00'), labour: inr('600.00') },
        { model: '*', category: 'battery', part: inr('1800.00'), labour: inr('400.00') },
        { model: '*', category: 'screen', part: { amount: '699.00', currency: 'CNY' }, labour: { amount: '80.00', currency: 'CNY' } },
      ],
    },
  });
  expect(list.status).toBe(200);
});
afterAll(() => table.drop());

let device = 0;
async function openOrder(overrides: Record<string, unknown> = {}, store = indiaStore) {
  const deviceId = `3569380356${String(40_000 + ++device).padStart(5, '0')}`;
  const body = newRepairBody({ device: { brand: 'OPPO', model: 'A78', deviceId, purchaseDate: '2023-01-10' }, ...overrides });
  const created = await callApi('POST', '/v1/repairs', { storeId: store, body });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, deviceId };
}

const move = (id: string, body: Record<string, unknown>, store = indiaStore) => callApi('POST', `/v1/repairs/${id}/status`, { storeId: store, body });
const quote = (id: string, body: Record<string, unknown> = {}, store = indiaStore) => callApi('POST', `/v1/repairs/${id}/quote`, { storeId: store, body });

test('each store sees the list in force in its country\'s currency and tax', async () => {
  const india = await callApi('GET', '/v1/store/prices', { storeId: indiaStore });
  expect(india.status).toBe(200);
  expect(india.body).toMatchObject({ currency: 'INR', taxPercent: 18 });
  expect(india.body.items).toHaveLength(3);
  const china = await callApi('GET', '/v1/store/prices', { storeId: chinaStore });
  expect(china.body).toMatchObject({ currency: 'CNY', taxPercent: 13, items: [{ model: '*', category: 'screen' }] });
});

test('a quote: lines from the model\'s own price, GST, a total that becomes the estimate; a second quote is version 2', async () => {
  const { id } = await openOrder();
  const first = await quote(id, { extraLines: [{ description: 'Tempered glass', amount: inr('299.00') }] });
  expect(first.status).toBe(200);
  expect(first.body.quote.lines.map((l: { kind: string; amount: { amount: string } }) => [l.kind, l.amount.amount])).toEqual([
    ['part', '4200.00'], ['labour', '600.00'], ['extra', '299.00'], ['tax', '917.82'],
  ]);
  expect(first.body.quote).toMatchObject({ version: 1, total: inr('6016.82') });
  expect(first.body.estimate).toEqual(inr('6016.82'));
  expect(first.body.status).toBe('received');
  expect(first.headers.etag).toBe('"2"');
  const second = await quote(id);
  expect(second.body.quote).toMatchObject({ version: 2, total: inr('5664.00') });
  expect(second.body.history.at(-1)).toMatchObject({ from: 'received', to: 'received', note: 'Quote version 2: 5664.00 INR' });
});

test('approval applies to one version: a stale one is refused; a quote after approval asks again', async () => {
  const { id } = await openOrder();
  await quote(id);
  expect((await move(id, { status: 'diagnosing' })).status).toBe(200);
  await quote(id); // version 2
  expect((await move(id, { status: 'awaiting_approval' })).status).toBe(200);
  const stale = await move(id, { status: 'in_repair', quoteVersion: 1 });
  expect(stale.status).toBe(409);
  expect(stale.body.detail).toMatch(/Quote version 1 is no longer the current one/);
  const approved = await move(id, { status: 'in_repair', quoteVersion: 2 });
  expect(approved.status).toBe(200);
  expect(approved.body.approvedQuoteVersion).toBe(2);
  const requote = await quote(id, { extraLines: [{ description: 'Back cover', amount: inr('450.00') }] });
  expect(requote.body).toMatchObject({ status: 'awaiting_approval', approvedQuoteVersion: 2, quote: { version: 3 } });
  expect(requote.body.history.at(-1)).toMatchObject({ from: 'in_repair', to: 'awaiting_approval', reason: 'A new quote needs the customer\'s approval' });
});

test('a screen plan covers one screen repair: the approved quote claims it, the next repair pays', async () => {
  const { id, deviceId } = await openOrder();
  const plan = await callApi('POST', '/v1/warranties', { storeId: indiaStore, body: { deviceId, kind: 'screen_plan', startsAt: '2026-06-01', months: 12 } });
  expect(plan.status).toBe(201);
  const covered = await quote(id);
  expect(covered.body.quote.lines.filter((l: { rule?: string }) => l.rule).map((l: { rule: string }) => l.rule)).toEqual(['screen_plan', 'screen_plan']);
  expect(covered.body.quote.total).toEqual(inr('0.00'));
  for (const status of ['diagnosing', 'awaiting_approval']) expect((await move(id, { status })).status).toBe(200);
  expect((await move(id, { status: 'in_repair', quoteVersion: 1 })).status).toBe(200);
  const warranties = await callApi('GET', `/v1/warranties/${deviceId}`, { storeId: indiaStore });
  expect(warranties.body.items.find((w: { kind: string }) => w.kind === 'screen_plan')).toBeDefined();
  for (const status of ['quality_check', 'ready_for_pickup', 'completed']) expect((await move(id, { status })).status).toBe(200);
  const again = await openOrder({ device: { brand: 'OPPO', model: 'A78', deviceId, purchaseDate: '2023-01-10' } });
  const notCovered = await quote(again.id);
  expect(notCovered.body.quote.lines.some((l: { rule?: string }) => l.rule === 'screen_plan')).toBe(false);
});

test('a programme takes its percentage off the screen part of the models it names', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const created = await callApi('POST', '/v1/network/programs', { principal: HQ, body: { kind: 'screen_discount', models: ['A57', 'a78'], percentOff: 50, from: '2026-01-01', to: '2099-12-31' } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ id: expect.stringMatching(/^prog_/), percentOff: 50 });
  const { id } = await openOrder();
  const quoted = await quote(id);
  const discount = quoted.body.quote.lines.find((l: { kind: string }) => l.kind === 'discount');
  expect(discount).toMatchObject({ rule: 'screen_discount', amount: inr('-2100.00') });
  expect(quoted.body.quote.total).toEqual(inr('3186.00'));
  expect(today <= '2099-12-31').toBe(true);
});

test('bad input: a 4xx naming the field, never a 500', async () => {
  const cases: [string, string, Record<string, unknown>, number, string][] = [
    ['PUT', '/v1/network/prices', { items: [{ model: '*', category: 'screen', part: inr('-1.00'), labour: inr('1.00') }] }, 400, 'items.0.part.amount'],
    ['PUT', '/v1/network/prices', { items: [{ model: '*', category: 'screen', part: inr('1.999'), labour: inr('1.00') }] }, 400, 'items.0.part.amount'],
    ['PUT', '/v1/network/prices', { items: [{ model: '*', category: 'screen', part: { amount: '1.00', currency: 'USD' }, labour: { amount: '1.00', currency: 'USD' } }] }, 400, 'items.0.part.currency'],
    ['PUT', '/v1/network/prices', { items: [{ model: '*', category: 'screen', part: inr('1.00'), labour: { amount: '1.00', currency: 'CNY' } }] }, 400, 'items.0.labour.currency'],
    ['POST', '/v1/network/programs', { kind: 'screen_discount', models: ['A78'], percentOff: 0, from: '2026-01-01', to: '2026-02-01' }, 400, 'percentOff'],
    ['POST', '/v1/network/programs', { kind: 'screen_discount', models: ['A78'], percentOff: 101, from: '2026-01-01', to: '2026-02-01' }, 400, 'percentOff'],
    ['POST', '/v1/network/programs', { kind: 'screen_discount', models: ['A78'], percentOff: 10, from: '2026-03-01', to: '2026-02-01' }, 400, 'to'],
  ];
  for (const [method, path, body, status, field] of cases) {
    const answer = await callApi(method, path, { principal: HQ, body });
    expect({ path, status: answer.status }).toEqual({ path, status });
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  }
  const { id } = await openOrder({ issue: { category: 'camera', description: 'Blurry photos' } });
  const noPrice = await quote(id);
  expect(noPrice.status).toBe(400);
  expect(noPrice.body.errors).toEqual([{ path: 'price', message: expect.stringMatching(/no INR price for A78 \(or "\*"\) and camera/) }]);
  const screen = await openOrder();
  const otherCurrency = await quote(screen.id, { extraLines: [{ description: 'Case', amount: { amount: '10.00', currency: 'CNY' } }] });
  expect(otherCurrency.status).toBe(400);
  expect(otherCurrency.body.errors.map((e: { path: string }) => e.path)).toEqual(['extraLines.0.amount.currency']);
  const foreign = await quote(screen.id, {}, chinaStore);
  expect(foreign.status).toBe(404);
});

test('the customer page shows the quote lines in the customer\'s language; approving there records that version', async () => {
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../shared/store/keys.js');
  const { id } = await openOrder();
  await quote(id);
  for (const status of ['diagnosing', 'awaiting_approval']) expect((await move(id, { status })).status).toBe(200);
  const stored = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.order(id) }));
  const token = stored.Item?.pageToken as string;
  const page = await callApi('GET', `/r/${token}`);
  expect(page.status).toBe(200);
  expect(page.body).toContain('कोटेशन संस्करण 1'); // Hindi: the customer's language
  expect(page.body).toContain('पार्ट');
  expect(page.body).toContain('छूट / कवर'); // the programme's discount line
  expect(page.body).toContain('₹3,186.00');
  const fields = pageFormFields(page.body as string, 'approve');
  const approved = await callApi('POST', `/r/${token}/approve`, { rawBody: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(approved.status).toBe(303);
  const after = await callApi('GET', `/v1/repairs/${id}`, { storeId: indiaStore });
  expect(after.body).toMatchObject({ status: 'in_repair', approvedQuoteVersion: 1 });
  expect(after.body.history.at(-1)).toMatchObject({ by: 'customer', to: 'in_repair' });
});
