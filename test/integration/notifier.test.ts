import { createHash } from 'node:crypto';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { streamReader } from '../support/stream.js';
import { lambdaContext } from '../../local/api-gateway.js';
import type { SmsInbox } from '../../local/sms-inbox.js';
import { countSegments } from '../../shared/notify/segments.js';
import { renderSms } from '../../shared/notify/templates.js';

const PUBLIC_BASE_URL = 'https://repair.oppo.in';
const PAGE_LINK = /https:\/\/repair\.oppo\.in\/r\/[A-Za-z0-9_-]{22}$/;

type Notifier = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

let table: TestTable;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
let stream: Awaited<ReturnType<typeof streamReader>>;
let notifier: Notifier;
let inbox: SmsInbox;
let storeId: string;
const logLines: string[] = [];
let restoreStdout: () => void;

/** A Lambda context with little time left: the notifier must not wait for a live claim. */
const hurriedContext = (): Context => ({ ...lambdaContext('notifier'), getRemainingTimeInMillis: () => 2_000 });

beforeAll(async () => {
  table = await createTestTable();
  sns = await startSnsEndpoint();
  inbox = sns.inbox;
  // Capture every log line the notifier writes, at every level, on both streams.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  const capture = (stream: NodeJS.WriteStream) => {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logLines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = write;
    };
  };
  const restores = [capture(process.stdout), capture(process.stderr)];
  restoreStdout = () => restores.forEach((restore) => restore());
  // Before the notifier loads its configuration: every SMS carries the customer page link.
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE_URL;
  ({ handler: notifier } = (await import('../../functions/notifier.js')) as unknown as { handler: Notifier });
  stream = await streamReader(table.tableName);
  ({ storeId } = await createTestStore('OPPO Service Center Koramangala'));
});

afterAll(async () => {
  restoreStdout();
  await stream.stop();
  await sns.stop();
  await table.drop();
});

let phoneCounter = 0;
/** Each test gets its own customer number, so inbox assertions never see another test's SMS. */
const newPhone = () => `+9198${String(76543210 + ++phoneCounter * 101).padStart(8, '0')}`;

async function openOrder(
  overrides: { phone?: string; language?: string; smsOptIn?: boolean; channel?: string; store?: string; device?: Record<string, unknown> } = {},
) {
  const phone = overrides.phone ?? newPhone();
  const body = newRepairBody({
    channel: overrides.channel ?? 'walk_in',
    customer: { name: 'Asha Rao', phone, language: overrides.language ?? 'hi', smsOptIn: overrides.smsOptIn ?? true },
    ...(overrides.device && { device: overrides.device }),
  });
  const created = await callApi('POST', '/v1/repairs', { storeId: overrides.store ?? storeId, body });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, trackingCode: created.body.trackingCode as string, phone };
}

async function move(id: string, status: string, extra: Record<string, unknown> = {}, store = storeId) {
  const moved = await callApi('POST', `/v1/repairs/${id}/status`, { storeId: store, body: { status, ...extra } });
  expect(moved.status).toBe(200);
}

const TO_COMPLETED = ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed'];

/** The records of one order's own item (not its history, markers or indexes), in stream order. */
const orderRecords = (records: DynamoDBRecord[], orderId: string) =>
  records.filter((r) => r.dynamodb?.NewImage?.type?.S === 'order' && r.dynamodb.NewImage.id?.S === orderId);

async function deliver(records: DynamoDBRecord[], context: Context = lambdaContext('notifier')) {
  return notifier({ Records: records }, context);
}

