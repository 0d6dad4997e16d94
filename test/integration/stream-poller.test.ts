import { jest } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { StreamPoller, type StreamRetryPolicy } from '../../local/stream-poller.js';

/**
 * The local poller against DynamoDB Local's real stream: a record the handler keeps failing is
 * retried with growing pauses and, after the configured retries, set aside as Lambda would send
 * it to the on-failure queue; the shard then moves on.
 */
let table: TestTable;
let poller: StreamPoller | undefined;

let errors: jest.SpiedFunction<typeof console.error>;

// A table (and so a stream) per test: each poller reads its stream from the start.
beforeEach(async () => {
  table = await createTestTable();
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  await table.drop();
  errors.mockRestore();
});

const pkOf = (record: DynamoDBRecord) => record.dynamodb?.NewImage?.pk?.S ?? '';

/** Writes one item per partition key, in order. */
async function write(...pks: string[]): Promise<void> {
  for (const pk of pks) await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk, sk: 'X', type: 'probe' } }));
}

/** A handler that fails every record of `poison` and logs what it was given. */
function handlerFailing(poison: string) {
  const calls: { at: number; pks: string[] }[] = [];
  const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    calls.push({ at: Date.now(), pks: event.Records.map(pkOf) });
    return { batchItemFailures: event.Records.filter((r) => pkOf(r) === poison).map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) };
  };
  return { handler, calls };
}

const policy = (overrides: Partial<StreamRetryPolicy>): StreamRetryPolicy => ({
  retryAttempts: 2,
  maxRecordAgeMs: 3_600_000,
  backoffBaseMs: 50,
  backoffMaxMs: 1_000,
  ...overrides,
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a record failing every attempt is set aside after its retries; the records after it go through', async () => {
  const prefix = `A-${Date.now()}`;
  await write(`${prefix}-1`, `${prefix}-poison`, `${prefix}-3`);
  const { handler, calls } = handlerFailing(`${prefix}-poison`);
  poller = new StreamPoller(table.tableName, handler, () => lambdaContext('test'), 10, 100, policy({ retryAttempts: 2 }));
  await poller.start({ autoPoll: false });

  for (let i = 0; i < 5; i++) await poller.drain();

  expect(calls.map((c) => c.pks)).toEqual([
    [`${prefix}-1`, `${prefix}-poison`, `${prefix}-3`],
    [`${prefix}-poison`, `${prefix}-3`], // retry 1: from the failed record on, as Lambda resumes
    [`${prefix}-poison`, `${prefix}-3`], // retry 2, the last
    [`${prefix}-3`], // the poison record was set aside
  ]);
  expect(poller.deadLetters).toEqual([expect.objectContaining({ attempts: 3, reason: 'retries-exhausted', eventID: expect.any(String) })]);
  // Logged by position only, never with the record's content.
  const logged = errors.mock.calls.map((args) => args.join(' '));
  expect(logged).toEqual([expect.stringContaining(`gave up on record ${poller.deadLetters[0]?.sequenceNumber}`)]);
  expect(logged.join()).not.toContain(prefix);
});

test('a handler that throws fails its whole batch, within the same bounded retries', async () => {
  await write('only');
  let calls = 0;
  poller = new StreamPoller(
    table.tableName,
    async () => {
      calls++;
      throw new Error('handler crashed');
    },
    () => lambdaContext('test'),
    10,
    100,
    policy({ retryAttempts: 1 }),
  );
  await poller.start({ autoPoll: false });

  for (let i = 0; i < 4; i++) await poller.drain();

  expect(calls).toBe(2); // the first attempt and one retry, then nothing is left to deliver
  expect(poller.deadLetters).toEqual([expect.objectContaining({ attempts: 2, reason: 'retries-exhausted' })]);
});

test('retries back off: each pause at least doubles, up to the cap', async () => {
  const prefix = `C-${Date.now()}`;
  await write(`${prefix}-poison`);
  const { handler, calls } = handlerFailing(`${prefix}-poison`);
  poller = new StreamPoller(table.tableName, handler, () => lambdaContext('test'), 5, 100, policy({ retryAttempts: 4, backoffBaseMs: 100, backoffMaxMs: 300 }));
  await poller.start();

  await until(() => poller!.deadLetters.some((d) => d.attempts === 5));

  const attempts = calls.filter((c) => c.pks.includes(`${prefix}-poison`)).map((c) => c.at);
  expect(attempts).toHaveLength(5);
  const pauses = attempts.slice(1).map((at, i) => at - attempts[i]!);
  [100, 200, 300, 300].forEach((minimum, i) => expect(pauses[i]).toBeGreaterThanOrEqual(minimum));
});
