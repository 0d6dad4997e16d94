/**
 * Per-store throttling, code side: what the usage plan of the API stack needs from the store
 * records and the authorizer. A store gets a usage key at creation, stored beside its API key's
 * hash (the authorizer still reads one item) and registered in the usage plan through a port;
 * the authorizer hands it to API Gateway as usageIdentifierKey. Against DynamoDB Local; API
 * Gateway itself is mocked at the SDK.
 */
import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { apiGatewayUsageKeys } from '../../shared/gateway/api-gateway-usage-keys.js';
import { createStore, newUsageKey, type UsageKeyRegistry } from '../../shared/usecases/stores.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { scanTable } from '../support/table-items.js';

type Authorizer = (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
type Stores = (typeof import('../../shared/store/container.js'))['stores'];

const METHOD_ARN = 'arn:aws:execute-api:ap-south-1:123456789012:abcdef1234/prod/GET/v1/repairs';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const NEW_STORE = { name: 'Usage Key Store', country: 'IN', timezone: 'Asia/Kolkata' };

let table: TestTable;
let stores: Stores;
let authorize: Authorizer;

beforeAll(async () => {
  table = await createTestTable();
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  // Imported only now: the container reads TABLE_NAME at load.
  ({ stores } = await import('../../shared/store/container.js'));
  ({ handler: authorize } = (await import('../../functions/authorizer.js')) as { handler: Authorizer });
});
afterAll(() => table.drop());

/** A registry that remembers what it was asked, and whether the store existed at that moment. */
function recordingRegistry() {
  const calls: { storeId: string; name: string; usageKey: string; storeItemExisted: boolean }[] = [];
  const registry: UsageKeyRegistry = {
    async register(store, usageKey) {
      const items = await scanTable(table.doc, table.tableName);
      calls.push({ storeId: store.id, name: store.name, usageKey, storeItemExisted: items.some((item) => item.pk === `STORE#${store.id}`) });
    },
  };
  return { registry, calls };
}

describe('creating a store', () => {
  test('generates a long random usage key, registers it first, then stores it beside the API key hash (not on the store)', async () => {
    const { registry, calls } = recordingRegistry();
    const { store, apiKey } = await createStore(stores, NEW_STORE, registry);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ storeId: store.id, name: NEW_STORE.name, storeItemExisted: false });
    const usageKey = calls[0]!.usageKey;
    expect(usageKey).toMatch(/^[0-9a-f]{64}$/);
    const items = await scanTable(table.doc, table.tableName);
    expect(items.find((item) => item.pk === `APIKEY#${sha256(apiKey)}`)).toMatchObject({ storeId: store.id, usageKey });
    expect(items.find((item) => item.pk === `STORE#${store.id}`)).not.toHaveProperty('usageKey');
    // Neither the API key nor the usage key is derived from the other.
    expect(usageKey).not.toContain(apiKey.slice(3, 20));
  });

  test('usage keys differ from store to store', async () => {
    const keys = new Set(Array.from({ length: 50 }, newUsageKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key.length).toBeGreaterThanOrEqual(40);
  });

  test('when registration fails nothing is stored, so no store exists that API Gateway would refuse', async () => {
    const before = (await scanTable(table.doc, table.tableName)).length;
    const failing: UsageKeyRegistry = { register: async () => Promise.reject(new Error('TooManyRequestsException')) };
    await expect(createStore(stores, { ...NEW_STORE, name: 'Never Stored' }, failing)).rejects.toThrow('TooManyRequestsException');
    expect(await scanTable(table.doc, table.tableName)).toHaveLength(before);
  });
});

