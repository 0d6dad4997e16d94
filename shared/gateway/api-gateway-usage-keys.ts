import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanKeyCommand, DeleteApiKeyCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
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
        new CreateApiKeyCommand({ name: store.id, description: `Usage key of "${store.name}"`, enabled: true, value: usageKey }),
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

/**
 * The same registry for a function that issues keys (onboarding, rotation): it cannot be handed
 * the plan's id (the plan depends on the stage, the stage on the function: a cycle in CloudFormation),
 * so it finds the plan by its name once per container.
 */
export function apiGatewayUsageKeysByPlanName(planName: string, client: APIGatewayClient): UsageKeyRegistry {
  let registry: Promise<UsageKeyRegistry> | undefined;
  const resolve = async (): Promise<UsageKeyRegistry> => {
    let position: string | undefined;
    do {
      const page = await client.send(new GetUsagePlansCommand({ position, limit: 500 }));
      const plan = page.items?.find((item) => item.name === planName);
      if (plan?.id) return apiGatewayUsageKeys(plan.id, client);
      position = page.position;
    } while (position);
    throw new Error(`No usage plan named ${planName}`);
  };
  return {
    async register(owner, usageKey) {
      registry ??= resolve().catch((error: unknown) => {
        registry = undefined;
        throw error;
      });
      await (await registry).register(owner, usageKey);
    },
  };
}
