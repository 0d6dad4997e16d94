/**
 * Locally all functions share one process and one logger; each invocation still gets its own
 * logger context (function name, request id), as on Lambda: a stream consumer that is waiting on
 * I/O while an API request runs logs under its own name afterwards, not the request's.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { asInvocation } from '../../local/invocation.js';
import { StreamPoller } from '../../local/stream-poller.js';
import { logger } from '../../shared/observability/logger.js';

interface LogLine {
  message: string;
  function_name?: string;
  function_request_id?: string;
}
const lines = () => ((globalThis as { capturedLogLines?: string[] }).capturedLogLines ?? []).map((line) => JSON.parse(line) as LogLine);
const linesSaying = (message: string) => lines().filter((line) => line.message === message);

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

test('two interleaved invocations each log with their own context', async () => {
  const first = lambdaContext('notifier');
  const second = lambdaContext('get-repair');
  const waiting = gate();
  const one = asInvocation(first, async () => {
    logger.addContext(first);
    await waiting.opened;
    logger.info('probe: first, after the second ran');
  });
  await asInvocation(second, async () => {
    logger.addContext(second);
    logger.info('probe: second');
  });
  waiting.open();
  await one;
  expect(linesSaying('probe: first, after the second ran').map((l) => [l.function_name, l.function_request_id])).toEqual([['notifier', first.awsRequestId]]);
  expect(linesSaying('probe: second').map((l) => [l.function_name, l.function_request_id])).toEqual([['get-repair', second.awsRequestId]]);
});

test("a stream consumer's line keeps its own function name and request id while an API request runs meanwhile", async () => {
  const { storeId } = await createTestStore('Context Store');
  await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: 'PROBE#1', sk: 'X', type: 'probe' } }));
  const release = gate();
  const handled = gate();
  const contexts: Context[] = [];
  const consumer = async (_event: DynamoDBStreamEvent, context: Context) => {
    logger.addContext(context);
    contexts.push(context);
    handled.open();
    await release.opened; // as a consumer awaits DynamoDB or SNS
    logger.info('probe: consumer line');
    return { batchItemFailures: [] };
  };
  const poller = new StreamPoller(table.tableName, consumer, () => lambdaContext('notifier'), 10);
  await poller.start({ autoPoll: false });
  const draining = poller.drain();
  await handled.opened;

  expect((await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() })).status).toBe(201);
  expect(linesSaying('request').at(-1)?.function_name).toBe('create-repair');
  release.open();
  await draining;
  await poller.stop();

  expect(linesSaying('probe: consumer line').map((l) => [l.function_name, l.function_request_id])).toEqual([['notifier', contexts[0]?.awsRequestId]]);
});
