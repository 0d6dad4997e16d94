/**
 * `npm run backfill:device-index -- --store <storeId> [--store <storeId> …]`
 * One-off after deploying gsi5 (device history): gives the stores' existing orders their gsi5
 * entry (shared/store/device-index-backfill.ts). Idempotent; prints one JSON line per store.
 *
 * Target: TABLE_NAME with AWS credentials (a deployed stage), AWS_ENDPOINT_URL_DYNAMODB (that
 * DynamoDB), or else the running `npm start` found through LOCAL_DATA_DIR (default .local).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_AWS_ENV, readLocalEndpoint } from '../local/dynamodb-local.js';
import { backfillDeviceIndex } from '../shared/store/device-index-backfill.js';

const LOCAL_CREDENTIALS = { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY };

function target(env: NodeJS.ProcessEnv): { client: DynamoDBClientConfig; tableName: string } {
  if (env.AWS_ENDPOINT_URL_DYNAMODB !== undefined) {
    return { client: { region: env.AWS_REGION ?? LOCAL_AWS_ENV.AWS_REGION, ...(env.AWS_ACCESS_KEY_ID === undefined && { credentials: LOCAL_CREDENTIALS }) }, tableName: env.TABLE_NAME ?? 'repairs' };
  }
  if (env.TABLE_NAME && (env.AWS_PROFILE !== undefined || env.AWS_ACCESS_KEY_ID !== undefined)) return { client: {}, tableName: env.TABLE_NAME };
  const local = readLocalEndpoint(env.LOCAL_DATA_DIR ?? '.local');
  if (!local) throw new Error('No running local stack found: start `npm start`, or set TABLE_NAME with AWS credentials');
  return { client: { endpoint: local.dynamoEndpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: LOCAL_CREDENTIALS }, tableName: env.TABLE_NAME ?? local.tableName };
}

async function main() {
  const { values } = parseArgs({ options: { store: { type: 'string', multiple: true } } });
  if (!values.store?.length) throw new Error('usage: npm run backfill:device-index -- --store <storeId> [--store <storeId> …]');
  const { client: config, tableName } = target(process.env);
  const client = new DynamoDBClient(config);
  try {
    const db = DynamoDBDocumentClient.from(client);
    for (const storeId of values.store) console.log(JSON.stringify({ storeId, ...(await backfillDeviceIndex(db, tableName, storeId)) }));
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
