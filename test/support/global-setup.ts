import { register } from 'tsx/esm/api';
import type { DynamoLocal } from '../../local/dynamodb-local.js';

/**
 * One DynamoDB Local (in memory) for the whole run; each test file creates its own table in it,
 * so files run in parallel without seeing each other's data. Workers inherit the endpoint.
 * Jest loads this file outside its module system, so tsx resolves the TypeScript it imports.
 */
export default async function globalSetup(): Promise<void> {
  register();
  const { startDynamoLocal } = (await import('../../local/dynamodb-local.js')) as typeof import('../../local/dynamodb-local.js');
  const dynamo: DynamoLocal = await startDynamoLocal();
  process.env.TEST_DYNAMO_ENDPOINT = dynamo.endpoint;
  (globalThis as { __dynamoLocal?: DynamoLocal }).__dynamoLocal = dynamo;
}
