/**
 * Who may call what: the two kinds of callers (a store's key, a network key with scopes) and the
 * per-route access declaration the route table carries. Pure: the authorizer, the API pipeline
 * and the local gateway all decide with these functions, from the same table.
 */
export const NETWORK_SCOPES = [
  'stores:read',
  'stores:write',
  'insights:read',
  'escalations:write',
  'warranties:write',
  'prices:write',
  'audit:read',
] as const;
export type NetworkScope = (typeof NETWORK_SCOPES)[number];

/** `public`: no key; `store`: a store's own key; `{ network: scope }`: a network key holding that scope. */
export type RouteAccess = 'public' | 'store' | { network: NetworkScope };

export type StoreState = 'active' | 'suspended';

export type Principal =
  | { kind: 'store'; storeId: string; keyId: string; storeState: StoreState }
  | { kind: 'network'; keyId: string; scopes: NetworkScope[] };

export function isNetworkScope(value: string): value is NetworkScope {
  return (NETWORK_SCOPES as readonly string[]).includes(value);
}

/**
 * The principal as API Gateway authorizer context, whose values may only be strings, numbers or
 * booleans: scopes travel comma-joined. `storeId` stays the store routes' key (the access log and
 * every handler read it), and is absent for a network key.
 */
export function principalContext(principal: Principal): Record<string, string> {
  if (principal.kind === 'store') {
    return { kind: 'store', storeId: principal.storeId, keyId: principal.keyId, storeState: principal.storeState };
  }
  return { kind: 'network', keyId: principal.keyId, scopes: principal.scopes.join(',') };
}

/** The authorizer context → the principal, or null when it is not one the authorizer produces (fail closed). */
export function principalFromContext(context: Record<string, unknown> | null | undefined): Principal | null {
  if (!context) return null;
  const { kind, storeId, keyId, storeState, scopes } = context;
  if (typeof keyId !== 'string' || keyId === '') return null;
  if (kind === 'store') {
    if (typeof storeId !== 'string' || storeId === '') return null;
    return { kind, storeId, keyId, storeState: storeState === 'suspended' ? 'suspended' : 'active' };
  }
  if (kind === 'network') {
    const list = typeof scopes === 'string' && scopes !== '' ? scopes.split(',') : [];
    return { kind, keyId, scopes: list.filter(isNetworkScope) };
  }
  return null;
}

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403; reason: 'no-key' | 'wrong-kind' | 'missing-scope' | 'store-suspended'; detail: string };

/** Whether this caller may call a route declared `access`. A suspended store is refused here, not by the key lookup, so it gets its own answer. */
export function decideAccess(access: RouteAccess, principal: Principal | null): AccessDecision {
  if (access === 'public') return { allowed: true };
  if (!principal) return { allowed: false, status: 401, reason: 'no-key', detail: 'Send Authorization: Bearer <your API key>' };
  if (access === 'store') {
    if (principal.kind !== 'store') {
      return { allowed: false, status: 403, reason: 'wrong-kind', detail: 'This route takes a store API key; network keys use /v1/network/*' };
    }
    if (principal.storeState === 'suspended') {
      return { allowed: false, status: 403, reason: 'store-suspended', detail: 'This store is suspended by the network; its customers can still track their repairs' };
    }
    return { allowed: true };
  }
  if (principal.kind !== 'network') {
    return { allowed: false, status: 403, reason: 'wrong-kind', detail: 'This route takes a network API key' };
  }
  if (!principal.scopes.includes(access.network)) {
    return { allowed: false, status: 403, reason: 'missing-scope', detail: `This network key lacks the scope ${access.network}` };
  }
  return { allowed: true };
}

/** Whether the route may be reached at all by this principal, ignoring store suspension (which the function answers itself). */
export function mayReach(access: RouteAccess, principal: Principal): boolean {
  if (access === 'public') return true;
  if (access === 'store') return principal.kind === 'store';
  return principal.kind === 'network' && principal.scopes.includes(access.network);
}
