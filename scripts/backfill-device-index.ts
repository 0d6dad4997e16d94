/**
 * `npm run backfill:device-index -- --store <storeId> [--store <storeId> …]`
 * One-off after deploying gsi5 (device history): gives the stores' existing orders their gsi5
 * entry (shared/store/device-index-backfill.ts). Idempotent; prints one JSON line per store.
 *
 * Target: see scripts/table-target.ts (a deployed stage, a DynamoDB endpoint, or `npm start`).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillDeviceIndex } from '../shared/store/device-index-backfill.js';
import { tableTarget } from './table-target.js';

async function main() {
  const { values } = parseArgs({ options: { store: { type: 'string', multiple: true } } });
  if (!values.store?.length) throw new Error('usage: npm run backfill:device-index -- --store <storeId> [--store <storeId> …]');
  const { client: config, tableName } = tableTarget(process.env);
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
