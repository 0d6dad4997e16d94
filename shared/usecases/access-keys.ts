import { createHash } from 'node:crypto';
import { hashApiKey, newApiKey } from '../domain/api-key.js';
import type { NetworkScope, Principal, StoreState } from '../domain/access.js';
import { NotFoundError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { newUsageKey, type UsageKeyRegistry } from './stores.js';

/** A key as the authorizer finds it by its hash: whose it is and what it may do. */
export interface KeyGrant {
  kind: 'store' | 'network';
  keyId: string;
  label: string;
  storeId: string | null;
  scopes: NetworkScope[];
  usageKey: string | null;
  storeState: StoreState;
  lastUsedAt: string | null;
  /** A store key from before key ids (one APIKEY# item per store): migrated on its next use. */
  legacy: boolean;
}

/** A key as its owner lists it: never the key, never its hash. */
export interface KeyInfo {
  keyId: string;
  label: string;
  prefix: string;
  state: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
}

export interface NewKey {
  info: KeyInfo;
  keyHash: string;
  usageKey: string;
}

/** The owner of a key list: a store, or the network itself. */
export type KeyOwner = { kind: 'store'; storeId: string } | { kind: 'network'; scopes: NetworkScope[] };

export interface KeyRepository {
  findGrant(keyHash: string): Promise<KeyGrant | null>;
  /** Adds an active key; a store key copies the store's state. NotFoundError when the store does not exist. */
  addKey(owner: KeyOwner, key: NewKey): Promise<void>;
  listKeys(owner: KeyOwner): Promise<KeyInfo[]>;
  /** Revokes one active key. NotFoundError when the owner has no such key; ConflictError when it is the owner's last active one. */
  revokeKey(owner: KeyOwner, keyId: string, at: string): Promise<void>;
  /** Records the key's use (approximately: callers write at most once per LAST_USED_RESOLUTION_MS). */
  touchKey(keyHash: string, grant: KeyGrant, at: string): Promise<void>;
  /** Gives a legacy store key an id, a label and its place in the store's key list. */
  migrateLegacyKey(keyHash: string, grant: KeyGrant, prefix: string, at: string): Promise<void>;
  setStoreState(storeId: string, state: StoreState): Promise<void>;
  /** The store's state, or null when there is no such store. */
  storeState(storeId: string): Promise<StoreState | null>;
  /** The state of a store known to exist (one read: its ACCESS item). */
  accessState(storeId: string): Promise<StoreState>;
}

/**
 * Where API Gateway keeps authorizer answers: flushed after a revocation or suspension so the
 * change takes effect on the next request (the deployed stage's cache, the local gateway's).
 */
export interface AuthorizerCache {
  flush(): Promise<void>;
}
export const noAuthorizerCache: AuthorizerCache = { flush: async () => undefined };

/** lastUsedAt is kept to the hour: at most one write per key per hour, never one per request. */
export const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;
/** Enough for overlapping rotations; keeps a store's suspension one transaction (≤ 100 items). */
export const MAX_ACTIVE_KEYS = 10;

/** The first characters of a key: enough to tell keys apart in a list, far too few to guess the rest. */
export function keyPrefix(apiKey: string): string {
  return apiKey.slice(0, 9);
}

/** A legacy key's id, derived from its hash so concurrent migrations agree, and not the hash itself. */
export function legacyKeyId(keyHash: string): string {
  return `key_${createHash('sha256').update(`key-id:${keyHash}`).digest('hex').slice(0, 26)}`;
}

export function newKeyId(): string {
  return `key_${newId().toLowerCase()}`;
}

/** A fresh key: the secret (shown once), its hash and its public description. */
export function mintKey(label: string, at: string): { apiKey: string } & NewKey {
  const apiKey = newApiKey();
  return {
    apiKey,
    keyHash: hashApiKey(apiKey),
    usageKey: newUsageKey(),
    info: { keyId: newKeyId(), label, prefix: keyPrefix(apiKey), state: 'active', createdAt: at, lastUsedAt: null },
  };
}

export interface KeyDeps {
  keys: KeyRepository;
  cache: AuthorizerCache;
  usageKeys: UsageKeyRegistry;
  now: () => Date;
}

/**
 * The authorizer's question: who presents this key? Also keeps lastUsedAt (at most hourly) and
 * migrates a legacy key on its first use; neither may fail the request.
 */
export async function authenticate(deps: Pick<KeyDeps, 'keys' | 'now'>, apiKey: string, onSideEffectError: (error: unknown) => void): Promise<{ principal: Principal; grant: KeyGrant } | null> {
  const keyHash = hashApiKey(apiKey);
  const grant = await deps.keys.findGrant(keyHash);
  if (!grant) return null;
  const now = deps.now();
  const at = now.toISOString();
  try {
    if (grant.legacy) await deps.keys.migrateLegacyKey(keyHash, grant, keyPrefix(apiKey), at);
    else if (!grant.lastUsedAt || now.getTime() - Date.parse(grant.lastUsedAt) >= LAST_USED_RESOLUTION_MS) await deps.keys.touchKey(keyHash, grant, at);
  } catch (error) {
    onSideEffectError(error);
  }
  const principal: Principal =
    grant.kind === 'store' && grant.storeId
      ? { kind: 'store', storeId: grant.storeId, keyId: grant.keyId, storeState: grant.storeState }
      : { kind: 'network', keyId: grant.keyId, scopes: grant.scopes };
  return { principal, grant };
}

/** A new key for an owner; the key itself is in this answer only. */
export async function issueKey(deps: KeyDeps, owner: KeyOwner, label: string): Promise<{ keyId: string; apiKey: string; info: KeyInfo }> {
  const key = mintKey(label, deps.now().toISOString());
  // Registered first: a key never exists that API Gateway's usage plan does not know (it would answer 403).
  await deps.usageKeys.register({ id: key.info.keyId, name: owner.kind === 'store' ? `${owner.storeId} ${label}` : `network ${label}` }, key.usageKey);
  await deps.keys.addKey(owner, key);
  return { keyId: key.info.keyId, apiKey: key.apiKey, info: key.info };
}

/**
 * Revokes the key and flushes the authorizer cache, so its next request is refused (401).
 * `recorded` (the audit entry) runs between the two: a failed flush still leaves the revocation audited.
 */
export async function revokeKey(deps: KeyDeps, owner: KeyOwner, keyId: string, recorded: () => Promise<void> = async () => undefined): Promise<void> {
  await deps.keys.revokeKey(owner, keyId, deps.now().toISOString());
  await recorded();
  await deps.cache.flush();
}

/** Suspends or resumes the store's keys, then flushes the authorizer cache (the change holds on the next request). */
export async function setStoreState(deps: KeyDeps, storeId: string, state: StoreState, recorded: () => Promise<void> = async () => undefined): Promise<void> {
  if (!(await deps.keys.storeState(storeId))) throw new NotFoundError('store', storeId);
  await deps.keys.setStoreState(storeId, state);
  await recorded();
  await deps.cache.flush();
}


