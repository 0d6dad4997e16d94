/**
 * The customer page against DynamoDB Local, through the real handlers: the link, the decisions,
 * the rating, the problem report, the refusals (CSRF, stale page, double tap) and the dead links.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody, type ApiResult } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { keys } from '../../shared/store/keys.js';
import { streamReader } from '../support/stream.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { localDate } from '../../shared/domain/calendar.js';
import { pageFormFields } from '../support/page-forms.js';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

let table: TestTable;
let storeId: string;
let stream: Awaited<ReturnType<typeof streamReader>>;
beforeAll(async () => {
  table = await createTestTable();
  stream = await streamReader(table.tableName);
  ({ storeId } = await createTestStore('OPPO Service Center Koramangala'));
  const patched = await callApi('PATCH', '/v1/store', {
    storeId,
    body: { contact: { phone: '+918041234567', address: '80 Feet Road, Koramangala, Bengaluru 560034', mapsUrl: 'https://maps.example.com/?q=koramangala' }, problemCallbackHours: 12 },
  });
  expect(patched.status).toBe(200);
  expect(patched.body).toMatchObject({ contact: { phone: '+918041234567' }, problemCallbackHours: 12 });
});
afterAll(async () => {
  await stream.stop();
  await table.drop();
});

const DAY = 86_400_000;
const NAME = 'Asha Rao';
const IMEI = '356938035643809';
let phoneCounter = 0;
const newPhone = () => `+9198${String(12340000 + ++phoneCounter * 37).padStart(8, '0')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function openOrder(language = 'hi', phone = newPhone()) {
  const body = newRepairBody({
    customer: { name: NAME, phone, language, smsOptIn: true },
    device: { brand: 'OPPO', model: 'Reno 12 Pro', deviceId: IMEI },
    issue: { category: 'screen', description: 'Cracked screen, customer note: call after 6 pm' },
  });
  const created = await callApi('POST', '/v1/repairs', { storeId, body });
  expect(created.status).toBe(201);
  const stored = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.order(created.body.id) }));
  const token = stored.Item?.pageToken as string;
  expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
  return { id: created.body.id as string, trackingCode: created.body.trackingCode as string, phone, token };
}

async function move(id: string, status: string, extra: Record<string, unknown> = {}) {
  const moved = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status, ...extra } });
  expect(moved.status).toBe(200);
  return moved;
}

const page = (token: string, query = '') => callApi('GET', `/r/${token}${query}`);
const post = (path: string, fields: Record<string, string>) => callApi('POST', path, { rawBody: new URLSearchParams(fields).toString(), headers: FORM });


async function status(id: string) {
  return (await callApi('GET', `/v1/repairs/${id}`, { storeId })).body;
}

function expectPageHeaders(result: ApiResult) {
  expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(result.headers['cache-control']).toBe('no-store');
  expect(result.headers['referrer-policy']).toBe('no-referrer');
  expect(result.headers['x-robots-tag']).toContain('noindex');
  const csp = result.headers['content-security-policy'];
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src|unsafe-inline/);
}

test('the page shows the repair in the customer language, switches with ?lang=, and holds no personal data', async () => {
  const order = await openOrder('hi');
  const hindi = await page(order.token);
  expect(hindi.status).toBe(200);
  expectPageHeaders(hindi);
  expect(hindi.body).toContain('<html lang="hi">');
  expect(hindi.body).toContain('आपका डिवाइस हमें मिल गया है');
  expect(hindi.body).toContain('OPPO Reno 12 Pro');
  expect(hindi.body).toContain(order.trackingCode);
  expect(hindi.body).toContain('tel:+918041234567');
  for (const personal of [NAME, order.phone, order.phone.slice(-10), IMEI, 'call after 6 pm']) expect(hindi.body).not.toContain(personal);

  const english = await page(order.token, '?lang=en');
  expect(english.body).toContain('<html lang="en">');
  expect(english.body).toContain('We have received your device');
  // Every language is offered, each named in its own script.
  for (const name of ['English', 'हिन्दी', 'বাংলা', 'தமிழ்', '中文', 'ქართული']) expect(english.body).toContain(name);
});

test('approve moves the order to in_repair by the customer; the same form again (double tap) changes nothing', async () => {
  const order = await openOrder('en');
  await move(order.id, 'diagnosing');
  await move(order.id, 'awaiting_approval', { estimate: { amount: '2499.00', currency: 'INR' } });
  const quote = await page(order.token);
  expect(quote.body).toContain('>Approve</button>');
  expect(quote.body).toContain('>Decline</button>');
  expect(quote.body).toContain('₹2,499.00');
  const fields = pageFormFields(quote.body, 'approve');

  const approved = await post(`/r/${order.token}/approve`, fields);
  expect(approved.status).toBe(303);
  expect(approved.headers.location).toBe(`../${order.token}?n=approved&lang=en`);
  const after = await status(order.id);
  expect(after.status).toBe('in_repair');
  expect(after.history.at(-1)).toMatchObject({ from: 'awaiting_approval', to: 'in_repair', by: 'customer' });

  const again = await post(`/r/${order.token}/approve`, fields);
  expect(again.status).toBe(303);
  expect(again.headers.location).toContain('n=stale');
  expect((await status(order.id)).version).toBe(after.version);
  const shown = await page(order.token, '?n=stale');
  expect(shown.body).toContain('This page was out of date, so nothing was changed.');
});

test('decline cancels with the reason, by the customer; a page older than a store move is stale and changes nothing', async () => {
  const order = await openOrder('en');
  await move(order.id, 'diagnosing');
  await move(order.id, 'awaiting_approval', { estimate: { amount: '1499.00', currency: 'INR' } });
  const stale = pageFormFields((await page(order.token)).body, 'decline');
  // The store changes the estimate meanwhile (a new version): the old page must not decide on it.
  await move(order.id, 'awaiting_parts');
  await move(order.id, 'in_repair');
  const refused = await post(`/r/${order.token}/decline`, stale);
  expect(refused.headers.location).toContain('n=stale');
  expect((await status(order.id)).status).toBe('in_repair');

  const second = await openOrder('en');
  await move(second.id, 'diagnosing');
  await move(second.id, 'awaiting_approval', { estimate: { amount: '1499.00', currency: 'INR' } });
  const declined = await post(`/r/${second.token}/decline`, pageFormFields((await page(second.token)).body, 'decline'));
  expect(declined.headers.location).toContain('n=declined');
  const after = await status(second.id);
  expect(after.status).toBe('cancelled');
  expect(after.history.at(-1)).toMatchObject({ to: 'cancelled', by: 'customer', reason: 'customer declined the estimate' });
});

test('a missing or wrong CSRF token is refused and changes nothing', async () => {
  const order = await openOrder('hi');
  await move(order.id, 'diagnosing');
  await move(order.id, 'awaiting_approval', { estimate: { amount: '999.00', currency: 'INR' } });
  const fields = pageFormFields((await page(order.token)).body, 'approve');
  const other = await openOrder('hi');
  const foreignCsrf = pageFormFields((await page(other.token)).body, 'problem').csrf as string;
  const declineCsrf = pageFormFields((await page(order.token)).body, 'decline').csrf as string;

  for (const csrf of [undefined, '', 'x'.repeat(43), foreignCsrf, declineCsrf]) {
    const { csrf: _dropped, ...rest } = fields;
    const refused = await post(`/r/${order.token}/approve`, csrf === undefined ? rest : { ...rest, csrf });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('यह फ़ॉर्म पुराना हो गया है');
  }
  expect((await status(order.id)).status).toBe('awaiting_approval');
});

test('a rating once after completion; 2 or less opens an escalation; bad input names the field in the customer language', async () => {
  const order = await openOrder('hi');
  for (const s of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) await move(order.id, s);
  const completed = await page(order.token);
  expect(completed.body).toContain('रिपेयर पूरा हुआ');
  expect(completed.body).toMatch(/रिपेयर वारंटी इस तारीख तक<\/dt><dd>[^<]*\d{4}<\/dd>/);
  const fields = pageFormFields(completed.body, 'rating');

  const missing = await post(`/r/${order.token}/rating`, fields);
  expect(missing.status).toBe(400);
  expect(missing.body).toContain('रेटिंग: कृपया एक चुनें।');
  const long = await post(`/r/${order.token}/rating`, { ...fields, rating: '2', comment: 'x'.repeat(501) });
  expect(long.status).toBe(400);
  expect(long.body).toContain('टिप्पणी: कृपया अधिकतम 500 अक्षर लिखें।');

  const rated = await post(`/r/${order.token}/rating`, { ...fields, rating: '2', comment: 'Screen flickers at night' });
  expect(rated.headers.location).toContain('n=rated');
  const twice = await post(`/r/${order.token}/rating`, { ...fields, rating: '5' });
  expect(twice.headers.location).toContain('n=stale');
  expect((await page(order.token)).body).toContain('आपने इस रिपेयर को 5 में से 2 रेटिंग दी');

  // The rating reaches the store's CSAT through the stream aggregator: with the calls, and apart.
  const { handler: aggregator } = (await import('../../functions/aggregator.js')) as unknown as { handler: StreamHandler };
  expect((await aggregator({ Records: await stream.next() }, lambdaContext('aggregator'))).batchItemFailures).toEqual([]);
  const today = localDate(new Date(), 'Asia/Kolkata');
  const kpis = await callApi('GET', `/v1/metrics?from=${today}&to=${today}`, { storeId });
  expect(kpis.body.csat).toEqual({ meanRating: 2, satisfiedPercent: null, responses: 1, calls: { meanRating: null, responses: 0 }, page: { meanRating: 2, responses: 1 } });

  const open = (await callApi('GET', '/v1/escalations?state=open', { storeId })).body.items as any[];
  expect(open.filter((e) => e.orderId === order.id)).toEqual([
    expect.objectContaining({ reason: 'rating 2/5 on the customer page', notes: 'Screen flickers at night', state: 'open' }),
  ]);
});

test('a problem report opens an escalation and a due call back within the store setting; the page says by when', async () => {
  const order = await openOrder('en');
  const before = Date.now();
  const fields = pageFormFields((await page(order.token)).body, 'problem');
  const empty = await post(`/r/${order.token}/problem`, { ...fields, problem: '   ' });
  expect(empty.status).toBe(400);
  expect(empty.body).toContain('Describe the problem: please fill this in.');
  const tooLong = await post(`/r/${order.token}/problem`, { ...fields, problem: 'y'.repeat(1001) });
  expect(tooLong.body).toContain('Describe the problem: please use at most 1000 characters.');

  const reported = await post(`/r/${order.token}/problem`, { ...fields, problem: 'The phone gets hot while charging' });
  expect(reported.headers.location).toContain('n=problem');
  const shown = await page(order.token, '?n=problem');
  expect(shown.body).toContain('Thank you for telling us. The store will call you by');

  const due = (await callApi('GET', '/v1/follow-ups?state=due', { storeId })).body.items as any[];
  const callback = due.find((task) => task.orderId === order.id);
  expect(callback).toMatchObject({ kind: 'callback', state: 'due', customer: { phone: order.phone } });
  const callBy = Date.parse(callback.dueAt);
  expect(callBy).toBeGreaterThanOrEqual(before + 12 * 3_600_000);
  expect(callBy).toBeLessThan(Date.now() + 12 * 3_600_000 + 1000);
  const open = (await callApi('GET', '/v1/escalations?state=open', { storeId })).body.items as any[];
  expect(open.find((e) => e.orderId === order.id)).toMatchObject({ reason: 'problem reported on the customer page', notes: 'The phone gets hot while charging' });
});

describe('dead links', () => {
  let unknown: ApiResult;
  beforeAll(async () => {
    unknown = await page('AAAAAAAAAAAAAAAAAAAAAA');
  });

  test('an unknown or malformed token is the same 404 page, never JSON', async () => {
    expect(unknown.status).toBe(404);
    expectPageHeaders(unknown);
    expect(unknown.body).toContain('Repair not found');
    const malformed = await page('not-a-token');
    expect(malformed.status).toBe(404);
    expect(malformed.body).toBe(unknown.body);
  });

  test('after erasure the link answers the same 404 page, its lookup item is gone, and a number typed into a report is erased', async () => {
    const order = await openOrder('en');
    expect((await page(order.token)).status).toBe(200);
    const fields = pageFormFields((await page(order.token)).body, 'problem');
    expect((await post(`/r/${order.token}/problem`, { ...fields, problem: `Please call me on ${order.phone} instead` })).status).toBe(303);
    const erased = await callApi('DELETE', `/v1/customers/${encodeURIComponent(order.phone)}/personal-data`, { storeId });
    expect(erased.status).toBe(200);
    const after = await page(order.token);
    expect(after.status).toBe(404);
    expect(after.body).toBe(unknown.body);
    const lookup = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.pageLink(order.token) }));
    expect(lookup.Item).toBeUndefined();
    const report = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.problemReport(order.id, 1) }));
    expect(report.Item?.description).toBe('Please call me on [phone erased] instead');
  });

  test('90 days after the order ended the link is a 404; the day before it still works; the lookup item carries a TTL', async () => {
    const order = await openOrder('en');
    await move(order.id, 'cancelled', { reason: 'customer changed their mind' });
    const link = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.pageLink(order.token) }));
    expect(link.Item?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 89 * 86_400);

    const events = await table.doc.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)', ExpressionAttributeValues: { ':pk': keys.orderPartition(order.id), ':e': 'ORDER#EVENT#' } }));
    const last = events.Items!.at(-1)!;
    const endAt = async (ago: number) =>
      table.doc.send(new UpdateCommand({ TableName: table.tableName, Key: { pk: last.pk, sk: last.sk }, UpdateExpression: 'SET #at = :at', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': new Date(Date.now() - ago).toISOString() } }));
    await endAt(89 * DAY);
    expect((await page(order.token)).status).toBe(200);
    await endAt(90 * DAY + 60_000);
    const expired = await page(order.token);
    expect(expired.status).toBe(404);
    expect(expired.body).toBe(unknown.body);
  });

  test('the lookup form leads to the page; a wrong pair gets the same 404 page', async () => {
    const order = await openOrder('ta');
    const form = await callApi('GET', '/track');
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="code"');
    const found = await post('/track', { code: order.trackingCode.toLowerCase(), last4: order.phone.slice(-4), lang: 'en' });
    expect(found.status).toBe(303);
    expect(found.headers.location).toBe(`r/${order.token}?lang=en`);
    const wrong = await post('/track', { code: order.trackingCode, last4: '0000', lang: 'en' });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toBe((await post('/track', { code: 'AAA-AAAA-AAA', last4: '1234', lang: 'en' })).body);
    expect(wrong.body).toContain('Repair not found');
    const bad = await post('/track', { code: order.trackingCode, last4: '12a4', lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Last 4 digits of your phone number: please check what you entered.');
  });
});
