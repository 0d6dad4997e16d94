/**
 * Every API route and the function that serves it. The CDK stack builds API Gateway from this
 * list and the local stack routes requests with it, so both expose exactly the same API.
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** File under functions/api/ (without extension) that exports `handler`. */
  handler: string;
  /** Public routes skip the store authorizer. */
  public?: boolean;
  /** Table access the function needs: least privilege per function. */
  tableAccess: 'read' | 'write' | 'none';
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/v1/repairs', handler: 'create-repair', tableAccess: 'write' },
  { method: 'GET', path: '/v1/repairs', handler: 'list-repairs', tableAccess: 'read' },
  { method: 'GET', path: '/v1/repairs/{id}', handler: 'get-repair', tableAccess: 'read' },
  { method: 'POST', path: '/v1/repairs/{id}/status', handler: 'move-repair', tableAccess: 'write' },
  { method: 'GET', path: '/v1/track/{trackingCode}', handler: 'track-repair', public: true, tableAccess: 'read' },
  { method: 'GET', path: '/v1/follow-ups', handler: 'list-follow-ups', tableAccess: 'read' },
  { method: 'POST', path: '/v1/follow-ups/{id}/outcome', handler: 'record-follow-up-outcome', tableAccess: 'write' },
  { method: 'GET', path: '/v1/escalations', handler: 'list-escalations', tableAccess: 'read' },
  { method: 'POST', path: '/v1/escalations/{id}/resolve', handler: 'resolve-escalation', tableAccess: 'write' },
  { method: 'GET', path: '/v1/warranties/{deviceId}', handler: 'get-warranties', tableAccess: 'read' },
  { method: 'POST', path: '/v1/warranties', handler: 'register-warranty', tableAccess: 'write' },
  { method: 'GET', path: '/v1/metrics', handler: 'get-metrics', tableAccess: 'read' },
  { method: 'DELETE', path: '/v1/customers/{phone}/personal-data', handler: 'erase-customer', tableAccess: 'write' },
  { method: 'POST', path: '/v1/repairs/{id}/quote', handler: 'quote-repair', tableAccess: 'write' },
  { method: 'GET', path: '/v1/store/prices', handler: 'get-store-prices', tableAccess: 'read' },
  { method: 'GET', path: '/v1/store', handler: 'get-store', tableAccess: 'read' },
  { method: 'PATCH', path: '/v1/store', handler: 'update-store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/openapi.json', handler: 'openapi', public: true, tableAccess: 'none' },
];

/**
 * How long API Gateway keeps the authorizer's answer for one API key. The policy allows the whole
 * stage, so one decision per key serves every route; the local gateway caches the same way.
 */
export const AUTHORIZER_CACHE_TTL_SECONDS = 300;
