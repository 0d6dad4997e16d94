/**
 * Idempotency-Key under DynamoDB faults on Powertools' own writes. Powertools uses the raw
 * DynamoDBClient (the handlers' is the document client), so the raw client alone is mocked here:
 * its calls go through to DynamoDB Local except the one write each test makes fail.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';

let table: TestTable;
let raw: AwsStub<any, any, any>;
let realSend: DynamoDBClient['send'];

const POWERTOOLS_COMMANDS = [PutItemCommand, UpdateItemCommand, DeleteItemCommand, GetItemCommand] as const;

beforeAll(async () => {
  table = await createTestTable();
  const { dynamoClient } = await import('../../shared/store/client.js');
  realSend = dynamoClient.send.bind(dynamoClient);
  raw = mockClient(dynamoClient);
});
afterAll(async () => {
  raw.restore();
  await table.drop();
});
beforeEach(() => {
  raw.reset();
  for (const Command of POWERTOOLS_COMMANDS) raw.on(Command as any).callsFake((input: any) => realSend(new (Command as any)(input)));
});

const throttled = () =>
  Object.assign(new Error('ProvisionedThroughputExceededException: injected'), { name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: { httpStatusCode: 400 } });

/** The next `Command` Powertools sends fails once with throttling; later ones go through. */
function throttleOnce(Command: (typeof POWERTOOLS_COMMANDS)[number]) {
  raw.on(Command as any).rejectsOnce(throttled()).callsFake((input: any) => realSend(new (Command as any)(input)));
}

let deviceSeq = 0;
const routes = [
  {
    name: 'POST /v1/repairs',
    path: '/v1/repairs',
    body: () => newRepairBody(),
    count: async (storeId: string, _body: object) => (await callApi('GET', '/v1/repairs?limit=100', { storeId })).body.items.length as number,
  },
  {
    name: 'POST /v1/warranties',
    path: '/v1/warranties',
    body: () => ({ deviceId: `86000000000${String(++deviceSeq).padStart(4, '0')}`, kind: 'manufacturer', startsAt: '2026-06-01', months: 12 }),
    count: async (storeId: string, body: object) =>
      (await callApi('GET', `/v1/warranties/${(body as { deviceId: string }).deviceId}`, { storeId })).body.items.length as number,
  },
];

function expectBusy(result: Awaited<ReturnType<typeof callApi>>) {
  expect(result.status).toBe(503);
  expect(result.headers['content-type']).toBe('application/problem+json');
  expect(result.headers['retry-after']).toMatch(/^\d+$/);
  expect(result.body.type).toMatch(/\/temporarily-unavailable$/);
  expect(JSON.stringify(result.body)).not.toMatch(/injected|Exception|Idempotency/);
}

describe.each(routes)('$name', ({ path, body: newBody, count }) => {
  const post = (storeId: string, key: string, body: unknown) => callApi('POST', path, { storeId, body, headers: { 'Idempotency-Key': key } });

  test('a throttled record write is a 503 with Retry-After, creates nothing, and the retry succeeds', async () => {
    const { storeId } = await createTestStore();
    const body = newBody();
    throttleOnce(PutItemCommand);

    expectBusy(await post(storeId, 'fault-record', body));
    expect(await count(storeId, body)).toBe(0);
    expect((await post(storeId, 'fault-record', body)).status).toBe(201);
    expect(await count(storeId, body)).toBe(1);
  });

  test('a throttled completion write is a 503; the retry with the same key answers with the one created', async () => {
    const { storeId } = await createTestStore();
    const body = newBody();
    throttleOnce(UpdateItemCommand);

    expectBusy(await post(storeId, 'fault-completion', body));
    expect(await count(storeId, body)).toBe(1); // written before the completion failed
    const retry = await post(storeId, 'fault-completion', body);
    const replay = await post(storeId, 'fault-completion', body);

    expect(retry.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(retry.body);
    expect(await count(storeId, body)).toBe(1);
  });

  test('after a lost completion, the same key with another body is still refused with 422', async () => {
    const { storeId } = await createTestStore();
    const body = newBody();
    throttleOnce(UpdateItemCommand);

    expectBusy(await post(storeId, 'fault-other-body', body));
    const other = await post(storeId, 'fault-other-body', { ...body, ...(path === '/v1/repairs' ? { dataBackupRequested: true } : { months: 24 }) });

    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/\/idempotency-key-reused$/);
    expect(await count(storeId, body)).toBe(1);
  });

  test('when releasing the record fails too, the answer is still a 503 and retries create nothing more', async () => {
    const { storeId } = await createTestStore();
    const body = newBody();
    throttleOnce(UpdateItemCommand);
    throttleOnce(DeleteItemCommand);

    expectBusy(await post(storeId, 'fault-release', body));
    // The record stays in progress until its in-progress expiry: a retry meanwhile is told to wait.
    const retry = await post(storeId, 'fault-release', body);
    expect(retry.status).toBe(409);
    expect(retry.headers['retry-after']).toMatch(/^\d+$/);
    expect(await count(storeId, body)).toBe(1);
  });
});
