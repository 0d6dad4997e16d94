/**
 * The customer message about a campaign's new warranty end date, through the real campaigns job
 * handler on DynamoDB Local with the local SNS and WhatsApp endpoints: one message to each
 * opted-in customer, in their language, on their channel, only inside 09:00–20:00 of the store's
 * clock; nothing to the customers who did not opt in, were erased, or have no order (a registered
 * warranty); a duplicate run and a re-run send nothing more.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { startWhatsAppEndpoint } from '../support/whatsapp-endpoint.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import { addDays, zonedInstant } from '../../shared/domain/calendar.js';
import { renderSms } from '../../shared/notify/templates.js';
import { renderWhatsApp } from '../../shared/notify/whatsapp/templates.js';
import type { Principal } from '../../shared/domain/access.js';
import { keys } from '../../shared/store/keys.js';
import type { JobSummary } from '../../shared/usecases/jobs.js';

type JobHandler = (event: ScheduledEvent, context: Context) => Promise<JobSummary>;

const hq: Principal = { kind: 'network', keyId: 'key_notice_hq', scopes: ['warranties:write'] };
const PHONE_NUMBER_ID = 'phone-number-id-976c72a700aac43eaf573ae050a1b2c3';
const DAYS = 45;

let table: TestTable;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
let whatsapp: Awaited<ReturnType<typeof startWhatsAppEndpoint>>;
let campaigns: JobHandler;

beforeAll(async () => {
  process.env.PUBLIC_BASE_URL = 'https://repair.oppo.in';
  table = await createTestTable();
  sns = await startSnsEndpoint();
  whatsapp = await startWhatsAppEndpoint();
  ({ handler: campaigns } = (await import('../../functions/jobs/campaigns.js')) as { handler: JobHandler });
});
afterAll(async () => {
  await whatsapp.stop();
  await sns.stop();
  await table.drop();
});

/** The campaigns job's real handler on the event its rule sends at `time`. */
function runJob(time: Date): Promise<JobSummary> {
  const job = SCHEDULED_JOBS.find((j) => j.name === 'campaigns')!;
  return campaigns(scheduledEvent(job, time), { ...lambdaContext('campaigns'), getRemainingTimeInMillis: () => 300_000 });
}

let seq = 0;
interface Customer {
  label: string;
  storeId: string;
  storeName: string;
  phone: string;
  language: string;
  deviceId: string;
  orderId: string;
}

/** A completed repair (so a repair warranty with its order) for a customer of `storeId`. */
async function repairedFor(label: string, store: { storeId: string; name: string }, customer: { language: string; smsOptIn: boolean; whatsappOptIn?: boolean }): Promise<Customer> {
  seq++;
  const phone = `+9198${String(40_000_000 + seq * 7919)}`;
  const deviceId = `35693803${String(5_000_000 + seq)}`;
  const created = await callApi('POST', '/v1/repairs', {
    storeId: store.storeId,
    body: newRepairBody({ customer: { name: 'Meera Iyer', phone, ...customer }, device: { brand: 'OPPO', model: 'A78', deviceId } }),
  });
  expect(created.status).toBe(201);
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    expect((await callApi('POST', `/v1/repairs/${created.body.id}/status`, { storeId: store.storeId, body: { status } })).status).toBe(200);
  }
  return { label, storeId: store.storeId, storeName: store.name, phone, language: customer.language, deviceId, orderId: created.body.id as string };
}

const warrantiesOf = async (c: { deviceId: string; storeId: string }) =>
  (await callApi('GET', `/v1/warranties/${c.deviceId}`, { storeId: c.storeId })).body.items as { kind: string; endsAt: string; orderId: string | null; extensions: unknown[] }[];