describe('the authorizer', () => {
  test("returns the store's usage key as usageIdentifierKey, with one read (and, the first time in an hour, one write of lastUsedAt)", async () => {
    const { registry, calls } = recordingRegistry();
    const { store, apiKey } = await createStore(stores, { ...NEW_STORE, name: 'Throttled Store' }, registry);
    const { documentClient } = await import('../../shared/store/client.js');
    const send = jest.spyOn(documentClient, 'send');
    const result = await authorize({ type: 'TOKEN', authorizationToken: `Bearer ${apiKey}`, methodArn: METHOD_ARN });
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual(['GetCommand', 'TransactWriteCommand']);
    send.mockClear();
    await authorize({ type: 'TOKEN', authorizationToken: `Bearer ${apiKey}`, methodArn: METHOD_ARN });
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual(['GetCommand']);
    send.mockRestore();
    expect(result.usageIdentifierKey).toBe(calls[0]!.usageKey);
    expect(result.principalId).toBe(store.id);
    expect(result.context).toMatchObject({ kind: 'store', storeId: store.id });
  });

  test('a store from before usage keys still authorizes, without one (API Gateway then answers 403 until a key is issued)', async () => {
    const apiKey = 'rt_legacy-store-key-0000000000000000000000000';
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: `APIKEY#${sha256(apiKey)}`, sk: 'APIKEY', type: 'apiKey', storeId: 'store_legacy' } }));
    const result = await authorize({ type: 'TOKEN', authorizationToken: `Bearer ${apiKey}`, methodArn: METHOD_ARN });
    expect(result.principalId).toBe('store_legacy');
    expect(result).not.toHaveProperty('usageIdentifierKey');
    const lines = (globalThis as { capturedLogLines?: string[] }).capturedLogLines ?? [];
    expect(lines.some((line) => line.includes('key has no usage key') && line.includes('keyId'))).toBe(true);
  });

  test('an unknown key is still refused', async () => {
    await expect(authorize({ type: 'TOKEN', authorizationToken: `Bearer rt_${'x'.repeat(43)}`, methodArn: METHOD_ARN })).rejects.toThrow(/^Unauthorized$/);
  });
});

describe('the API Gateway adapter', () => {
  const gateway = mockClient(APIGatewayClient);
  afterEach(() => gateway.reset());
  afterAll(() => gateway.restore());

  test('creates an enabled API key named after the store with the usage key as its value, then adds it to the plan', async () => {
    gateway.on(CreateApiKeyCommand).resolves({ id: 'key-123' });
    gateway.on(CreateUsagePlanKeyCommand).resolves({ id: 'key-123' });
    await apiGatewayUsageKeys('plan-9', new APIGatewayClient({ region: 'ap-south-1' })).register({ id: 'store_1', name: 'Koramangala' }, 'k'.repeat(64));
    expect(gateway.commandCalls(CreateApiKeyCommand).map((c) => c.args[0].input)).toEqual([
      { name: 'store_1', description: 'Usage key of "Koramangala"', enabled: true, value: 'k'.repeat(64) },
    ]);
    expect(gateway.commandCalls(CreateUsagePlanKeyCommand).map((c) => c.args[0].input)).toEqual([{ usagePlanId: 'plan-9', keyId: 'key-123', keyType: 'API_KEY' }]);
    expect(gateway.commandCalls(DeleteApiKeyCommand)).toHaveLength(0);
  });

  test('when the plan refuses the key, the key is deleted again and the error surfaces', async () => {
    gateway.on(CreateApiKeyCommand).resolves({ id: 'key-456' });
    gateway.on(CreateUsagePlanKeyCommand).rejects(new Error('NotFoundException: Invalid Usage Plan ID specified'));
    gateway.on(DeleteApiKeyCommand).resolves({});
    await expect(
      apiGatewayUsageKeys('plan-missing', new APIGatewayClient({ region: 'ap-south-1' })).register({ id: 'store_2', name: 'Chennai' }, 'k'.repeat(64)),
    ).rejects.toThrow(/Invalid Usage Plan ID/);
    expect(gateway.commandCalls(DeleteApiKeyCommand).map((c) => c.args[0].input)).toEqual([{ apiKey: 'key-456' }]);
  });
});
