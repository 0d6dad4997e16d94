/**
 * `npm run store -- create --name "…" --country IN --timezone Asia/Kolkata`
 * Creates a store and prints one JSON line {"storeId","apiKey"}: the only time the key is shown.
 * Targets TABLE_NAME (default: the local stack's table) on AWS_ENDPOINT_URL_DYNAMODB
 * (default: the local stack's DynamoDB Local on port 8000); set AWS credentials and unset
 * the endpoint to issue a key against a deployed stage, with USAGE_PLAN_ID (the API stack's
 * UsagePlanId output): the store's usage key joins that plan, or API Gateway refuses the store.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayUsageKeys } from '../shared/gateway/api-gateway-usage-keys.js';
import { NewStoreBody } from '../shared/schemas/store.js';
import { DynamoStoreRepository } from '../shared/store/store-repository.js';
import { createStore, noUsageKeyRegistry } from '../shared/usecases/stores.js';
import { LOCAL_AWS_ENV } from '../local/dynamodb-local.js';

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
  const local = process.env.AWS_ENDPOINT_URL_DYNAMODB === undefined && process.env.AWS_PROFILE === undefined && process.env.AWS_ACCESS_KEY_ID === undefined;
  const client = new DynamoDBClient(local ? { endpoint: 'http://127.0.0.1:8000', region: LOCAL_AWS_ENV.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {});
  const tableName = process.env.TABLE_NAME ?? 'repairs';
  const usagePlanId = process.env.USAGE_PLAN_ID;
  // Credentials and no endpoint override: real DynamoDB, so a deployed stage whose API Gateway must know the usage key.
  const deployed = !local && process.env.AWS_ENDPOINT_URL_DYNAMODB === undefined;
  if (deployed && !usagePlanId) {
    throw new Error('USAGE_PLAN_ID is required against a deployed stage (output UsagePlanId of RepairApi-<stage>-Api): without it API Gateway refuses every request of the new store (403)');
  }
  const gateway = usagePlanId ? new APIGatewayClient({}) : undefined;
  const usageKeys = gateway && usagePlanId ? apiGatewayUsageKeys(usagePlanId, gateway) : noUsageKeyRegistry;
  const { store, apiKey } = await createStore(new DynamoStoreRepository(DynamoDBDocumentClient.from(client), tableName), parsed.data, usageKeys);
  console.log(JSON.stringify({ storeId: store.id, apiKey }));
  client.destroy();
  gateway?.destroy();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
