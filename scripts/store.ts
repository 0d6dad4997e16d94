/**
 * `npm run store -- create --name "…" --country IN --timezone Asia/Kolkata`
 * Creates a store and prints one JSON line {"storeId","apiKey"}: the only time the key is shown.
 *
 * Where the store goes: see scripts/target.ts (the same targets as `npm run network`).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayUsageKeys } from '../shared/gateway/api-gateway-usage-keys.js';
import { NewStoreBody } from '../shared/schemas/store.js';
import { DynamoStoreRepository } from '../shared/store/store-repository.js';
import { createStore, noUsageKeyRegistry } from '../shared/usecases/stores.js';
import { target } from './target.js';

const usage = 'usage: npm run store -- create --name "Store name" --country IN --timezone Asia/Kolkata';
async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, country: { type: 'string' }, timezone: { type: 'string' } },
  });
  if (positionals[0] !== 'create') throw new Error(usage);
  const parsed = NewStoreBody.safeParse(values);
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${usage}`);
  }
  const { client: clientConfig, tableName, usagePlanId } = target(process.env);
  const client = new DynamoDBClient(clientConfig);
  const gateway = usagePlanId ? new APIGatewayClient({}) : undefined;
  const usageKeys = gateway && usagePlanId ? apiGatewayUsageKeys(usagePlanId, gateway) : noUsageKeyRegistry;
  try {
    const { store, apiKey } = await createStore(new DynamoStoreRepository(DynamoDBDocumentClient.from(client), tableName), parsed.data, usageKeys);
    console.log(JSON.stringify({ storeId: store.id, apiKey }));
  } finally {
    client.destroy();
    gateway?.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
