/**
 * `npm run network -- create-key --label "HQ operations" --scopes stores:read,stores:write,audit:read`
 * Creates a network (headquarters) key and prints one JSON line {"keyId","apiKey"}: the only time
 * the key is shown. The bootstrap: every later network action can go through the API with it.
 * Targets what `npm run store` targets (scripts/target.ts).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { apiGatewayUsageKeys } from '../shared/gateway/api-gateway-usage-keys.js';
import { NewNetworkKeyBody } from '../shared/schemas/network.js';
import { DynamoKeyRepository } from '../shared/store/key-repository.js';
import { DynamoAuditLog } from '../shared/store/network-repository.js';
import { noAuthorizerCache } from '../shared/usecases/access-keys.js';
import { createNetworkKey } from '../shared/usecases/network.js';
import { noUsageKeyRegistry } from '../shared/usecases/stores.js';
import { target } from './target.js';

const usage = 'usage: npm run network -- create-key --label "HQ operations" --scopes stores:read,stores:write';
/** Who the audit log names for keys made by this script (an operator with credentials, not a key). */
const OPERATOR = { keyId: 'operator', label: 'npm run network' };

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { label: { type: 'string' }, scopes: { type: 'string' } } });
  if (positionals[0] !== 'create-key') throw new Error(usage);
  const parsed = NewNetworkKeyBody.safeParse({ label: values.label, scopes: values.scopes?.split(',').map((s) => s.trim()) });
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${usage}`);
  }
  const { client: clientConfig, tableName, usagePlanId } = target(process.env);
  const client = new DynamoDBClient(clientConfig);
  const doc = DynamoDBDocumentClient.from(client);
  const gateway = usagePlanId ? new APIGatewayClient({}) : undefined;
  try {
    const deps = {
      keys: new DynamoKeyRepository(doc, tableName),
      audit: new DynamoAuditLog(doc, tableName),
      cache: noAuthorizerCache,
      usageKeys: gateway && usagePlanId ? apiGatewayUsageKeys(usagePlanId, gateway) : noUsageKeyRegistry,
      now: () => new Date(),
    };
    console.log(JSON.stringify(await createNetworkKey(deps, OPERATOR, parsed.data.label, parsed.data.scopes)));
  } finally {
    client.destroy();
    gateway?.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
