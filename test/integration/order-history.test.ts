/**
 * Long histories: an order's read returns every event however many pages the Query takes (the
 * newest last, also on the public timeline), and the history is capped so a runaway client cannot
 * grow one order without end. Histories are seeded with the real item mapper, then read and moved
 * through the handlers.
 */
import { BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { storedOrder } from '../support/table-items.js';
import type { RepairStatus } from '../../shared/domain/status.js';

let table: TestTable;
let storeId: string;
beforeAll(async () => {
  table = await createTestTable();
  ({ storeId } = await createTestStore('History Store'));
});
afterAll(() => table.drop());

/** The status an order reaches at `version` in the seeded loop: received → diagnosing → in_repair ⇄ awaiting_parts. */
function statusAt(version: number): RepairStatus {
  if (version === 1) return 'received';
  if (version === 2) return 'diagnosing';
  return version % 2 === 1 ? 'in_repair' : 'awaiting_parts';
}

/** An open order whose history runs to `lastVersion`, each seeded event carrying `note`. */
async function orderWithHistory(lastVersion: number, note: string | null): Promise<string> {
  const { eventItem } = await import('../../shared/store/items.js');
  const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const at = new Date().toISOString();
  const events = Array.from({ length: lastVersion - 1 }, (_, i) => {
    const version = i + 2;
    return eventItem(id, { version, at, from: statusAt(version - 1), to: statusAt(version), by: storeId, note, reason: null });
  });
  for (let i = 0; i < events.length; i += 25) {
    const batch = events.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    let unprocessed: Record<string, unknown[]> | undefined = { [table.tableName]: batch };
    while (unprocessed && Object.keys(unprocessed).length) {
      const result = await table.doc.send(new BatchWriteCommand({ RequestItems: unprocessed as never }));
      unprocessed = result.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: `ORDER#${id}`, sk: 'ORDER' },
      UpdateExpression: 'SET #status = :status, version = :version, gsi2pk = :gsi2pk',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': statusAt(lastVersion), ':version': lastVersion, ':gsi2pk': `STORE#${storeId}#STATUS#${statusAt(lastVersion)}` },
    }),
  );
  return id;
}

describe('a history over 1 MB', () => {
  // 480 events with a 1000-character note of 3-byte letters: about 1.5 MB, two pages or more.
  const NOTE = 'क'.repeat(1000);
  const EVENTS = 480;
  let id: string;
  beforeAll(async () => {
    id = await orderWithHistory(EVENTS, NOTE);
  });

  test('really takes more than one Query page (the premise of the tests below)', async () => {
    const page = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ORDER#${id}` }, ConsistentRead: true }),
    );
    expect(page.LastEvaluatedKey).toBeDefined();
    expect(page.Items!.length).toBeLessThan(EVENTS);
  });

  test('GET returns every event, oldest first, the newest included; a move appends after all of them', async () => {
    const read = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe(`"${EVENTS}"`);
    expect(read.body.history).toHaveLength(EVENTS);
    expect(read.body.history.at(-1)).toMatchObject({ from: statusAt(EVENTS - 1), to: statusAt(EVENTS), note: NOTE });

    const moved = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: statusAt(EVENTS + 1), note: 'newest' }, headers: { 'if-match': `"${EVENTS}"` } });
    expect(moved.status).toBe(200);
    expect(moved.body.history).toHaveLength(EVENTS + 1);

    const after = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(after.body.history.map((e: { to: string }) => e.to)).toEqual(Array.from({ length: EVENTS + 1 }, (_, i) => statusAt(i + 1)));
    expect(after.body.history.at(-1)).toMatchObject({ from: statusAt(EVENTS), to: statusAt(EVENTS + 1), note: 'newest' });
  });

  test('the public timeline ends with the current status', async () => {
    const { trackingCode, status, history } = (await callApi('GET', `/v1/repairs/${id}`, { storeId })).body;
    const tracked = await callApi('GET', `/v1/track/${trackingCode}?phoneLast4=5678`);
    expect(tracked.status).toBe(200);
    expect(history.length).toBeGreaterThanOrEqual(EVENTS);
    expect(tracked.body.timeline).toHaveLength(history.length);
    expect(tracked.body.timeline.at(-1).status).toBe(status);
    expect(tracked.body.status).toBe(status);
  });
});

describe('the history cap: 500 events, then only completion or cancellation', () => {
  test('event 500 is accepted; event 501 of a non-final move → 409 conflict, nothing written; cancelling still works', async () => {
    const id = await orderWithHistory(499, null);
    const last = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: statusAt(500) } });
    expect(last.status).toBe(200);
    expect(last.headers.etag).toBe('"500"');

    const refused = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: statusAt(501) }, headers: { 'if-match': '"500"' } });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, type: expect.stringMatching(/\/conflict$/), currentState: statusAt(500) });
    expect(refused.body.detail).toMatch(/500 history events.*completed or cancelled/);
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ version: 500, status: statusAt(500) });
    expect(stored.events).toHaveLength(500);

    // The rules still come first: an invalid move is reported as such, not as a full history.
    const invalid = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'completed' } });
    expect(invalid.status).toBe(409);
    expect(invalid.body.type).toMatch(/\/invalid-transition$/);

    const cancelled = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'cancelled', reason: 'Looping integration, closed by support' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.headers.etag).toBe('"501"');
    expect(cancelled.body.history).toHaveLength(501);
  });
});
