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

async function openOrder(overrides: { phone?: string; language?: string; smsOptIn?: boolean; channel?: string } = {}) {
  const phone = overrides.phone ?? newPhone();
  const body = newRepairBody({
    channel: overrides.channel ?? 'walk_in',
    customer: { name: 'Asha Rao', phone, language: overrides.language ?? 'hi', smsOptIn: overrides.smsOptIn ?? true },
  });
  const created = await callApi('POST', '/v1/repairs', { storeId, body });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, trackingCode: created.body.trackingCode as string, phone };
}

async function move(id: string, status: string, extra: Record<string, unknown> = {}) {
  const moved = await callApi('POST', `/v1/repairs/${id}/status`, { storeId, body: { status, ...extra } });
  expect(moved.status).toBe(200);
}

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
  for (const sms of sent) {
    expect(sms.body).toContain(order.trackingCode);
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

test('no log line the notifier wrote contains a phone number', () => {
  expect(logLines.length).toBeGreaterThan(0);
  const e164 = /\+[1-9]\d{6,14}/;
  expect(logLines.filter((line) => e164.test(line))).toEqual([]);
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
