/**
 * Where `npm run store`, `npm run network` and the backfills write, from the environment:
 * - a deployed stage: USAGE_PLAN_ID (the API stack's UsagePlanId output) and TABLE_NAME set, or AWS
 *   credentials (AWS_PROFILE / AWS_ACCESS_KEY_ID) without an endpoint override; USAGE_PLAN_ID is
 *   then required — the new key's usage key joins that plan, or API Gateway refuses it;
 *   (the backfills touch only the table: `{ keys: false }`, so TABLE_NAME with credentials suffices);
 * - AWS_ENDPOINT_URL_DYNAMODB set: that DynamoDB (region and credentials default to the local ones);
 * - otherwise the running `npm start`: its DynamoDB Local and table, from the endpoint.json it
 *   keeps in LOCAL_DATA_DIR (default .local) while it runs. TABLE_NAME overrides the table.
 */
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { LOCAL_AWS_ENV, readLocalEndpoint } from '../local/dynamodb-local.js';

const LOCAL_CREDENTIALS = { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY };

export interface Target {
  client: DynamoDBClientConfig;
  tableName: string;
  /** Set against a deployed stage: the plan the store's usage key must join. */
  usagePlanId?: string;
}

export function target(env: NodeJS.ProcessEnv, { keys = true }: { keys?: boolean } = {}): Target {
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
  const credentials = env.AWS_PROFILE !== undefined || env.AWS_ACCESS_KEY_ID !== undefined;
  if (!keys && credentials && endpoint === undefined) {
    if (!env.TABLE_NAME) throw new Error('TABLE_NAME is required against a deployed stage (output TableName of RepairApi-<stage>-Stateful)');
    return { client: {}, tableName: env.TABLE_NAME };
  }
  if (keys && (env.USAGE_PLAN_ID !== undefined || (credentials && endpoint === undefined))) {
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
        (keys ? 'or set TABLE_NAME and USAGE_PLAN_ID with AWS credentials to issue a key against a deployed stage' : 'or set TABLE_NAME with AWS credentials for a deployed stage'),
    );
  }
  return { client: { endpoint: local.dynamoEndpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: LOCAL_CREDENTIALS }, tableName: env.TABLE_NAME ?? local.tableName };
}

