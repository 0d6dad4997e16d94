import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { startWhatsAppEndpoint } from '../support/whatsapp-endpoint.js';
import { streamReader } from '../support/stream.js';
import { lambdaContext } from '../../local/api-gateway.js';
import type { SmsInbox } from '../../local/sms-inbox.js';
import type { SocialMessagingEvent } from '../../local/whatsapp.js';
import { renderSms } from '../../shared/notify/templates.js';

type Notifier = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
type EventsHandler = (event: unknown, context: Context) => Promise<{ outcome: string }>;

let table: TestTable;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
let whatsapp: Awaited<ReturnType<typeof startWhatsAppEndpoint>>;
let stream: Awaited<ReturnType<typeof streamReader>>;
let notifier: Notifier;
let events: EventsHandler;
let inbox: SmsInbox;
let storeId: string;
let smsOnlyStoreId: string;

const PHONE_NUMBER_ID = 'phone-number-id-976c72a700aac43eaf573ae050a1b2c3';

beforeAll(async () => {
  table = await createTestTable();
  sns = await startSnsEndpoint();
  inbox = sns.inbox;
  whatsapp = await startWhatsAppEndpoint();
  ({ handler: notifier } = (await import('../../functions/notifier.js')) as unknown as { handler: Notifier });
  ({ handler: events } = (await import('../../functions/whatsapp-events.js')) as unknown as { handler: EventsHandler });
  stream = await streamReader(table.tableName);
  ({ storeId } = await createTestStore('OPPO Service Center Koramangala'));
  const enabled = await callApi('PATCH', '/v1/store', { storeId, body: { whatsapp: { phoneNumberId: PHONE_NUMBER_ID } } });
  expect(enabled.status).toBe(200);
  expect(enabled.body.whatsapp).toEqual({ phoneNumberId: PHONE_NUMBER_ID });
  ({ storeId: smsOnlyStoreId } = await createTestStore('OPPO Service Center Jayanagar'));
});

afterAll(async () => {
  await stream.stop();
  await whatsapp.stop();
  await sns.stop();
  await table.drop();
});

let phoneCounter = 0;
const newPhone = () => `+9197${String(12345678 + ++phoneCounter * 7919).padStart(8, '0')}`;

async function openOrder(options: { whatsappOptIn?: boolean; smsOptIn?: boolean; store?: string; language?: string } = {}) {
  const phone = newPhone();
  const body = newRepairBody({
    customer: { name: 'Asha Rao', phone, language: options.language ?? 'hi', smsOptIn: options.smsOptIn ?? true, whatsappOptIn: options.whatsappOptIn ?? true },
  });
  const created = await callApi('POST', '/v1/repairs', { storeId: options.store ?? storeId, body });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, trackingCode: created.body.trackingCode as string, phone };
}

async function move(id: string, status: string, store = storeId) {
  const moved = await callApi('POST', `/v1/repairs/${id}/status`, { storeId: store, body: { status } });
  expect(moved.status).toBe(200);
}

/** Everything on the stream so far to the notifier, as the event source mapping would. */
async function notify(times = 1) {
  const records = await stream.next();
  for (let i = 0; i < times; i++) {
    const result = await notifier({ Records: records }, lambdaContext('notifier'));
    expect(result.batchItemFailures).toEqual([]);
  }
}

async function deliver(list: SocialMessagingEvent[]) {
  const outcomes: string[] = [];
  for (const event of list) outcomes.push((await events(event, lambdaContext('whatsapp-events'))).outcome);
  return outcomes;
}

const COMPLETE = ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed'];

test('a whole repair on WhatsApp: one message per customer-facing change, none twice, no SMS', async () => {
  const { id, phone, trackingCode } = await openOrder();
  await notify();
  for (const status of COMPLETE) {
    await move(id, status);
    await notify(2); // every batch delivered twice
  }
  const sent = whatsapp.endpoint.list(phone);
  expect(sent.map((m) => m.template)).toEqual(['repair_received', 'repair_ready_for_pickup', 'repair_completed']);
  expect(sent.every((m) => m.language === 'hi' && m.from === PHONE_NUMBER_ID)).toBe(true);
  expect(sent[0]!.body).toContain(trackingCode);
  expect(sent[0]!.parameters).toContain(trackingCode);
  await deliver(await whatsapp.takeEvents());
  expect(inbox.list(phone)).toEqual([]);
  const order = await callApi('GET', `/v1/repairs/${id}`, { storeId });
  expect(order.body.customer.whatsappOptIn).toBe(true);
});

test('a number not on WhatsApp gets the update by SMS exactly once, however often and in whatever order the failure arrives', async () => {
  const { id, phone, trackingCode } = await openOrder();
  whatsapp.endpoint.markUnreachable(phone);
  await notify();
  expect(whatsapp.endpoint.list(phone)).toHaveLength(1);
  const failed = await whatsapp.takeEvents();
  expect(failed.map((e) => e['detail-type'])).toEqual(['WhatsApp Message Failed']);
  const outcomes = await deliver([failed[0]!, failed[0]!, { ...failed[0]!, id: 'redelivered' }]);
  expect(outcomes).toEqual(['fallback-sent', 'duplicate', 'duplicate']);
  const sms = inbox.list(phone);
  expect(sms).toHaveLength(1);
  // The very SMS the change would have sent without WhatsApp.
  const order = (await callApi('GET', `/v1/repairs/${id}`, { storeId })).body;
  const expected = renderSms('received', 'hi', { storeName: 'OPPO Service Center Koramangala', trackingCode, timezone: 'Asia/Kolkata', promisedBy: order.promisedBy });
  expect(sms[0]!.body).toBe(expected.text);
  expect(sms[0]!.body).toContain(trackingCode);
  // A late "sent" after the failure changes nothing.
  const late = { ...failed[0]!, 'detail-type': 'WhatsApp Message Sent', detail: { ...failed[0]!.detail, status: 'sent' } };
  expect(await deliver([late])).toEqual(['recorded']);
  expect(inbox.list(phone)).toHaveLength(1);
});