test('a full lifecycle sends exactly one SMS per customer-facing status, in the customer language', async () => {
  const order = await openOrder({ language: 'hi' });
  for (const status of ['diagnosing', 'awaiting_approval', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    await move(order.id, status, status === 'awaiting_approval' ? { estimate: { amount: '1499.00', currency: 'INR' } } : {});
  }
  const result = await deliver(await stream.next());
  expect(result.batchItemFailures).toEqual([]);

  const sent = inbox.list(order.phone);
  // received, awaiting_approval, ready_for_pickup, completed — nothing for diagnosing, in_repair, quality_check.
  expect(sent).toHaveLength(4);
  // Only the first carries the tracking code; every one ends with the same page link.
  expect(sent[0]?.body).toContain(order.trackingCode);
  const link = PAGE_LINK.exec(sent[0]?.body ?? '')?.[0];
  expect(link).toBeDefined();
  for (const sms of sent) {
    expect(sms.body.endsWith(` ${link}`)).toBe(true);
    expect(sms.body).toMatch(/[\u0900-\u097F]/); // Devanagari: the Hindi template
    expect(sms.attributes['AWS.SNS.SMS.SMSType']).toBe('Transactional');
  }
  expect(sent[1]?.body).toMatch(/1,499/);
});

test('the same stream batch delivered twice sends nothing the second time', async () => {
  const order = await openOrder({ language: 'en' });
  await move(order.id, 'diagnosing');
  await move(order.id, 'awaiting_approval', { estimate: { amount: '2500.00', currency: 'INR' } });
  const records = await stream.next();

  await deliver(records);
  const afterFirst = inbox.list(order.phone).length;
  const second = await deliver(records);

  expect(afterFirst).toBe(2);
  expect(second.batchItemFailures).toEqual([]);
  expect(inbox.list(order.phone)).toHaveLength(2);
});

test('a poison record is the only one reported failed', async () => {
  const good = await openOrder({ language: 'ta' });
  const records = await stream.next();
  const orderRecord = records.find((r) => r.dynamodb?.NewImage?.id?.S === good.id && r.eventName === 'INSERT');
  expect(orderRecord).toBeDefined();
  const poison: DynamoDBRecord = structuredClone(orderRecord!);
  poison.dynamodb!.SequenceNumber = '999999999999999999999';
  delete poison.dynamodb!.NewImage!.version;

  const result = await deliver([poison, ...records]);

  expect(result.batchItemFailures).toEqual([{ itemIdentifier: '999999999999999999999' }]);
  expect(inbox.list(good.phone)).toHaveLength(1);
});

test('a customer without SMS consent gets nothing', async () => {
  const order = await openOrder({ smsOptIn: false });
  await move(order.id, 'cancelled', { reason: 'Customer withdrew the device' });
  const result = await deliver(await stream.next());
  expect(result.batchItemFailures).toEqual([]);
  expect(inbox.list(order.phone)).toHaveLength(0);
});

test('a number SNS reports opted out is recorded and never sent to again', async () => {
  const phone = newPhone();
  inbox.optOut(phone);
  const first = await openOrder({ phone, language: 'en' });
  await deliver(await stream.next());
  const optOut = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `OPTOUT#${sha256(phone)}`, sk: 'OPTOUT' } }));
  expect(optOut.Item).toBeDefined();
  const marker = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `ORDER#${first.id}`, sk: 'SMS#00000001' } }));
  expect(marker.Item?.state).toBe('skipped');

  // Even if SNS would now accept it, the recorded opt-out keeps the system from trying.
  const publishesBefore = inbox.list().length;
  const second = await openOrder({ phone, language: 'en' });
  const result = await deliver(await stream.next());
  expect(result.batchItemFailures).toEqual([]);
  expect(inbox.list().length).toBe(publishesBefore);
  const secondMarker = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `ORDER#${second.id}`, sk: 'SMS#00000001' } }));
  expect(secondMarker.Item?.state).toBe('skipped');
});

test('a sender that died between claim and publish: the change is retried, then sent exactly once', async () => {
  const order = await openOrder({ language: 'en' });
  const records = await stream.next();
  const { smsLedger } = await import('../../shared/store/container.js');
  // The crashed invocation claimed the marker and never published.
  expect(await smsLedger.claim({ orderId: order.id, tag: '00000001' }, new Date())).toBe('claimed');

  const whileClaimed = await deliver(records, hurriedContext());
  const failed = whileClaimed.batchItemFailures.map((f) => f.itemIdentifier);
  const orderRecord = records.find((r) => r.dynamodb?.NewImage?.id?.S === order.id);
  expect(failed).toEqual([orderRecord?.dynamodb?.SequenceNumber]);
  expect(inbox.list(order.phone)).toHaveLength(0);

  // The dead sender's lease runs out; the retried batch now sends the SMS, once.
  await table.doc.send(
    new UpdateCommand({ TableName: table.tableName, Key: { pk: `ORDER#${order.id}`, sk: 'SMS#00000001' }, UpdateExpression: 'SET leaseUntil = :past', ExpressionAttributeValues: { ':past': 0 } }),
  );
  const retried = await deliver(records, hurriedContext());
  await deliver(records, hurriedContext());
  expect(retried.batchItemFailures).toEqual([]);
  expect(inbox.list(order.phone)).toHaveLength(1);
});

