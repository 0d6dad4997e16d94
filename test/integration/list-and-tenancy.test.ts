/**
 * Lists (pagination, status filter, limit/cursor validation) and store isolation: a store sees
 * and touches only its own orders, whatever ids or cursors it sends.
 */
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody, type ApiResult } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { orderPartition } from '../support/table-items.js';

interface OrderSummary {
  id: string;
  storeId: string;
  status: string;
  createdAt: string;
}

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

async function openOrders(storeId: string, count: number): Promise<OrderSummary[]> {
  const orders: OrderSummary[] = [];
  for (let i = 0; i < count; i++) {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    expect(created.status).toBe(201);
    orders.push(created.body);
  }
  return orders;
}

/** Newest first is the list's sort key order: createdAt, then the (time-sortable) id. */
const newestFirst = (orders: OrderSummary[]) =>
  [...orders].sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`)).map((o) => o.id);

/** Follows nextCursor to the end; returns each page's ids. */
async function allPages(storeId: string, query: string): Promise<{ pages: string[][]; results: ApiResult[] }> {
  const pages: string[][] = [];
  const results: ApiResult[] = [];
  let cursor: string | null = null;
  do {
    const qs: string = cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query;
    const result = await callApi('GET', `/v1/repairs?${qs}`, { storeId });
    expect(result.status).toBe(200);
    results.push(result);
    pages.push(result.body.items.map((o: OrderSummary) => o.id));
    cursor = result.body.nextCursor;
    if (pages.length > 10) throw new Error('pagination does not end');
  } while (cursor !== null);
  return { pages, results };
}

function expectValidationError(result: ApiResult, path: string) {
  expect(result.status).toBe(400);
  expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((result.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
}

describe('pagination and filters', () => {
  let storeId: string;
  let orders: OrderSummary[];
  let otherStoreOrders: OrderSummary[];

  beforeAll(async () => {
    ({ storeId } = await createTestStore('Busy Store'));
    const other = await createTestStore('Neighbour Store');
    // Interleave another store's orders so the lists have something to leave out.
    orders = [];
    otherStoreOrders = [];
    for (let batch = 0; batch < 5; batch++) {
      orders.push(...(await openOrders(storeId, 5)));
      otherStoreOrders.push(...(await openOrders(other.storeId, 1)));
    }
  });

  test('25 orders, limit 10 → pages of 10, 10, 5, newest first, no duplicates or gaps, last nextCursor null', async () => {
    const { pages, results } = await allPages(storeId, 'limit=10');
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(results.slice(0, 2).every((r) => typeof r.body.nextCursor === 'string' && r.body.nextCursor.length > 0)).toBe(true);
    expect(results[2]?.body.nextCursor).toBeNull();
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(25);
    expect(ids).toEqual(newestFirst(orders));
    const createdAts = results.flatMap((r) => r.body.items.map((o: OrderSummary) => o.createdAt));
    expect(createdAts).toEqual([...createdAts].sort().reverse());
  });

  test('default page size is 20', async () => {
    const result = await callApi('GET', '/v1/repairs', { storeId });
    expect(result.body.items).toHaveLength(20);
    expect(typeof result.body.nextCursor).toBe('string');
  });

  test('a page that exactly ends the list says nextCursor null', async () => {
    const result = await callApi('GET', '/v1/repairs?limit=25', { storeId });
    expect(result.body.items).toHaveLength(25);
    expect(result.body.nextCursor).toBeNull();
  });

  test('limit 100 is accepted', async () => {
    const result = await callApi('GET', '/v1/repairs?limit=100', { storeId });
    expect(result.status).toBe(200);
    expect(result.body.items).toHaveLength(25);
  });

  test('the list never contains another store\'s orders', async () => {
    const result = await callApi('GET', '/v1/repairs?limit=100', { storeId });
    expect(result.body.items.every((o: OrderSummary) => o.storeId === storeId)).toBe(true);
    const text = JSON.stringify(result.body);
    for (const other of otherStoreOrders) expect(text).not.toContain(other.id);
  });

  test('?status= lists only that status, across pages, newest first', async () => {
    // Move 7 of the 25 to diagnosing.
    const moved = orders.filter((_, i) => i % 3 === 1).slice(0, 7);
    for (const order of moved) {
      const result = await callApi('POST', `/v1/repairs/${order.id}/status`, { storeId, body: { status: 'diagnosing' } });
      expect(result.status).toBe(200);
    }
    const diagnosing = await allPages(storeId, 'status=diagnosing&limit=3');
    expect(diagnosing.pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(diagnosing.pages.flat()).toEqual(newestFirst(moved));
    for (const result of diagnosing.results) {
      for (const item of result.body.items) expect(item.status).toBe('diagnosing');
    }

    const received = await allPages(storeId, 'status=received&limit=100');
    const movedIds = new Set(moved.map((o) => o.id));
    expect(received.pages.flat()).toEqual(newestFirst(orders.filter((o) => !movedIds.has(o.id))));

    const none = await callApi('GET', '/v1/repairs?status=completed', { storeId });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  test('unknown ?status= value → 400 naming status', async () => {
    expectValidationError(await callApi('GET', '/v1/repairs?status=lost', { storeId }), 'status');
  });

  test.each(['0', '101', 'abc', '-1', '10.5', ''])('limit=%p → 400 naming limit', async (limit) => {
    expectValidationError(await callApi('GET', `/v1/repairs?limit=${limit}`, { storeId }), 'limit');
  });

  test.each([
    ['garbage', 'not-a-cursor!!'],
    ['base64url of non-JSON', Buffer.from('hello world').toString('base64url')],
    ['base64url JSON of the wrong shape', Buffer.from(JSON.stringify({ offset: 10 })).toString('base64url')],
    ['a cursor with a smuggled partition key', Buffer.from(JSON.stringify({ s: 'x', id: 'y', gsi1pk: 'STORE#store_x' })).toString('base64url')],
    ['an overlong cursor', 'A'.repeat(600)],
  ])('%s cursor → 400 naming cursor', async (_name, cursor) => {
    expectValidationError(await callApi('GET', `/v1/repairs?cursor=${encodeURIComponent(cursor)}`, { storeId }), 'cursor');
  });

  test('unknown query parameter → 400', async () => {
    const result = await callApi('GET', '/v1/repairs?storeId=someone', { storeId });
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('store isolation', () => {
  let mine: { storeId: string };
  let theirs: { storeId: string };
  let myOrders: OrderSummary[];
  let theirOrders: OrderSummary[];

  beforeAll(async () => {
    mine = await createTestStore('Mine');
    theirs = await createTestStore('Theirs');
    myOrders = await openOrders(mine.storeId, 3);
    theirOrders = await openOrders(theirs.storeId, 4);
  });

  test('another store\'s order id → 404 on GET /v1/repairs/{id}, same answer as an unknown id', async () => {
    const target = theirOrders[0]!;
    const result = await callApi('GET', `/v1/repairs/${target.id}`, { storeId: mine.storeId });
    expect(result.status).toBe(404);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(result.headers.etag).toBeUndefined();
    expect(JSON.stringify(result.body)).not.toContain(theirs.storeId);
    const unknown = await callApi('GET', '/v1/repairs/01JD0000000000000000000000', { storeId: mine.storeId });
    expect({ ...result.body, detail: undefined, instance: undefined }).toEqual({ ...unknown.body, detail: undefined, instance: undefined });
  });

  test.each([
    ['a valid move', { status: 'diagnosing' }, undefined],
    ['a valid move with a matching If-Match', { status: 'diagnosing' }, '"1"'],
    ['a cancellation', { status: 'cancelled', reason: 'hostile takeover' }, undefined],
    ['an invalid move', { status: 'completed' }, undefined],
    ['a stale If-Match', { status: 'diagnosing' }, '"9"'],
  ])('moving another store\'s order (%s) → 404 and nothing written', async (_name, body, ifMatch) => {
    const target = theirOrders[1]!;
    const before = await orderPartition(table.doc, table.tableName, target.id);
    expect(before).toHaveLength(2); // the order and its first event
    const result = await callApi('POST', `/v1/repairs/${target.id}/status`, {
      storeId: mine.storeId,
      body,
      headers: ifMatch ? { 'if-match': ifMatch } : {},
    });
    expect(result.status).toBe(404);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(result.body.allowed).toBeUndefined();
    expect(result.body.currentVersion).toBeUndefined();
    const after = await orderPartition(table.doc, table.tableName, target.id);
    expect(after).toEqual(before);
    // The owner still sees it untouched.
    const owner = await callApi('GET', `/v1/repairs/${target.id}`, { storeId: theirs.storeId });
    expect(owner.body).toMatchObject({ status: 'received', version: 1 });
    expect(owner.body.history).toHaveLength(1);
  });

  test('each store\'s list holds exactly its own orders', async () => {
    const myList = await callApi('GET', '/v1/repairs?limit=100', { storeId: mine.storeId });
    expect(myList.body.items.map((o: OrderSummary) => o.id).sort()).toEqual(myOrders.map((o) => o.id).sort());
    const theirList = await callApi('GET', '/v1/repairs?limit=100', { storeId: theirs.storeId });
    expect(theirList.body.items.map((o: OrderSummary) => o.id).sort()).toEqual(theirOrders.map((o) => o.id).sort());
  });

  test('a forged cursor pointing at another store\'s orders cannot reveal them', async () => {
    const theirIds = new Set(theirOrders.map((o) => o.id));
    const forgeries = [...theirOrders].flatMap((target) => [
      { s: `${target.createdAt}#${target.id}`, id: target.id },
      // Positions past every order of the victim's list, and before it.
      { s: '9999-12-31T00:00:00.000Z#ZZZZZZZZZZZZZZZZZZZZZZZZZZ', id: target.id },
      { s: `${target.createdAt}#${target.id}`, id: myOrders[0]!.id },
    ]);
    for (const position of forgeries) {
      const cursor = Buffer.from(JSON.stringify(position)).toString('base64url');
      for (const query of [`limit=100&cursor=${cursor}`, `status=received&limit=100&cursor=${cursor}`]) {
        const result = await callApi('GET', `/v1/repairs?${query}`, { storeId: mine.storeId });
        // A cursor the server did not issue may be refused or may position inside the caller's own list…
        expect([200, 400]).toContain(result.status);
        if (result.status === 400) {
          expect((result.body.errors as { path: string }[]).map((e) => e.path)).toContain('cursor');
        }
        // …but it never yields another store's order.
        const items = (result.body.items ?? []) as OrderSummary[];
        expect(items.every((o) => o.storeId === mine.storeId && !theirIds.has(o.id))).toBe(true);
        for (const id of theirIds) expect(JSON.stringify(result.body)).not.toContain(id);
      }
    }
  });

  test('the victim\'s own cursor, replayed by another store, still lists only the caller\'s orders', async () => {
    const firstPage = await callApi('GET', '/v1/repairs?limit=1', { storeId: theirs.storeId });
    const cursor = firstPage.body.nextCursor as string;
    expect(typeof cursor).toBe('string');
    const result = await callApi('GET', `/v1/repairs?limit=100&cursor=${encodeURIComponent(cursor)}`, { storeId: mine.storeId });
    expect([200, 400]).toContain(result.status);
    const items = (result.body.items ?? []) as OrderSummary[];
    expect(items.every((o) => o.storeId === mine.storeId)).toBe(true);
  });
});