test('a failure reported after the message was delivered sends nothing more', async () => {
  const { phone } = await openOrder();
  await notify();
  const [sent, delivered] = await whatsapp.takeEvents();
  expect(delivered!['detail-type']).toBe('WhatsApp Message Delivered');
  const failed = { ...delivered!, id: 'late-failure', 'detail-type': 'WhatsApp Message Failed', detail: { ...delivered!.detail, status: 'failed' } };
  // Out of order: delivered first, then sent, then a (spurious) failure.
  expect(await deliver([delivered!, sent!, failed])).toEqual(['recorded', 'recorded', 'recorded']);
  expect(inbox.list(phone)).toEqual([]);
});

test('a template WhatsApp refuses at once goes by SMS in the same run, once', async () => {
  const { storeId: refusing } = await createTestStore('OPPO Service Center Whitefield');
  const patched = await callApi('PATCH', '/v1/store', { storeId: refusing, body: { whatsapp: { phoneNumberId: PHONE_NUMBER_ID, templates: { received: 'never_registered' } } } });
  expect(patched.status).toBe(200);
  const { phone } = await openOrder({ store: refusing });
  await notify(2);
  expect(whatsapp.endpoint.list(phone)).toEqual([]);
  expect(inbox.list(phone)).toHaveLength(1);
});

test('customers without WhatsApp consent, or of a store without WhatsApp, get SMS as before', async () => {
  const noConsent = await openOrder({ whatsappOptIn: false });
  const smsStore = await openOrder({ store: smsOnlyStoreId });
  await notify();
  for (const { phone } of [noConsent, smsStore]) {
    expect(whatsapp.endpoint.list(phone)).toEqual([]);
    expect(inbox.list(phone)).toHaveLength(1);
  }
});

test('WhatsApp only (no SMS consent): an undeliverable update is not sent by SMS', async () => {
  const { phone } = await openOrder({ smsOptIn: false });
  whatsapp.endpoint.markUnreachable(phone);
  await notify();
  expect(await deliver(await whatsapp.takeEvents())).toEqual(['fallback-skipped']);
  expect(inbox.list(phone)).toEqual([]);
});

test('STOP on WhatsApp takes the number off WhatsApp; its next update goes by SMS', async () => {
  const { id, phone } = await openOrder();
  await notify();
  await deliver(await whatsapp.takeEvents());
  whatsapp.endpoint.receive(phone, 'STOP');
  expect(await deliver(await whatsapp.takeEvents())).toEqual(['opted-out']);
  for (const status of COMPLETE.slice(0, 4)) await move(id, status);
  await notify();
  expect(whatsapp.endpoint.list(phone)).toHaveLength(1);
  expect(inbox.list(phone)).toHaveLength(1);
  expect(inbox.list(phone)[0]!.body).toMatch(/\S/);
});

test('a malformed or foreign event fails alone; the next one is handled', async () => {
  const { phone } = await openOrder();
  whatsapp.endpoint.markUnreachable(phone);
  await notify();
  const [failed] = await whatsapp.takeEvents();
  await expect(events({ source: 'aws.social-messaging', 'detail-type': 'WhatsApp Message Failed', detail: {} }, lambdaContext('whatsapp-events'))).rejects.toThrow(/messageId/);
  await expect(events({ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} }, lambdaContext('whatsapp-events'))).rejects.toThrow(/not an End User Messaging Social event/);
  await expect(
    events({ source: 'aws.social-messaging', 'detail-type': 'WhatsApp Message Failed', detail: { messageId: 'not-ours' } }, lambdaContext('whatsapp-events')),
  ).rejects.toThrow(/no WhatsApp message/);
  expect(await deliver([failed!])).toEqual(['fallback-sent']);
  expect(inbox.list(phone)).toHaveLength(1);
});

test('bad WhatsApp settings and consent are 400s naming the field', async () => {
  const cases: [unknown, string][] = [
    [{ whatsapp: { phoneNumberId: '' } }, 'whatsapp.phoneNumberId'],
    [{ whatsapp: { phoneNumberId: '1234' } }, 'whatsapp.phoneNumberId'],
    [{ whatsapp: { phoneNumberId: PHONE_NUMBER_ID, templates: { picked_up: 'x' } } }, 'whatsapp.templates.picked_up'],
    [{ whatsapp: { phoneNumberId: PHONE_NUMBER_ID, languages: ['fr'] } }, 'whatsapp.languages.0'],
  ];
  for (const [body, path] of cases) {
    const answer = await callApi('PATCH', '/v1/store', { storeId: smsOnlyStoreId, body });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  }
  const created = await callApi('POST', '/v1/repairs', {
    storeId,
    body: newRepairBody({ customer: { name: 'Asha Rao', phone: newPhone(), language: 'hi', smsOptIn: true, whatsappOptIn: 'yes' } }),
  });
  expect(created.status).toBe(400);
  expect(created.body.errors.map((e: { path: string }) => e.path)).toContain('customer.whatsappOptIn');
});
