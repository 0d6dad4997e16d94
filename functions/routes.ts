/**
 * Every API route and the function that serves it. The CDK stack builds API Gateway from this
 * list and the local stack routes requests with it, so both expose exactly the same API.
 */
import type { RouteAccess } from '../shared/domain/access.js';

export type { NetworkScope, RouteAccess } from '../shared/domain/access.js';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** File under functions/api/ (without extension) that exports `handler`. */
  handler: string;
  /**
   * Who may call it, declared once here: 'public' (no key, no authorizer), 'store' (a store's own
   * key) or { network: scope } (a network key holding that scope). The authorizer's policy, the
   * local gateway and every function's pipeline all enforce this declaration; nothing else does.
   */
  access: RouteAccess;
  /** Table access the function needs: least privilege per function. */
  tableAccess: 'read' | 'write' | 'none';
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/v1/repairs', handler: 'create-repair', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/repairs', handler: 'list-repairs', access: 'store', tableAccess: 'read' },
  { method: 'GET', path: '/v1/repairs/{id}', handler: 'get-repair', access: 'store', tableAccess: 'read' },
  { method: 'POST', path: '/v1/repairs/{id}/status', handler: 'move-repair', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/track/{trackingCode}', handler: 'track-repair', access: 'public', tableAccess: 'read' },
  { method: 'GET', path: '/v1/follow-ups', handler: 'list-follow-ups', access: 'store', tableAccess: 'read' },
  { method: 'POST', path: '/v1/follow-ups/{id}/outcome', handler: 'record-follow-up-outcome', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/escalations', handler: 'list-escalations', access: 'store', tableAccess: 'read' },
  { method: 'POST', path: '/v1/escalations/{id}/resolve', handler: 'resolve-escalation', access: 'store', tableAccess: 'write' },
  { method: 'POST', path: '/v1/escalations/{id}/raise', handler: 'raise-escalation', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/warranties/{deviceId}', handler: 'get-warranties', access: 'store', tableAccess: 'read' },
  { method: 'POST', path: '/v1/warranties', handler: 'register-warranty', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/metrics', handler: 'get-metrics', access: 'store', tableAccess: 'read' },
  { method: 'DELETE', path: '/v1/customers/{phone}/personal-data', handler: 'erase-customer', access: 'store', tableAccess: 'write' },
  { method: 'POST', path: '/v1/repairs/{id}/quote', handler: 'quote-repair', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/store/prices', handler: 'get-store-prices', access: 'store', tableAccess: 'read' },
  { method: 'GET', path: '/v1/store', handler: 'get-store', access: 'store', tableAccess: 'read' },
  { method: 'PATCH', path: '/v1/store', handler: 'update-store', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/openapi.json', handler: 'openapi', access: 'public', tableAccess: 'none' },
  { method: 'POST', path: '/v1/store/keys', handler: 'issue-store-key', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/store/keys', handler: 'list-store-keys', access: 'store', tableAccess: 'read' },
  { method: 'DELETE', path: '/v1/store/keys/{keyId}', handler: 'revoke-store-key', access: 'store', tableAccess: 'write' },
  { method: 'POST', path: '/v1/network/stores', handler: 'network-create-store', access: { network: 'stores:write' }, tableAccess: 'write' },
  { method: 'GET', path: '/v1/network/stores', handler: 'network-list-stores', access: { network: 'stores:read' }, tableAccess: 'read' },
  { method: 'GET', path: '/v1/network/stores/{storeId}', handler: 'network-get-store', access: { network: 'stores:read' }, tableAccess: 'read' },
  { method: 'POST', path: '/v1/network/stores/{storeId}/keys', handler: 'network-issue-store-key', access: { network: 'stores:write' }, tableAccess: 'write' },
  { method: 'GET', path: '/v1/network/stores/{storeId}/keys', handler: 'network-list-store-keys', access: { network: 'stores:read' }, tableAccess: 'read' },
  { method: 'DELETE', path: '/v1/network/stores/{storeId}/keys/{keyId}', handler: 'network-revoke-store-key', access: { network: 'stores:write' }, tableAccess: 'write' },
  { method: 'POST', path: '/v1/network/stores/{storeId}/suspend', handler: 'network-suspend-store', access: { network: 'stores:write' }, tableAccess: 'write' },
  { method: 'POST', path: '/v1/network/stores/{storeId}/resume', handler: 'network-resume-store', access: { network: 'stores:write' }, tableAccess: 'write' },
  { method: 'PUT', path: '/v1/network/prices', handler: 'network-replace-prices', access: { network: 'prices:write' }, tableAccess: 'write' },
  { method: 'POST', path: '/v1/network/programs', handler: 'network-create-program', access: { network: 'prices:write' }, tableAccess: 'write' },
  { method: 'GET', path: '/v1/network/audit', handler: 'network-audit', access: { network: 'audit:read' }, tableAccess: 'read' },
  // The R&D queue: the people who work it hold escalations:write (its notes are casework, not statistics).
  { method: 'GET', path: '/v1/network/escalations', handler: 'network-list-escalations', access: { network: 'escalations:write' }, tableAccess: 'read' },
  { method: 'POST', path: '/v1/network/escalations/{id}/resolve', handler: 'network-resolve-escalation', access: { network: 'escalations:write' }, tableAccess: 'write' },
  // The network's settings: the R&D SLA is the R&D queue's, so the people who work the queue set it.
  { method: 'GET', path: '/v1/network/settings', handler: 'network-get-settings', access: { network: 'escalations:write' }, tableAccess: 'read' },
  { method: 'PATCH', path: '/v1/network/settings', handler: 'network-update-settings', access: { network: 'escalations:write' }, tableAccess: 'write' },
  { method: 'GET', path: '/v1/network/quality', handler: 'network-get-quality', access: { network: 'insights:read' }, tableAccess: 'read' },
  { method: 'GET', path: '/v1/network/metrics', handler: 'network-get-metrics', access: { network: 'insights:read' }, tableAccess: 'read' },
  { method: 'POST', path: '/v1/network/warranty-extensions', handler: 'network-start-warranty-extension', access: { network: 'warranties:write' }, tableAccess: 'write' },
  { method: 'GET', path: '/v1/network/warranty-extensions/{id}', handler: 'network-get-warranty-extension', access: { network: 'warranties:write' }, tableAccess: 'read' },
  { method: 'POST', path: '/v1/network/warranty-extensions/{id}/cancel', handler: 'network-cancel-warranty-extension', access: { network: 'warranties:write' }, tableAccess: 'write' },
  { method: 'POST', path: '/v1/repairs/{id}/photos', handler: 'request-photo-upload', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/repairs/{id}/photos', handler: 'list-photos', access: 'store', tableAccess: 'read' },
  { method: 'DELETE', path: '/v1/repairs/{id}/photos/{photoId}', handler: 'delete-photo', access: 'store', tableAccess: 'write' },
  { method: 'GET', path: '/v1/devices/{deviceId}/history', handler: 'get-device-history', access: 'store', tableAccess: 'read' },
  // The customer page (HTML, shared/web): the link in every SMS, its forms, and the lookup by code.
  { method: 'GET', path: '/r/{token}', handler: 'page-view', access: 'public', tableAccess: 'read' },
  { method: 'POST', path: '/r/{token}/{action}', handler: 'page-action', access: 'public', tableAccess: 'write' },
  { method: 'GET', path: '/track', handler: 'page-lookup-form', access: 'public', tableAccess: 'none' },
  { method: 'POST', path: '/track', handler: 'page-lookup', access: 'public', tableAccess: 'read' },
];

/** The row serving `method resource` (API Gateway's `event.resource`, the path template), if any. */
export function routeFor(method: string, resource: string): ApiRoute | undefined {
  return API_ROUTES.find((route) => route.method === method && route.path === resource);
}

/**
 * How long API Gateway keeps the authorizer's answer for one API key. The policy allows the whole
 * stage, so one decision per key serves every route; the local gateway caches the same way.
 */
export const AUTHORIZER_CACHE_TTL_SECONDS = 300;