test('a record older than a change already notified is ignored: no "received" after "completed"', async () => {
  const order = await openOrder({ language: 'en' });
  for (const status of TO_COMPLETED) await move(order.id, status);
  const records = orderRecords(await stream.next(), order.id);
  expect(records.map((r) => r.dynamodb?.NewImage?.status?.S)).toEqual(['received', ...TO_COMPLETED]);
  const completed = records.at(-1)!;

  expect((await deliver([completed])).batchItemFailures).toEqual([]);
  // The older records arrive late (a replayed batch, a DLQ re-drive): nothing is sent for them.
  expect((await deliver([records[0]!])).batchItemFailures).toEqual([]);
  expect((await deliver(records)).batchItemFailures).toEqual([]);

  const sent = inbox.list(order.phone);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.body).toContain('is complete');
  // Skipped before claiming: the stale change leaves no marker of its own.
  const stale = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `ORDER#${order.id}`, sk: 'SMS#00000001' } }));
  expect(stale.Item).toBeUndefined();
});

test("a failed change holds back its order's later changes in the batch, not other orders'", async () => {
  const held = await openOrder({ language: 'en' });
  await move(held.id, 'diagnosing');
  await move(held.id, 'awaiting_approval', { estimate: { amount: '1499.00', currency: 'INR' } });
  const other = await openOrder({ language: 'en' });
  const records = await stream.next();
  const heldRecords = orderRecords(records, held.id);
  expect(heldRecords).toHaveLength(3);
  const { smsLedger } = await import('../../shared/store/container.js');
  // v1 of the held order cannot be sent now (another sender holds its claim).
  expect(await smsLedger.claim({ orderId: held.id, tag: '00000001' }, new Date())).toBe('claimed');

  const first = await deliver(records, hurriedContext());

  expect(first.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(heldRecords.map((r) => r.dynamodb?.SequenceNumber));
  expect(inbox.list(held.phone)).toHaveLength(0); // awaiting_approval did not overtake received
  expect(inbox.list(other.phone)).toHaveLength(1);

  // The claim lapses; Lambda redelivers from the first failed record on: both SMS, in order.
  await table.doc.send(
    new UpdateCommand({ TableName: table.tableName, Key: { pk: `ORDER#${held.id}`, sk: 'SMS#00000001' }, UpdateExpression: 'SET leaseUntil = :past', ExpressionAttributeValues: { ':past': 0 } }),
  );
  const from = records.indexOf(heldRecords[0]!);
  expect((await deliver(records.slice(from), hurriedContext())).batchItemFailures).toEqual([]);
  expect(inbox.list(held.phone).map((sms) => sms.body)).toEqual([
    expect.stringContaining('we have received your device'),
    expect.stringContaining('the repair estimate is INR 1,499.00'),
  ]);
  expect(inbox.list(other.phone)).toHaveLength(1);
});

test('removals the notifier did not ask for (TTL deletes, unknown event names) are ignored, not failed', async () => {
  const order = await openOrder({ language: 'en' });
  const [insert] = orderRecords(await stream.next(), order.id);
  /** As DynamoDB Local sends a TTL delete: no NewImage, no userIdentity, maybe an eventName the SDK does not know. */
  const removal = (eventName: string, sequenceNumber: string): DynamoDBRecord => {
    const record = structuredClone(insert!);
    const { NewImage, ...rest } = record.dynamodb!;
    delete (record as { userIdentity?: unknown }).userIdentity;
    return { ...record, eventName: eventName as DynamoDBRecord['eventName'], dynamodb: { ...rest, OldImage: NewImage, SequenceNumber: sequenceNumber } };
  };
  const removals = [removal('REMOVE', '900000000000000000001'), removal('TTL_EXPIRED', '900000000000000000002')];
  expect(removals.every((r) => !r.dynamodb?.NewImage && !('userIdentity' in r))).toBe(true);

  const result = await deliver(removals);

  expect(result.batchItemFailures).toEqual([]);
  expect(inbox.list(order.phone)).toHaveLength(0);
  // The order's real record still sends its SMS.
  expect((await deliver([insert!, ...removals])).batchItemFailures).toEqual([]);
  expect(inbox.list(order.phone)).toHaveLength(1);
});

describe('the completion SMS', () => {
  let store: string;
  beforeAll(async () => {
    ({ storeId: store } = await createTestStore('Anna Nagar Service Center'));
  });

  test('names the end date of the repair warranty actually granted, even if the store changed its policy since', async () => {
    const order = await openOrder({ language: 'en', store });
    for (const status of TO_COMPLETED) await move(order.id, status, {}, store);
    const { warranties } = await import('../../shared/store/container.js');
    const granted = (await warranties.listByDevice('356938035643809')).find((w) => w.orderId === order.id);
    expect(granted?.kind).toBe('repair');
    // The store lengthens its repair warranty after the completion, before the stream delivers it.
    expect((await callApi('PATCH', '/v1/store', { storeId: store, body: { repairWarrantyDays: { default: 365 } } })).status).toBe(200);

    expect((await deliver(await stream.next())).batchItemFailures).toEqual([]);

    const completed = inbox.list(order.phone).at(-1);
    expect(completed?.body).toBe(
      renderSms('completed', 'en', {
        storeName: 'Anna Nagar Service Center',
        trackingCode: order.trackingCode,
        timezone: 'Asia/Kolkata',
        warrantyEndsOn: granted!.endsAt,
        pageUrl: PAGE_LINK.exec(completed?.body ?? '')?.[0] ?? 'missing link',
      }).text,
    );
  });

  test('promises no warranty when none was granted (no IMEI or serial on the order)', async () => {
    const order = await openOrder({ language: 'en', store, device: { brand: 'OPPO', model: 'A78' } });
    for (const status of TO_COMPLETED) await move(order.id, status, {}, store);

    expect((await deliver(await stream.next())).batchItemFailures).toEqual([]);

    const completed = inbox.list(order.phone).at(-1);
    expect(completed?.body).toMatch(/^Anna Nagar Service Center: thank you! Your repair is complete\. If anything is wrong, please tell us\. https:\/\/repair\.oppo\.in\/r\/[A-Za-z0-9_-]{22}$/);
    expect(completed?.body).not.toMatch(/warranty/i);
  });
});

describe("the store's SMS display name", () => {
  const LONG_NAME = 'OPPO Authorised Service Center, 80 Feet Road, Koramangala 4th Block, Bengaluru, Karnataka 560034';
  let store: string;
  beforeAll(async () => {
    ({ storeId: store } = await createTestStore(LONG_NAME));
  });

  test('without one, a long store name is shortened so the SMS stays in one segment', async () => {
    const order = await openOrder({ language: 'en', store });
    await deliver(await stream.next());
    const [sms] = inbox.list(order.phone);
    expect(sms).toMatchObject({ segments: 1, encoding: 'GSM-7' });
    expect(sms?.body).toMatch(PAGE_LINK);
    // How many words fit depends on the rest of the text ("Ready by 2 Dec, 10:47 am" is longer on
    // some days and hours than on others): whole words, at least two, and the longest that fits.
    const body = sms?.body ?? '';
    const shown = /^(.+)\.\.\.: we have received your device/.exec(body)?.[1] ?? '';
    const nextWord = /^,? \S+/.exec(LONG_NAME.slice(shown.length))?.[0]; // undefined unless `shown` ends at a word
    expect(LONG_NAME.startsWith(shown) && nextWord !== undefined).toBe(true);
    expect(shown.split(' ').length).toBeGreaterThanOrEqual(2);
    const oneWordMore = `${shown}${nextWord}`.replace(/,$/, '');
    expect(countSegments(body.replace(shown, oneWordMore)).segments).toBeGreaterThan(1);
  });

  test('PATCH /v1/store sets it, checked; every later SMS uses it', async () => {
    const tooLong = await callApi('PATCH', '/v1/store', { storeId: store, body: { sms: { displayName: 'OPPO Service Point Koramangala!' } } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'sms.displayName' })]);
    const twoLines = await callApi('PATCH', '/v1/store', { storeId: store, body: { sms: { displayName: 'OPPO\nKoramangala' } } });
    expect(twoLines.status).toBe(400);
    expect(twoLines.body.errors).toEqual([expect.objectContaining({ path: 'sms.displayName' })]);
    const openApi = await callApi('GET', '/v1/openapi.json');
    const schemas = openApi.body.components.schemas;
    expect(schemas.StoreSettingsPatch.properties.sms).toEqual({ $ref: '#/components/schemas/SmsSettings' });
    expect(schemas.SmsSettings.properties.displayName).toMatchObject({
      type: 'string',
      maxLength: 30,
      description: expect.stringContaining('SMS'),
    });

    const saved = await callApi('PATCH', '/v1/store', { storeId: store, body: { sms: { displayName: ' OPPO Koramangala ' } } });
    expect(saved.status).toBe(200);
    expect(saved.body.sms).toMatchObject({ displayName: 'OPPO Koramangala' });

    const order = await openOrder({ language: 'hi', store });
    await deliver(await stream.next());
    const [sms] = inbox.list(order.phone);
    expect(sms?.body.startsWith('OPPO Koramangala: ')).toBe(true);
    expect(sms?.body).toContain(order.trackingCode);
  });
});

test('no log line the notifier wrote contains a phone number', () => {
  expect(logLines.length).toBeGreaterThan(0);
  const e164 = /\+[1-9]\d{6,14}/;
  expect(logLines.filter((line) => e164.test(line))).toEqual([]);
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
