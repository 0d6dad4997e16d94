import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { LOCAL_AWS_ENV, readLocalEndpoint } from '../local/dynamodb-local.js';

const LOCAL_CREDENTIALS = { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY };

/**
 * The table a one-off script works on: TABLE_NAME with AWS credentials (a deployed stage),
 * AWS_ENDPOINT_URL_DYNAMODB (that DynamoDB), or else the running `npm start` found through
 * LOCAL_DATA_DIR (default .local).
 */
export function tableTarget(env: NodeJS.ProcessEnv): { client: DynamoDBClientConfig; tableName: string } {
  if (env.AWS_ENDPOINT_URL_DYNAMODB !== undefined) {
    return { client: { region: env.AWS_REGION ?? LOCAL_AWS_ENV.AWS_REGION, ...(env.AWS_ACCESS_KEY_ID === undefined && { credentials: LOCAL_CREDENTIALS }) }, tableName: env.TABLE_NAME ?? 'repairs' };
  }
  if (env.TABLE_NAME && (env.AWS_PROFILE !== undefined || env.AWS_ACCESS_KEY_ID !== undefined)) return { client: {}, tableName: env.TABLE_NAME };
  const local = readLocalEndpoint(env.LOCAL_DATA_DIR ?? '.local');
  if (!local) throw new Error('No running local stack found: start `npm start`, or set TABLE_NAME with AWS credentials');
  return { client: { endpoint: local.dynamoEndpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: LOCAL_CREDENTIALS }, tableName: env.TABLE_NAME ?? local.tableName };
}
