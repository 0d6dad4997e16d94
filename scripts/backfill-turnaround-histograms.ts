/**
 * `npm run backfill:turnaround-histograms -- --store <storeId> [--store <storeId> …]`
 * One-off after deploying the turnaround histogram: folds the sample lists of the stores' days
 * counted before it into their histograms (DynamoMetricsRepository.foldSampleLists), so the
 * league table over those days costs stores × days too. Idempotent; one JSON line per store.
 *
 * Target: see scripts/table-target.ts (a deployed stage, a DynamoDB endpoint, or `npm start`).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoMetricsRepository } from '../shared/store/metrics-repository.js';
import { tableTarget } from './table-target.js';

async function main() {
  const { values } = parseArgs({ options: { store: { type: 'string', multiple: true } } });
  if (!values.store?.length) throw new Error('usage: npm run backfill:turnaround-histograms -- --store <storeId> [--store <storeId> …]');
  const { client: config, tableName } = tableTarget(process.env);
  const client = new DynamoDBClient(config);
  try {
    const metrics = new DynamoMetricsRepository(DynamoDBDocumentClient.from(client), tableName);
    for (const storeId of values.store) console.log(JSON.stringify({ storeId, ...(await metrics.foldSampleLists(storeId)) }));
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
