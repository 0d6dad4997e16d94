/**
 * Optimistic concurrency: If-Match preconditions and racing writers, checked against what the
 * table really holds afterwards.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { orderPartition, storedOrder } from '../support/table-items.js';

let table: TestTable;
let storeId: string;
beforeAll(async () => {
  table = await createTestTable();
  // Load the handler once before the races: jest's ESM runtime mislinks modules imported by
  // many concurrent first imports.
  await import('../../functions/api/move-repair.js');
  ({ storeId } = await createTestStore('Concurrency Store'));
});
afterAll(() => table.drop());

async function openOrder(): Promise<string> {
  const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
  expect(created.status).toBe(201);
  return created.body.id;
}

const move = (id: string, body: Record<string, unknown>, ifMatch?: string) =>
  callApi('POST', `/v1/repairs/${id}/status`, { storeId, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

describe('If-Match', () => {
  test('a matching If-Match (strong or weak) is accepted', async () => {
    const id = await openOrder();
    const first = await move(id, { status: 'diagnosing' }, '"1"');
    expect(first.status).toBe(200);
    const second = await move(id, { status: 'in_repair' }, 'W/"2"');
    expect(second.status).toBe(200);
    expect(second.headers.etag).toBe('"3"');
  });

  test.each(['"1"', '"3"', '"999"'])('stale If-Match %s → 412, nothing written', async (stale) => {
    const id = await openOrder();
    expect((await move(id, { status: 'diagnosing' }, '"1"')).status).toBe(200);
    const before = await orderPartition(table.doc, table.tableName, id);

    const result = await move(id, { status: 'in_repair', note: 'should not land' }, stale);
    expect(result.status).toBe(412);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(result.body.type).toMatch(/\/precondition-failed$/);
    expect(result.headers.etag).toBeUndefined();

    expect(await orderPartition(table.doc, table.tableName, id)).toEqual(before);
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'diagnosing', version: 2 });
    expect(stored.events.map((e) => e.to)).toEqual(['received', 'diagnosing']);
  });

  test('a stale If-Match takes precedence over an invalid move: 412, not 409', async () => {
    const id = await openOrder();
    expect((await move(id, { status: 'diagnosing' }, '"1"')).status).toBe(200);
    const before = await orderPartition(table.doc, table.tableName, id);

    // diagnosing → completed is invalid, and "1" is stale: the precondition wins.
    const result = await move(id, { status: 'completed' }, '"1"');
    expect(result.status).toBe(412);
    expect(result.body.type).toMatch(/\/precondition-failed$/);
    expect(result.body.allowed).toBeUndefined();

    // A stale cancellation without a reason is also 412 first.
    const cancel = await move(id, { status: 'cancelled' }, '"1"');
    expect(cancel.status).toBe(412);

    expect(await orderPartition(table.doc, table.tableName, id)).toEqual(before);
  });

  test('with a current If-Match the invalid move is reported as 409', async () => {
    const id = await openOrder();
    const result = await move(id, { status: 'completed' }, '"1"');
    expect(result.status).toBe(409);
    expect(result.body.type).toMatch(/\/invalid-transition$/);
  });

  test('a malformed If-Match → 400 naming If-Match, nothing written', async () => {
    const id = await openOrder();
    const before = await orderPartition(table.doc, table.tableName, id);
    const result = await move(id, { status: 'diagnosing' }, 'version-one');
    expect(result.status).toBe(400);
    expect((result.body.errors as { path: string }[]).map((e) => e.path)).toContain('If-Match');
    expect(await orderPartition(table.doc, table.tableName, id)).toEqual(before);
  });
});

describe('racing writers', () => {
  test('20 concurrent moves from version 1 with If-Match "1" → exactly one 200, nineteen 412, two events in history', async () => {
    const id = await openOrder();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => move(id, { status: 'diagnosing', note: `writer ${i}` }, '"1"')));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    for (const loser of results.filter((r) => r.status === 412)) {
      expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(loser.body.type).toMatch(/\/precondition-failed$/);
    }
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.headers.etag).toBe('"2"');

    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'diagnosing', version: 2 });
    expect(stored.events).toHaveLength(2);
    expect(stored.events.map((e) => e.version)).toEqual([1, 2]);
    // The one event written is the winner's.
    expect(stored.events[1]?.note).toBe(winner.body.history[1].note);

    const read = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(read.body.history).toHaveLength(2);
    expect(read.headers.etag).toBe('"2"');
  });

  test('20 concurrent moves without If-Match → one wins, the rest are refused (412 or 409), no lost update', async () => {
    const id = await openOrder();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => move(id, { status: 'diagnosing', note: `writer ${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 412 || s === 409)).toBe(true);

    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'diagnosing', version: 2 });
    expect(stored.events).toHaveLength(2);
  });

  test('concurrent different moves from the same version: one lands, history stays consistent with the order', async () => {
    const id = await openOrder();
    const results = await Promise.all([
      move(id, { status: 'diagnosing' }, '"1"'),
      move(id, { status: 'cancelled', reason: 'changed mind' }, '"1"'),
      move(id, { status: 'diagnosing' }, '"1"'),
      move(id, { status: 'cancelled', reason: 'changed mind again' }, '"1"'),
    ]);
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(3);

    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order?.status).toBe(winners[0]!.body.status);
    expect(stored.events.map((e) => e.to)).toEqual(['received', winners[0]!.body.status]);
  });
});

describe('a move that loses to a write it could not see', () => {
  test('an event already at the next version (a condition on the history, not on the order) → 412, not 500; nothing written', async () => {
    const id = await openOrder();
    // Another writer's history event for version 2, while the order row still says 1.
    const { eventItem } = await import('../../shared/store/items.js');
    const stray = eventItem(id, { version: 2, at: new Date().toISOString(), from: 'received', to: 'diagnosing', by: storeId, note: 'the other writer', reason: null });
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: stray }));
    const before = await orderPartition(table.doc, table.tableName, id);

    const result = await move(id, { status: 'diagnosing', note: 'mine' }, '"1"');
    expect(result.status).toBe(412);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(result.body.type).toMatch(/\/precondition-failed$/);
    expect(await orderPartition(table.doc, table.tableName, id)).toEqual(before);
  });
});

describe('the SLA flag listing survives a move that read the order before the flag was set', () => {
  const listed = async (flag: string) =>
    ((await callApi('GET', `/v1/repairs?sla=${flag}&limit=100`, { storeId })).body.items as { id: string; sla: string | null }[]).map((o) => o.id);

  /** moveRepair, with the SLA watch flagging the order between the move's read and its write. */
  async function moveWhileFlagged(id: string, status: string, extra: Record<string, unknown> = {}) {
    const { orders, repairDeps } = await import('../../shared/store/container.js');
    const { moveRepair } = await import('../../shared/usecases/repairs.js');
    const interleaved = Object.assign(Object.create(orders) as typeof orders, {
      get: async (orderId: string) => {
        const read = await orders.get(orderId);
        expect(read?.order.sla).toBeNull();
        expect(await orders.setSlaFlag(read!.order, 'resolution', null, 'at_risk')).toBe(true);
        return read;
      },
    });
    return moveRepair({ ...repairDeps, orders: interleaved }, storeId, id, { to: status as never, ...extra }, null);
  }

  test('an open order moved with a stale copy is still listed under ?sla=at_risk, and its flag stays', async () => {
    const id = await openOrder();
    const moved = await moveWhileFlagged(id, 'diagnosing');
    expect(moved.order.version).toBe(2); // the flag does not bump the version: the move's check passed

    expect(await listed('at_risk')).toContain(id);
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'diagnosing', version: 2, sla: 'at_risk', gsi4pk: `STORE#${storeId}#SLA#at_risk` });
    expect((await callApi('GET', `/v1/repairs/${id}`, { storeId })).body.sla.state).toBe('at_risk');
  });

  test('a terminal move with a stale copy still takes the order off the flag listing', async () => {
    const id = await openOrder();
    await moveWhileFlagged(id, 'cancelled', { reason: 'Customer withdrew' });
    expect(await listed('at_risk')).not.toContain(id);
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'cancelled', sla: 'at_risk' });
    expect(stored.order).not.toHaveProperty('gsi4pk');
  });

  test('the SLA check lists a flagged open order again (a listing lost before this fix heals), but never a finished one', async () => {
    const { orders } = await import('../../shared/store/container.js');
    const lost = await openOrder();
    const finished = await openOrder();
    for (const id of [lost, finished]) {
      const read = (await orders.get(id))!.order;
      expect(await orders.setSlaFlag(read, 'resolution', null, 'at_risk')).toBe(true);
      // What an older move did: the flag stays, its listing goes.
      await table.doc.send(new UpdateCommand({ TableName: table.tableName, Key: { pk: `ORDER#${id}`, sk: 'ORDER' }, UpdateExpression: 'REMOVE gsi4pk, gsi4sk' }));
    }
    expect(await listed('at_risk')).not.toContain(lost);

    // The job's copies are from before: the second order has been cancelled since.
    const staleLost = (await orders.get(lost))!.order;
    const staleFinished = (await orders.get(finished))!.order;
    expect((await move(finished, { status: 'cancelled', reason: 'Customer withdrew' })).status).toBe(200);
    await orders.settleSlaCheck(staleLost);
    await orders.settleSlaCheck(staleFinished);

    const now = await listed('at_risk');
    expect(now).toContain(lost);
    expect(now).not.toContain(finished);
    const settled = await storedOrder(table.doc, table.tableName, lost);
    expect(settled.order).not.toHaveProperty('slaAlertPending');
  });
});
