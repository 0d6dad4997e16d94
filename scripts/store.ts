/**
 * `npm run store -- create --name "…" --country IN --timezone Asia/Kolkata`
 * Creates a store and prints one JSON line {"storeId","apiKey"}: the only time the key is shown.
 *
 * Where the store goes, from the environment:
 * - a deployed stage: USAGE_PLAN_ID (the API stack's UsagePlanId output) and TABLE_NAME set, or AWS
 *   credentials (AWS_PROFILE / AWS_ACCESS_KEY_ID) without an endpoint override; USAGE_PLAN_ID is
 *   then required — the store's usage key joins that plan, or API Gateway refuses the store;
 * - AWS_ENDPOINT_URL_DYNAMODB set: that DynamoDB (region and credentials default to the local ones);
 * - otherwise the running `npm start`: its DynamoDB Local and table, from the endpoint.json it
 *   keeps in LOCAL_DATA_DIR (default .local) while it runs. TABLE_NAME overrides the table.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayUsageKeys } from '../shared/gateway/api-gateway-usage-keys.js';
import { NewStoreBody } from '../shared/schemas/store.js';
import { DynamoStoreRepository } from '../shared/store/store-repository.js';
import { createStore, noUsageKeyRegistry } from '../shared/usecases/stores.js';
import { LOCAL_AWS_ENV, readLocalEndpoint } from '../local/dynamodb-local.js';

const usage = 'usage: npm run store -- create --name "Store name" --country IN --timezone Asia/Kolkata';
const LOCAL_CREDENTIALS = { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY };

interface Target {
  client: DynamoDBClientConfig;
  tableName: string;
  /** Set against a deployed stage: the plan the store's usage key must join. */
  usagePlanId?: string;
}

function target(env: NodeJS.ProcessEnv): Target {
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
  const credentials = env.AWS_PROFILE !== undefined || env.AWS_ACCESS_KEY_ID !== undefined;
  if (env.USAGE_PLAN_ID !== undefined || (credentials && endpoint === undefined)) {
    // Real DynamoDB, so a deployed stage whose API Gateway must know the usage key.
    if (!env.USAGE_PLAN_ID) {
      throw new Error('USAGE_PLAN_ID is required against a deployed stage (output UsagePlanId of RepairApi-<stage>-Api): without it API Gateway refuses every request of the new store (403)');
    }
    if (!env.TABLE_NAME) throw new Error('TABLE_NAME is required against a deployed stage (output TableName of RepairApi-<stage>-Stateful)');
    return { client: {}, tableName: env.TABLE_NAME, usagePlanId: env.USAGE_PLAN_ID };
  }
  if (endpoint !== undefined) {
    // The SDK reads the endpoint itself; DynamoDB Local checks neither region nor keys, but the SDK wants both.
    return {
      client: { region: env.AWS_REGION ?? LOCAL_AWS_ENV.AWS_REGION, ...(!credentials && { credentials: LOCAL_CREDENTIALS }) },
      tableName: env.TABLE_NAME ?? 'repairs',
    };
  }
  const dataDir = env.LOCAL_DATA_DIR ?? '.local';
  const local = readLocalEndpoint(dataDir);
  if (!local) {
    throw new Error(
      `No running local stack found (${dataDir}/endpoint.json): start it with \`npm start\` (same LOCAL_DATA_DIR), ` +
        'or set TABLE_NAME and USAGE_PLAN_ID with AWS credentials to issue a key against a deployed stage',
    );
  }
  return { client: { endpoint: local.dynamoEndpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: LOCAL_CREDENTIALS }, tableName: env.TABLE_NAME ?? local.tableName };
}

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
