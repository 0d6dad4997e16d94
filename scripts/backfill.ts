/**
 * One-off index backfills after a deploy that added an index entry to existing item types
 * (shared/store/index-backfill.ts). Idempotent, safe while the API runs; one JSON line per store.
 *
 *   npm run backfill:device-index -- --store <storeId> [--store …] | --all-stores
 *     gsi5 (device history) on the stores' orders.
 *   npm run backfill:warranty-index -- --store <storeId> [--store …] | --all-stores [--pending]
 *     gsi2 (`WEXP#<month>`, what campaigns page through) on warranty items: per store through its
 *     completed orders' devices; `--pending` (implied by --all-stores) once more over the warranty
 *     job's due queue, which holds every warranty not yet expired (registered ones among them).
 *   npm run backfill:turnaround-histograms -- --store <storeId> [--store …] | --all-stores
 *     folds the turnaround sample lists of days counted before the histogram into it
 *     (DynamoMetricsRepository.foldSampleLists), so a league table over those days costs stores × days too.
 *
 * Target (scripts/target.ts): TABLE_NAME with AWS credentials (a deployed stage),
 * AWS_ENDPOINT_URL_DYNAMODB (that DynamoDB), or else the running `npm start`.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillDeviceIndex, backfillPendingWarranties, backfillWarrantyIndex, networkStoreIds, type BackfillCount } from '../shared/store/index-backfill.js';
import { DynamoMetricsRepository } from '../shared/store/metrics-repository.js';
import { target } from './target.js';

type PerStore = (db: DynamoDBDocumentClient, tableName: string, storeId: string) => Promise<BackfillCount>;
const BACKFILLS: Record<string, PerStore> = {
  'device-index': backfillDeviceIndex,
  'warranty-index': backfillWarrantyIndex,
  'turnaround-histograms': async (db, tableName, storeId) => {
    const { daysWithSamples, folded } = await new DynamoMetricsRepository(db, tableName).foldSampleLists(storeId);
    return { examined: daysWithSamples, updated: folded };
  },
};
const usage = 'usage: npm run backfill:<device-index|warranty-index|turnaround-histograms> -- --store <storeId> [--store <storeId> …] | --all-stores   (warranty-index: also --pending)';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { store: { type: 'string', multiple: true }, 'all-stores': { type: 'boolean' }, pending: { type: 'boolean' } },
  });
  const backfill = BACKFILLS[positionals[0] ?? ''];
  const allStores = values['all-stores'] === true;
  const pending = positionals[0] === 'warranty-index' && (allStores || values.pending === true);
  if (!backfill || (allStores && values.store?.length) || (!allStores && !values.store?.length && !pending) || (values.pending && positionals[0] !== 'warranty-index')) throw new Error(usage);
  const { client: config, tableName } = target(process.env, { keys: false });
  const client = new DynamoDBClient(config);
  try {
    const db = DynamoDBDocumentClient.from(client);
    const stores = allStores ? networkStoreIds(db, tableName) : (values.store ?? []);
    for await (const storeId of stores) console.log(JSON.stringify({ storeId, ...(await backfill(db, tableName, storeId)) }));
    if (pending) console.log(JSON.stringify({ queue: 'DUE#WARRANTY', ...(await backfillPendingWarranties(db, tableName)) }));
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
