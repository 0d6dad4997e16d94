/**
 * What each API function does to API Gateway itself (beside the table): infra/stacks/api-stack.ts
 * grants exactly this, scoped to the stage. A handler missing here gets nothing.
 * - flush: FlushStageAuthorizersCache after a revocation or suspension (shared/gateway/authorizer-cache.ts);
 * - usage keys: a new key's usage key joins the stage's usage plan (shared/gateway/api-gateway-usage-keys.ts).
 */
export type GatewayUse = 'flush-authorizer-cache' | 'register-usage-keys';

export const GATEWAY_USE: Readonly<Record<string, readonly GatewayUse[]>> = {
  'revoke-store-key': ['flush-authorizer-cache'],
  'network-revoke-store-key': ['flush-authorizer-cache'],
  'network-suspend-store': ['flush-authorizer-cache'],
  'network-resume-store': ['flush-authorizer-cache'],
  'issue-store-key': ['register-usage-keys'],
  'network-issue-store-key': ['register-usage-keys'],
  'network-create-store': ['register-usage-keys'],
};