const queued = async () =>
  (await table.doc.send(new QueryCommand({ TableName: table.tableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :q', ExpressionAttributeValues: { ':q': 'DUE#WNOTICE' } }))).Items ?? [];

/** The message the customer should read, up to the page link (the link's token is the order's own). */
const expectedText = (c: Customer, endsAt: string) =>
  renderSms('warranty_extended', c.language, { storeName: c.storeName, trackingCode: 'unused', timezone: 'Asia/Kolkata', warrantyEndsOn: endsAt, pageUrl: null }).text;

test('one message with the new end date to each opted-in customer, in their language and channel, only inside the SMS window; none twice', async () => {
  const mumbai = { name: 'OPPO Andheri', ...(await createTestStore('OPPO Andheri')) };
  const chennai = { name: 'OPPO T Nagar', ...(await createTestStore('OPPO T Nagar')) };
  expect((await callApi('PATCH', '/v1/store', { storeId: chennai.storeId, body: { whatsapp: { phoneNumberId: PHONE_NUMBER_ID } } })).status).toBe(200);
  const { createStore } = await import('../../shared/usecases/stores.js');
  const { stores } = await import('../../shared/store/container.js');
  const tbilisiStore = (await createStore(stores, { name: 'OPPO Vake', country: 'GE', timezone: 'Asia/Tbilisi' })).store;
  const tbilisi = { storeId: tbilisiStore.id, name: 'OPPO Vake' };

  const hindi = await repairedFor('hindi SMS', mumbai, { language: 'hi', smsOptIn: true });
  const tamil = await repairedFor('tamil SMS', mumbai, { language: 'ta', smsOptIn: true });
  const english = await repairedFor('english SMS', mumbai, { language: 'en', smsOptIn: true });
  const onWhatsApp = await repairedFor('marathi WhatsApp', chennai, { language: 'mr', smsOptIn: true, whatsappOptIn: true });
  const georgian = await repairedFor('georgian SMS', tbilisi, { language: 'ka', smsOptIn: true });
  const noConsent = await repairedFor('no consent', mumbai, { language: 'hi', smsOptIn: false });
  const erased = await repairedFor('erased', mumbai, { language: 'bn', smsOptIn: true });
  // An order that ended 100 days ago (its completion moved back): its page link is dead, the message goes without it.
  const longAgo = await repairedFor('gujarati SMS, page expired', mumbai, { language: 'gu', smsOptIn: true });
  const completion = keys.orderEvent(longAgo.orderId, 6);
  await table.doc.send(new UpdateCommand({ TableName: table.tableName, Key: completion, UpdateExpression: 'SET #at = :at', ConditionExpression: '#to = :completed', ExpressionAttributeNames: { '#at': 'at', '#to': 'to' }, ExpressionAttributeValues: { ':at': new Date(Date.now() - 100 * 86_400_000).toISOString(), ':completed': 'completed' } }));
  expect((await callApi('DELETE', `/v1/customers/${encodeURIComponent(erased.phone)}/personal-data`, { storeId: mumbai.storeId })).status).toBe(200);
  const today = new Date().toISOString().slice(0, 10);
  const registered = await callApi('POST', '/v1/warranties', { storeId: mumbai.storeId, body: { deviceId: 'SNNOTICE0001', kind: 'extended', startsAt: today, months: 2 } });
  expect(registered.status).toBe(201);
  const told = [hindi, tamil, english, onWhatsApp, georgian, longAgo];
  const everyone = [...told, noConsent, erased];
  const before = new Map(await Promise.all(everyone.map(async (c) => [c.label, (await warrantiesOf(c)).find((w) => w.kind === 'repair')!.endsAt] as const)));

  const started = await callApi('POST', '/v1/network/warranty-extensions', { principal: hq, body: { expiringFrom: today, expiringTo: addDays(today, 365), days: DAYS, reason: 'Monsoon closures' } });
  expect(started.status).toBe(202);

  const messages = (c: Customer) => [...sns.inbox.list(c.phone), ...whatsapp.endpoint.list(c.phone)];
  const day = addDays(today, 3);
  const ist = (d: string, minutes: number) => zonedInstant(d, minutes, 'Asia/Kolkata');
  const tbilisiTime = (d: string, minutes: number) => zonedInstant(d, minutes, 'Asia/Tbilisi');

  // 22:00 in India (20:30 in Tbilisi): the campaign extends every warranty; every notice waits for its window.
  const night = await runJob(ist(day, 22 * 60));
  expect(night.changed).toBe(everyone.length + 1);
  expect((await callApi('GET', `/v1/network/warranty-extensions/${started.body.id}`, { principal: hq })).body).toMatchObject({ state: 'done', matched: everyone.length + 1, extended: everyone.length + 1 });
  expect((await warrantiesOf({ deviceId: 'SNNOTICE0001', storeId: mumbai.storeId }))[0]!.extensions).toHaveLength(1);
  for (const c of everyone) expect(messages(c)).toEqual([]);
  // One notice per repair warranty (each has an order); the registered one has no customer to tell.
  expect((await queued()).map((item) => item.orderId).sort()).toEqual(everyone.map((c) => c.orderId).sort());

  // 08:59 the next morning in India: not yet.
  await runJob(ist(addDays(day, 1), 8 * 60 + 59));
  for (const c of everyone) expect(messages(c)).toEqual([]);

  // 09:05 in India, twice at once (a redelivered event): the Indian customers once each; Tbilisi is at 07:35.
  await Promise.all([runJob(ist(addDays(day, 1), 9 * 60 + 5)), runJob(ist(addDays(day, 1), 9 * 60 + 5))]);
  for (const c of [hindi, tamil, english, onWhatsApp, longAgo]) expect(messages(c)).toHaveLength(1);
  expect(messages(georgian)).toEqual([]);
  // 09:05 in Tbilisi, then a re-run in the afternoon: Georgia's customer once; nobody twice.
  await runJob(tbilisiTime(addDays(day, 1), 9 * 60 + 5));
  await runJob(ist(addDays(day, 1), 15 * 60));
  for (const c of told) expect({ who: c.label, count: messages(c).length }).toEqual({ who: c.label, count: 1 });
  for (const c of [noConsent, erased]) expect({ who: c.label, count: messages(c).length }).toEqual({ who: c.label, count: 0 });
  expect(await queued()).toEqual([]);

  // Each says the new end date, in the customer's language; WhatsApp's on WhatsApp only.
  for (const c of told) {
    const endsAt = (await warrantiesOf(c)).find((w) => w.kind === 'repair')!.endsAt;
    expect(endsAt).toBe(addDays(before.get(c.label)!, DAYS));
    if (c === onWhatsApp) {
      expect(sns.inbox.list(c.phone)).toEqual([]);
      const [sent] = whatsapp.endpoint.list(c.phone);
      const render = renderWhatsApp('warranty_extended', 'mr', { storeName: c.storeName, trackingCode: 'unused', timezone: 'Asia/Kolkata', warrantyEndsOn: endsAt });
      expect(sent).toMatchObject({ template: 'repair_warranty_extended', language: 'mr', parameters: render.parameters, from: PHONE_NUMBER_ID });
      expect(sent!.button).toMatch(/\S/); // the customer page, while it is usable
      continue;
    }
    const [sms] = sns.inbox.list(c.phone);
    if (c === longAgo) {
      expect(sms!.body).toBe(expectedText(c, endsAt));
      continue;
    }
    expect(sms!.body.startsWith(expectedText(c, endsAt))).toBe(true);
    expect(sms!.body).toMatch(/ https:\/\/repair\.oppo\.in\/r\/[\w-]{22}$/);
  }
  expect(sns.inbox.list(hindi.phone)[0]!.body).toContain('खुशखबरी');
  expect(sns.inbox.list(english.phone)[0]!.body).toContain('good news');

  // A re-run of the finished campaign's job the next day finds nothing to do and sends nothing.
  const later = await runJob(ist(addDays(day, 2), 11 * 60));
  expect(later).toMatchObject({ examined: 0, changed: 0, failed: 0 });
  for (const c of told) expect(messages(c)).toHaveLength(1);
}, 120_000);
