/**
 * The order lifecycle through the real handlers, driven by API Gateway proxy events against
 * DynamoDB Local: create, read, list, move; headers; masking; validation; refused moves.
 */
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody, type ApiResult } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { scanTable, storedOrder } from '../support/table-items.js';

const PHONE = '+919812345678';
const MASKED = '+91••••••5678';
const HOUR = 3_600_000;

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

/** The full number must not appear anywhere in a response, in any form a client could read. */
function expectNoFullPhone(result: ApiResult) {
  const text = JSON.stringify(result.body);
  expect(text).not.toContain(PHONE);
  expect(text).not.toContain(PHONE.slice(1));
  expect(text).not.toContain('9812345678');
}

function expectProblem(result: ApiResult, status: number) {
  expect(result.status).toBe(status);
  expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(result.body.status).toBe(status);
  expect(typeof result.body.type).toBe('string');
  expect(typeof result.body.title).toBe('string');
}

function errorPaths(result: ApiResult): string[] {
  return (result.body.errors as { path: string }[]).map((e) => e.path);
}

describe('create, read, list, move', () => {
  let storeId: string;
  beforeAll(async () => {
    ({ storeId } = await createTestStore('Happy Path Store'));
  });

  test('POST /v1/repairs → 201 with Location, ETag "1", the order and its first event; phone masked', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    const order = created.body;
    expect(order.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(created.headers.location).toBe(`/v1/repairs/${order.id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(order).toMatchObject({
      storeId,
      status: 'received',
      version: 1,
      channel: 'walk_in',
      customer: { name: 'Asha Rao', phone: MASKED, language: 'hi', smsOptIn: true },
      device: { brand: 'OPPO', model: 'A78', deviceId: '356938035643809', purchaseDate: '2026-03-01' },
      issue: { category: 'screen', description: 'Cracked screen after a drop' },
      estimate: null,
      dataBackupRequested: false,
      underWarranty: true, // bought 2026-03-01: inside the 12-month manufacturer warranty
      reworkOf: null,
    });
    expect(order.trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/);
    expect(order.storeName).toBeUndefined();
    // Walk-in screen repair: the default 60-minute promise, counted from intake.
    expect(order.promisedBy).toBe(new Date(Date.parse(order.createdAt) + HOUR).toISOString());
    expect(order.history).toEqual([{ at: order.createdAt, from: null, to: 'received', by: storeId, note: null, reason: null }]);
    expectNoFullPhone(created);

    // The table holds the real number (the follow-up queue needs it); only responses mask it.
    const stored = await storedOrder(table.doc, table.tableName, order.id);
    expect((stored.order?.customer as { phone: string }).phone).toBe(PHONE);
    expect(stored.events).toHaveLength(1);
  });

  test('GET /v1/repairs/{id} → 200 with ETag and history; phone masked', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const read = await callApi('GET', `/v1/repairs/${created.body.id}`, { storeId });
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(created.body);
    expect(read.body.customer.phone).toBe(MASKED);
    expectNoFullPhone(read);
  });

  test('POST /v1/repairs/{id}/status moves the order, bumps version and ETag, appends history; phone masked', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const id = created.body.id as string;
    const moved = await callApi('POST', `/v1/repairs/${id}/status`, {
      storeId,
      body: { status: 'diagnosing', note: 'Checking the display connector' },
      headers: { 'if-match': created.headers.etag ?? '' },
    });
    expect(moved.status).toBe(200);
    expect(moved.headers.etag).toBe('"2"');
    expect(moved.body).toMatchObject({ id, status: 'diagnosing', version: 2, customer: { phone: MASKED } });
    expect(moved.body.promisedBy).toBe(created.body.promisedBy);
    expect(moved.body.history).toHaveLength(2);
    expect(moved.body.history[1]).toMatchObject({ from: 'received', to: 'diagnosing', by: storeId, note: 'Checking the display connector', reason: null });
    expectNoFullPhone(moved);

    // Without If-Match the move is unconditional; an estimate given on the move is kept.
    const estimate = { amount: '2499.00', currency: 'INR' };
    const approval = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'awaiting_approval', estimate } });
    expect(approval.status).toBe(200);
    expect(approval.headers.etag).toBe('"3"');
    expect(approval.body.estimate).toEqual(estimate);
    expectNoFullPhone(approval);

    const read = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(read.headers.etag).toBe('"3"');
    expect(read.body.status).toBe('awaiting_approval');
    expect(read.body.estimate).toEqual(estimate);
    expect(read.body.history.map((e: { to: string }) => e.to)).toEqual(['received', 'diagnosing', 'awaiting_approval']);

    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'awaiting_approval', version: 3, estimate });
    expect(stored.events.map((e) => e.version)).toEqual([1, 2, 3]);
  });

  test('GET /v1/repairs lists the store\'s orders, newest first, phones masked', async () => {
    const { storeId: listStore } = await createTestStore('List Store');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await callApi('POST', '/v1/repairs', { storeId: listStore, body: newRepairBody() })).body.id);
    const list = await callApi('GET', '/v1/repairs', { storeId: listStore });
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([...ids].reverse());
    for (const item of list.body.items) {
      expect(item.customer.phone).toBe(MASKED);
      expect(item.storeId).toBe(listStore);
    }
    expectNoFullPhone(list);
  });

  test('phones of other countries and lengths are masked to prefix + last 4 as well', async () => {
    const created = await callApi('POST', '/v1/repairs', {
      storeId,
      body: newRepairBody({ customer: { name: 'Li Wei', phone: '+8613812345678', language: 'zh', smsOptIn: false } }),
    });
    expect(created.status).toBe(201);
    expect(created.body.customer.phone).toBe('+86•••••••5678');
    const read = await callApi('GET', `/v1/repairs/${created.body.id}`, { storeId });
    expect(JSON.stringify(read.body)).not.toContain('13812345678');
  });
});

describe('mail-in', () => {
  test('starts at awaiting_device with promisedBy null; moving to received starts the promise clock', async () => {
    const { storeId } = await createTestStore('Mail-in Store');
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ channel: 'mail_in', issue: { category: 'charging', description: 'Does not charge' } }) });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('awaiting_device');
    expect(created.body.promisedBy).toBeNull();
    expect(created.body.history).toEqual([expect.objectContaining({ from: null, to: 'awaiting_device' })]);

    const received = await callApi('POST', `/v1/repairs/${created.body.id}/status`, {
      storeId,
      body: { status: 'received' },
      headers: { 'if-match': '"1"' },
    });
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('received');
    // Default mail-in promise: 72 hours from receipt, not from intake.
    expect(received.body.promisedBy).toBe(new Date(Date.parse(received.body.updatedAt) + 72 * HOUR).toISOString());

    const stored = await storedOrder(table.doc, table.tableName, created.body.id);
    expect(stored.order?.promisedBy).toBe(received.body.promisedBy);

    // Later moves keep the promise made at receipt.
    const diagnosing = await callApi('POST', `/v1/repairs/${created.body.id}/status`, { storeId, body: { status: 'diagnosing' } });
    expect(diagnosing.body.promisedBy).toBe(received.body.promisedBy);
  });
});

describe('bad create bodies → 400 problem+json naming the field, nothing written', () => {
  let storeId: string;
  beforeAll(async () => {
    ({ storeId } = await createTestStore('Validation Store'));
  });

  const valid = newRepairBody();
  const without = (key: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
  const cases: [string, unknown, string][] = [
    ['missing channel', without('channel'), 'channel'],
    ['missing customer', without('customer'), 'customer'],
    ['missing customer.name', { ...valid, customer: { ...valid.customer, name: undefined } }, 'customer.name'],
    ['missing issue.description', { ...valid, issue: { category: 'screen' } }, 'issue.description'],
    ['smsOptIn of the wrong type', { ...valid, customer: { ...valid.customer, smsOptIn: 'yes' } }, 'customer.smsOptIn'],
    ['channel of the wrong type', { ...valid, channel: 42 }, 'channel'],
    ['unknown channel', { ...valid, channel: 'drone' }, 'channel'],
    ['customer as a string', { ...valid, customer: 'Asha' }, 'customer'],
    ['unknown category', { ...valid, issue: { category: 'keyboard', description: 'Sticky keys' } }, 'issue.category'],
    ['phone without +', { ...valid, customer: { ...valid.customer, phone: '919812345678' } }, 'customer.phone'],
    ['phone with a leading 0 country code', { ...valid, customer: { ...valid.customer, phone: '+0919812345678' } }, 'customer.phone'],
    ['phone with spaces', { ...valid, customer: { ...valid.customer, phone: '+91 98123 45678' } }, 'customer.phone'],
    ['phone too long', { ...valid, customer: { ...valid.customer, phone: '+9198123456789012' } }, 'customer.phone'],
    ['unknown language', { ...valid, customer: { ...valid.customer, language: 'fr' } }, 'customer.language'],
    ['extra field storeId', { ...valid, storeId: 'store_someone_else' }, 'storeId'],
    ['extra field status', { ...valid, status: 'completed' }, 'status'],
    ['extra field version', { ...valid, version: 7 }, 'version'],
    ['extra nested field', { ...valid, customer: { ...valid.customer, email: 'a@example.com' } }, 'customer.email'],
    // Within the 64 KB body limit a field over its own cap is still named (bigger bodies: 413, below).
    ['2001-character description', { ...valid, issue: { category: 'screen', description: 'x'.repeat(2001) } }, 'issue.description'],
    ['a 60 KB description', { ...valid, issue: { category: 'screen', description: 'x'.repeat(60 * 1024) } }, 'issue.description'],
    ['purchaseDate in year 0', { ...valid, device: { ...valid.device, purchaseDate: '0000-01-01' } }, 'device.purchaseDate'],
    ['purchaseDate before 2000', { ...valid, device: { ...valid.device, purchaseDate: '1999-12-31' } }, 'device.purchaseDate'],
    ['purchaseDate in 9999', { ...valid, device: { ...valid.device, purchaseDate: '9999-12-31' } }, 'device.purchaseDate'],
    ['estimate amount as a number', { ...valid, estimate: { amount: 1499, currency: 'INR' } }, 'estimate.amount'],
    ['on-site without distanceKm', { ...valid, channel: 'on_site' }, 'distanceKm'],
    ['JSON array', [valid], 'body'],
    ['JSON null', null, 'body'],
  ];

  test.each(cases)('%s → 400 naming %p', async (_name, body, path) => {
    const result = await callApi('POST', '/v1/repairs', { storeId, rawBody: JSON.stringify(body) });
    expectProblem(result, 400);
    expect(result.body.type).toMatch(/\/validation-error$/);
    expect(errorPaths(result)).toContain(path);
    for (const error of result.body.errors) expect(typeof error.message).toBe('string');
    // The refusal names the problem; it does not echo a huge input back.
    expect(JSON.stringify(result.body).length).toBeLessThan(10_000);
  });

  test('several bad fields are all reported', async () => {
    const result = await callApi('POST', '/v1/repairs', {
      storeId,
      body: { ...valid, customer: { ...valid.customer, phone: '12345', language: 'xx' }, issue: { category: 'nope', description: 'd' } },
    });
    expectProblem(result, 400);
    expect(errorPaths(result)).toEqual(expect.arrayContaining(['customer.phone', 'customer.language', 'issue.category']));
  });

  test.each([
    ['non-JSON body', '{"channel": "walk_in", '],
    ['plain text body', 'hello'],
    ['empty body', ''],
  ])('%s → 400 naming body', async (_name, rawBody) => {
    const result = await callApi('POST', '/v1/repairs', { storeId, rawBody });
    expectProblem(result, 400);
    expect(errorPaths(result)).toEqual(['body']);
  });

  test('no body at all → 400 naming body', async () => {
    const result = await callApi('POST', '/v1/repairs', { storeId });
    expectProblem(result, 400);
    expect(errorPaths(result)).toEqual(['body']);
  });

  // Runs after every refusal above (tests in a describe run in order).
  test('none of the refused requests created an order', async () => {
    const list = await callApi('GET', '/v1/repairs', { storeId });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });
});

describe('request size: bodies over 64 KB → 413 problem+json, before anything is parsed or stored', () => {
  let storeId: string;
  beforeAll(async () => {
    ({ storeId } = await createTestStore('Size Store'));
  });
  const LIMIT = 64 * 1024;
  /** A valid create body padded (inside the description) to exactly `bytes` bytes of UTF-8 JSON. */
  const bodyOfSize = (bytes: number, char = 'x') => {
    const base = JSON.stringify(newRepairBody({ issue: { category: 'screen', description: '' } }));
    const padding = bytes - Buffer.byteLength(base);
    const unit = Buffer.byteLength(char);
    expect(padding % unit).toBe(0);
    const raw = base.replace('"description":""', `"description":"${char.repeat(padding / unit)}"`);
    expect(Buffer.byteLength(raw)).toBe(bytes);
    return raw;
  };

  test.each([
    ['one byte over the limit', LIMIT + 1],
    ['1 MB', 1024 * 1024],
  ])('%s → 413 payload-too-large naming the limit; nothing written, not even an Idempotency-Key record', async (_name, bytes) => {
    const before = (await scanTable(table.doc, table.tableName)).length;
    const result = await callApi('POST', '/v1/repairs', { storeId, rawBody: bodyOfSize(bytes), headers: { 'idempotency-key': `size-${bytes}` } });
    expectProblem(result, 413);
    expect(result.body.type).toMatch(/\/payload-too-large$/);
    expect(result.body.detail).toContain('64 KB');
    expect(JSON.stringify(result.body).length).toBeLessThan(1_000);
    expect((await scanTable(table.doc, table.tableName)).length).toBe(before);
  });

  test('bytes count, not characters: 22 000 Devanagari letters (66 KB) are over the limit', async () => {
    const result = await callApi('POST', '/v1/repairs', { storeId, rawBody: bodyOfSize(LIMIT + 2, 'अ') });
    expectProblem(result, 413);
  });

  test('a body of exactly 64 KB is not refused for its size (here: 400 for its too-long description)', async () => {
    const result = await callApi('POST', '/v1/repairs', { storeId, rawBody: bodyOfSize(LIMIT) });
    expectProblem(result, 400);
    expect(errorPaths(result)).toEqual(['issue.description']);
  });

  test('every route refuses an oversized body, the move included', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const moved = await callApi('POST', `/v1/repairs/${created.body.id}/status`, { storeId, rawBody: JSON.stringify({ status: 'diagnosing', note: 'n'.repeat(LIMIT) }) });
    expectProblem(moved, 413);
    expect((await storedOrder(table.doc, table.tableName, created.body.id)).order).toMatchObject({ status: 'received', version: 1 });
  });

  test('the largest legitimate intake (every text at its cap, every character a \\u escape) is accepted', async () => {
    const escaped = (n: number) => '\\u0905'.repeat(n); // अ, written as a JSON escape
    const raw = JSON.stringify(newRepairBody({ estimate: { amount: '1499.00', currency: 'INR' } }))
      .replace('"Asha Rao"', `"${escaped(200)}"`)
      .replace('"OPPO"', `"${escaped(100)}"`)
      .replace('"A78"', `"${escaped(100)}"`)
      .replace('"Cracked screen after a drop"', `"${escaped(2000)}"`);
    expect(Buffer.byteLength(raw)).toBeGreaterThan(14_000);
    const created = await callApi('POST', '/v1/repairs', { storeId, rawBody: raw });
    expect(created.status).toBe(201);
    expect(created.body.issue.description).toBe('अ'.repeat(2000));
  });
});

describe('phone numbers typed by staff never come back in full', () => {
  let storeId: string;
  beforeAll(async () => {
    ({ storeId } = await createTestStore('Notes Store'));
  });

  test('move notes and reasons are masked in the move response, the order and the list; the table keeps what was typed', async () => {
    const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
    const id = created.body.id as string;
    const note = `Customer asked to call ${PHONE} or +91 98123 45678, or her husband on 98765-43210 after 2026-03-01 10:30`;
    const moved = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'diagnosing', note } });
    expect(moved.status).toBe(200);
    const expected = 'Customer asked to call +91••••••5678 or +91••••••5678, or her husband on ••••••3210 after 2026-03-01 10:30';
    expect(moved.body.history[1].note).toBe(expected);
    const cancelled = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'cancelled', reason: `Customer (${PHONE}) withdrew` } });
    expect(cancelled.body.history[2].reason).toBe('Customer (+91••••••5678) withdrew');

    const read = await callApi('GET', `/v1/repairs/${id}`, { storeId });
    expect(read.body.history.map((e: { note: string | null }) => e.note)).toEqual([null, expected, null]);
    for (const result of [moved, cancelled, read]) {
      expectNoFullPhone(result);
      expect(JSON.stringify(result.body)).not.toContain('98765');
    }
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.events[1]?.note).toBe(note);
  });

  test('a problem answer never echoes a phone from the path in `instance`', async () => {
    // No store: 401, whose instance is the path. The erasure route carries the phone in it.
    for (const path of [`/v1/customers/${encodeURIComponent(PHONE)}/personal-data`, `/v1/customers/${PHONE}/personal-data`]) {
      const result = await callApi('DELETE', path);
      expectProblem(result, 401);
      expect(result.body.instance).toBe(`/v1/customers/${MASKED}/personal-data`);
      expectNoFullPhone(result);
    }
    // Not E.164 (spaces) but still a phone: the 400 names the field and masks the number.
    const invalid = await callApi('DELETE', `/v1/customers/${encodeURIComponent('+91 99887 76655')}/personal-data`, { storeId });
    expectProblem(invalid, 400);
    expect(errorPaths(invalid)).toEqual(['phone']);
    expect(invalid.body.instance).toBe('/v1/customers/+91••••••6655/personal-data');
    expect(JSON.stringify(invalid.body)).not.toMatch(/99887|87766|9988776655/);
  });

  test('other paths are echoed as they are', async () => {
    const missing = '01JD0000000000000000000000';
    const result = await callApi('GET', `/v1/repairs/${missing}`, { storeId });
    expectProblem(result, 404);
    expect(result.body.instance).toBe(`/v1/repairs/${missing}`);
  });
});

describe('refused moves', () => {
  let storeId: string;
  beforeAll(async () => {
    ({ storeId } = await createTestStore('Moves Store'));
  });
  const open = async () => (await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() })).body as { id: string };

  test('invalid move → 409 invalid-transition with the allowed moves; nothing written', async () => {
    const { id } = await open();
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'completed' } });
    expectProblem(result, 409);
    expect(result.body.type).toMatch(/\/invalid-transition$/);
    expect([...result.body.allowed].sort()).toEqual(['cancelled', 'diagnosing']);
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'received', version: 1 });
    expect(stored.events).toHaveLength(1);
  });

  test('asking for approval without an estimate → 400 naming estimate; nothing written', async () => {
    const { id } = await open();
    expect((await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'diagnosing' } })).status).toBe(200);
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'awaiting_approval' } });
    expectProblem(result, 400);
    expect(errorPaths(result)).toEqual(['estimate']);
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'diagnosing', version: 2 });
  });

  test('a terminal order allows no move: 409 with allowed []', async () => {
    const { id } = await open();
    const cancelled = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'cancelled', reason: 'Customer withdrew' } });
    expect(cancelled.status).toBe(200);
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'received' } });
    expectProblem(result, 409);
    expect(result.body.type).toMatch(/\/invalid-transition$/);
    expect(result.body.allowed).toEqual([]);
  });

  test('moving to the current status is an invalid move', async () => {
    const { id } = await open();
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'received' } });
    expectProblem(result, 409);
  });

  test.each([
    ['no reason', { status: 'cancelled' }],
    ['a blank reason', { status: 'cancelled', reason: '   ' }],
  ])('cancel with %s → 400 naming reason; nothing written', async (_name, body) => {
    const { id } = await open();
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body });
    expectProblem(result, 400);
    expect(errorPaths(result)).toContain('reason');
    const stored = await storedOrder(table.doc, table.tableName, id);
    expect(stored.order).toMatchObject({ status: 'received', version: 1 });
    expect(stored.events).toHaveLength(1);
  });

  test('cancel with a reason → 200 and the reason is in the history', async () => {
    const { id } = await open();
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status: 'cancelled', reason: 'Customer withdrew' } });
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('cancelled');
    expect(result.body.history[1]).toMatchObject({ from: 'received', to: 'cancelled', reason: 'Customer withdrew' });
  });

  test.each([
    ['unknown status value', { status: 'teleported' }, 'status'],
    ['missing status', { note: 'hi' }, 'status'],
    ['status of the wrong type', { status: 3 }, 'status'],
    ['unknown field', { status: 'diagnosing', version: 5 }, 'version'],
  ])('move body with %s → 400 naming %p', async (_name, body, path) => {
    const { id } = await open();
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body });
    expectProblem(result, 400);
    expect(errorPaths(result)).toContain(path);
  });

  test('move with a non-JSON body → 400 naming body', async () => {
    const { id } = await open();
    const result = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, rawBody: 'status=diagnosing' });
    expectProblem(result, 400);
    expect(errorPaths(result)).toEqual(['body']);
  });

  test('unknown order id → 404', async () => {
    const missing = '01JD0000000000000000000000';
    expectProblem(await callApi('GET', `/v1/repairs/${missing}`, { storeId }), 404);
    expectProblem(await callApi('POST', `/v1/repairs/${missing}/status`, { storeId, body: { status: 'diagnosing' } }), 404);
  });
});

describe('without the authorizer\'s store', () => {
  test.each([
    ['POST', '/v1/repairs'],
    ['GET', '/v1/repairs'],
    ['GET', '/v1/repairs/01JD0000000000000000000000'],
    ['POST', '/v1/repairs/01JD0000000000000000000000/status'],
  ])('%s %s → 401 problem+json', async (method, path) => {
    const result = await callApi(method, path, { body: method === 'POST' ? newRepairBody() : undefined });
    expectProblem(result, 401);
  });
});
