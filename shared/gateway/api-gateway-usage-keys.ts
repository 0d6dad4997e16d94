import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanKeyCommand, DeleteApiKeyCommand } from '@aws-sdk/client-api-gateway';
import type { UsageKeyRegistry } from '../usecases/stores.js';

/**
 * Registers a store's usage key in the stage's usage plan (stack output UsagePlanId): an API key
 * named after the store, holding the value the authorizer will return, then its membership in
 * the plan. Used by `npm run store` against a deployed stage; never by a Lambda.
 */
export function apiGatewayUsageKeys(usagePlanId: string, client: APIGatewayClient = new APIGatewayClient({})): UsageKeyRegistry {
  return {
    async register(store, usageKey) {
      const created = await client.send(
        new CreateApiKeyCommand({ name: store.id, description: `Usage key of store "${store.name}"`, enabled: true, value: usageKey }),
      );
      if (!created.id) throw new Error('API Gateway created the API key but returned no id');
      try {
        await client.send(new CreateUsagePlanKeyCommand({ usagePlanId, keyId: created.id, keyType: 'API_KEY' }));
      } catch (error) {
        // A key outside the plan is of no use: remove it, so that a retry starts clean.
        await client.send(new DeleteApiKeyCommand({ apiKey: created.id })).catch(() => undefined);
        throw error;
      }
    },
  };
}
