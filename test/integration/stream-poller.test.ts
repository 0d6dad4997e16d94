import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('checkpoint per shard, as the event source mapping keeps one', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A poller on the test table with the given checkpoint file, one drain, stopped: a local stack's run in small. */
  async function runOnce(file: string, handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>) {
    const run = new StreamPoller(table.tableName, handler, () => lambdaContext('test'), 10, 100, policy({ retryAttempts: 1 }), file);
    await run.start({ autoPoll: false });
    await run.drain();
    await run.stop();
  }

  test('a restart resumes after the last record handled: old records are not delivered again, a new one is', async () => {
    const prefix = `K-${Date.now()}`;
    const file = join(dir, 'notifier.json');
    await write(`${prefix}-1`, `${prefix}-2`, `${prefix}-3`);
    const first = handlerFailing('none');
    await runOnce(file, first.handler);
    expect(first.calls.flatMap((c) => c.pks)).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]);

    await write(`${prefix}-4`);
    const second = handlerFailing('none');
    await runOnce(file, second.handler);
    expect(second.calls.flatMap((c) => c.pks)).toEqual([`${prefix}-4`]);

    // Each consumer has its own place: a consumer with another file still reads everything.
    const other = handlerFailing('none');
    await runOnce(join(dir, 'aggregator.json'), other.handler);
    expect(other.calls.flatMap((c) => c.pks)).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-3`, `${prefix}-4`]);
  });

  test('a record that failed is not checkpointed: the next start delivers it again (with what follows), the records before it not', async () => {
    const prefix = `F-${Date.now()}`;
    const file = join(dir, 'notifier.json');
    await write(`${prefix}-1`, `${prefix}-flaky`, `${prefix}-3`);
    const failing = handlerFailing(`${prefix}-flaky`);
    await runOnce(file, failing.handler);
    expect(failing.calls[0]?.pks).toEqual([`${prefix}-1`, `${prefix}-flaky`, `${prefix}-3`]);

    const healthy = handlerFailing('none');
    await runOnce(file, healthy.handler);
    expect(healthy.calls.flatMap((c) => c.pks)).toEqual([`${prefix}-flaky`, `${prefix}-3`]);
  });

  test('a checkpoint of another stream (the table was recreated) is ignored: the stream is read from its oldest record', async () => {
    const prefix = `S-${Date.now()}`;
    const file = join(dir, 'notifier.json');
    writeFileSync(file, JSON.stringify({ streamArn: 'arn:aws:dynamodb:ddblocal:000000000000:table/gone/stream/x', shards: { 'shardId-1': { finished: true } } }));
    await write(`${prefix}-1`);
    const reader = handlerFailing('none');
    await runOnce(file, reader.handler);
    expect(reader.calls.flatMap((c) => c.pks)).toEqual([`${prefix}-1`]);
    expect(JSON.parse(readFileSync(file, 'utf8')).streamArn).toMatch(new RegExp(`table/${table.tableName}/stream/`));
  });
});
