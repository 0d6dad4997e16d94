/**
 * The TOKEN authorizer: API key → store, against keys stored (as SHA-256 only) in DynamoDB Local.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { createTestStore } from '../support/stores.js';
import { scanTable } from '../support/table-items.js';
import { API_ROUTES } from '../../functions/routes.js';

type Authorizer = (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

const METHOD_ARN = 'arn:aws:execute-api:ap-south-1:123456789012:abcdef1234/prod/GET/v1/repairs/01JD0000000000000000000000';

let table: TestTable;
let authorize: Authorizer;
let store: { storeId: string; apiKey: string };
let otherStore: { storeId: string; apiKey: string };

beforeAll(async () => {
  table = await createTestTable();
  // Refused keys are logged at INFO; keep the test output to warnings and errors.
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  // Imported only now: the handler's container reads TABLE_NAME at load.
  ({ handler: authorize } = (await import('../../functions/authorizer.js')) as { handler: Authorizer });
  store = await createTestStore('Authorized Store');
  otherStore = await createTestStore('Other Store');
});
afterAll(() => table.drop());

const event = (authorizationToken: string, methodArn = METHOD_ARN): APIGatewayTokenAuthorizerEvent => ({
  type: 'TOKEN',
  authorizationToken,
  methodArn,
});

describe('refused', () => {
  test.each([
    ['missing (empty) token', ''],
    ['only the scheme', 'Bearer'],
    ['scheme and blank', 'Bearer    '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a key that is too short', 'Bearer rt_abc'],
    ['two tokens', 'Bearer rt_aaaaaaaaaaaa rt_bbbbbbbbbbbb'],
    ['an unknown key', `Bearer rt_${randomBytes(32).toString('base64url')}`],
  ])('%s → throws Unauthorized', async (_name, token) => {
    await expect(authorize(event(token))).rejects.toThrow(/^Unauthorized$/);
  });

  test('a known key without the Bearer scheme → Unauthorized', async () => {
    await expect(authorize(event(store.apiKey))).rejects.toThrow(/^Unauthorized$/);
  });

  test('the stored hash presented as a key → Unauthorized', async () => {
    const hash = createHash('sha256').update(store.apiKey, 'utf8').digest('hex');
    await expect(authorize(event(`Bearer ${hash}`))).rejects.toThrow(/^Unauthorized$/);
  });

  test('a known key with one character changed → Unauthorized', async () => {
    const last = store.apiKey.slice(-1);
    const tampered = store.apiKey.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    await expect(authorize(event(`Bearer ${tampered}`))).rejects.toThrow(/^Unauthorized$/);
  });
});

describe('allowed', () => {
  test('a valid store key → Allow on exactly the store routes of the stage; the context is the store principal', async () => {
    const result = await authorize(event(`Bearer ${store.apiKey}`));
    expect(result.principalId).toBe(store.storeId);
    expect(result.context).toEqual({ kind: 'store', storeId: store.storeId, keyId: expect.stringMatching(/^key_/), storeState: 'active', keyLabel: 'first key' });
    expect(result.policyDocument.Version).toBe('2012-10-17');
    const stage = 'arn:aws:execute-api:ap-south-1:123456789012:abcdef1234/prod';
    const expected = API_ROUTES.filter((route) => route.access === 'store').map((route) => `${stage}/${route.method}${route.path.replace(/\{\w+\}/g, '*')}`);
    expect(result.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: expected }]);
  });

  test('the scheme is case-insensitive', async () => {
    const result = await authorize(event(`bearer ${store.apiKey}`));
    expect(result.context?.storeId).toBe(store.storeId);
  });

  test('each key maps to its own store', async () => {
    const result = await authorize(event(`Bearer ${otherStore.apiKey}`, 'arn:aws:execute-api:ap-south-1:123456789012:abcdef1234/prod/POST/v1/repairs'));
    expect(result.context?.storeId).toBe(otherStore.storeId);
    expect(result.principalId).toBe(otherStore.storeId);
  });
});

test('keys are stored only as their SHA-256: the plain key is nowhere in the table', async () => {
  const items = await scanTable(table.doc, table.tableName);
  const text = JSON.stringify(items);
  for (const { storeId, apiKey } of [store, otherStore]) {
    expect(text).not.toContain(apiKey);
    // Nor its random part without the prefix.
    expect(text).not.toContain(apiKey.slice(3));
    const hash = createHash('sha256').update(apiKey, 'utf8').digest('hex');
    const keyItem = items.find((item) => item.pk === `APIKEY#${hash}`);
    expect(keyItem).toMatchObject({ storeId });
  }
});
