import type { DynamoLocal } from '../../local/dynamodb-local.js';

/** Stops DynamoDB Local's Java process: a leftover process would hang CI. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __dynamoLocal?: DynamoLocal }).__dynamoLocal?.stop();
}
