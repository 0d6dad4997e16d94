import { PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { streamReader } from '../support/stream.js';
import { lambdaContext } from '../../local/api-gateway.js';

type Notifier = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/** SNS is the one part mocked here, to make it fail on demand; the ledger is real DynamoDB Local. */
const sns = mockClient(SNSClient);
let table: TestTable;
let stream: Awaited<ReturnType<typeof streamReader>>;
let notifier: Notifier;

beforeAll(async () => {
  table = await createTestTable();
  ({ handler: notifier } = (await import('../../functions/notifier.js')) as unknown as { handler: Notifier });
  stream = await streamReader(table.tableName);
});

afterAll(async () => {
  sns.restore();
  await stream.stop();
  await table.drop();
});

test('SNS throttling fails the record; the retry sends it once and a later redelivery sends nothing', async () => {
  const { storeId } = await createTestStore();
  const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody() });
  expect(created.status).toBe(201);
  const records = (await stream.next()).filter((r) => r.dynamodb?.NewImage?.type?.S === 'order');
  expect(records).toHaveLength(1);
  const sequenceNumber = records[0]?.dynamodb?.SequenceNumber;

  sns.on(PublishCommand).rejectsOnce(new ThrottledException({ message: 'Rate exceeded', $metadata: {} })).resolves({ MessageId: 'm-1' });

  const first = await notifier({ Records: records }, lambdaContext('notifier'));
  expect(first.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumber }]);

  const retry = await notifier({ Records: records }, lambdaContext('notifier'));
  const redelivery = await notifier({ Records: records }, lambdaContext('notifier'));
  expect(retry.batchItemFailures).toEqual([]);
  expect(redelivery.batchItemFailures).toEqual([]);

  const publishes = sns.commandCalls(PublishCommand);
  expect(publishes).toHaveLength(2); // the throttled attempt and the one that went through
  expect(publishes[1]?.args[0].input.PhoneNumber).toBe('+919812345678');
});
