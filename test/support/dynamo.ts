import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_AWS_ENV } from '../../local/dynamodb-local.js';
import { ensureTable } from '../../local/table.js';
import { LOCAL_PHOTOS_BUCKET } from '../../local/s3-local.js';

export interface TestTable {
  tableName: string;
  endpoint: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  drop(): Promise<void>;
}

/**
 * A fresh table from the shared definition in the run's DynamoDB Local (or the one at `endpoint`),
 * with the environment the handlers read at load time. Call before importing any handler in the
 * test file.
 */
export async function createTestTable(options: { endpoint?: string } = {}): Promise<TestTable> {
  const endpoint = options.endpoint ?? process.env.TEST_DYNAMO_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMO_ENDPOINT is not set: run the tests through jest (global setup starts DynamoDB Local)');
  const tableName = `test-${randomUUID()}`;
  Object.assign(process.env, LOCAL_AWS_ENV, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoint,
    TABLE_NAME: tableName,
    // Erasure loads the photo adapters; without a local S3 (test/support/s3.ts) there are no photos to delete.
    PHOTOS_BUCKET: process.env.PHOTOS_BUCKET ?? LOCAL_PHOTOS_BUCKET,
  });
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  return {
    tableName,
    endpoint,
    client,
    doc: DynamoDBDocumentClient.from(client),
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
