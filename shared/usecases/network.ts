import { NotFoundError } from '../domain/errors.js';
import type { NetworkScope, StoreState } from '../domain/access.js';
import type { NetworkSettingsPatch } from '../domain/network-settings.js';
import type { StoreSettings, StoreSettingsInput } from '../domain/store-settings.js';
import { issueKey, revokeKey, setStoreState, type KeyDeps, type KeyInfo, type KeyOwner } from './access-keys.js';
import type { Page, StoreRepository } from './ports.js';
import { createStore, type StoreKeyRepository } from './stores.js';

/** Who did it: the key that called, by id and label (never the key). */
export interface AuditActor {
  keyId: string;
  label: string;
}

export type AuditAction =
  | 'store.create'
  | 'store.suspend'
  | 'store.resume'
  | 'key.issue'
  | 'key.revoke'
  | 'network-key.create'
  | 'prices.replace'
  | 'programme.create'
  | 'escalation.resolve'
  | 'warranty-extension.start'
  | 'warranty-extension.cancel'
  | 'network.settings.update';

export interface AuditEntry {
  at: string;
  actor: AuditActor;
  action: AuditAction;
  /** A settings change: the fields it changed, by name, and their new values. */
  target: { storeId?: string; keyId?: string; programmeId?: string; items?: number; escalationId?: string; campaignId?: string; fields?: string[]; settings?: NetworkSettingsPatch };
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first, `from` ≤ at ≤ `to`. */
  list(query: { from?: string | undefined; to?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<AuditEntry>>;
}

export interface NetworkStoreDirectory {
  /** The network's stores, newest first. */
  list(query: { limit: number; cursor?: string | undefined }): Promise<Page<StoreSettings>>;
}

export interface NetworkDeps extends KeyDeps {
  stores: StoreRepository & Pick<StoreKeyRepository, 'create'>;
  directory: NetworkStoreDirectory;
  audit: AuditLog;
}

export type NetworkStoreView = StoreSettings & { state: StoreState };

export async function audit(deps: Pick<NetworkDeps, 'audit' | 'now'>, actor: AuditActor, action: AuditAction, target: AuditEntry['target']) {
  await deps.audit.record({ at: deps.now().toISOString(), actor, action, target });
}

export async function onboardStore(deps: NetworkDeps, actor: AuditActor, input: Omit<StoreSettingsInput, 'id'>) {
  const { store, apiKey, keyId } = await createStore(deps.stores, input, deps.usageKeys, deps.now());
  await audit(deps, actor, 'store.create', { storeId: store.id });
  await audit(deps, actor, 'key.issue', { storeId: store.id, keyId });
  return { store: { ...store, state: 'active' as const }, keyId, apiKey };
}

export async function networkStore(deps: Pick<NetworkDeps, 'stores' | 'keys'>, storeId: string): Promise<NetworkStoreView> {
  const [store, state] = await Promise.all([deps.stores.get(storeId), deps.keys.accessState(storeId)]);
  if (!store) throw new NotFoundError('store', storeId);
  return { ...store, state };
}

export async function listNetworkStores(deps: Pick<NetworkDeps, 'directory' | 'keys'>, query: { limit: number; cursor?: string | undefined }): Promise<Page<NetworkStoreView>> {
  const page = await deps.directory.list(query);
  const states = await Promise.all(page.items.map((store) => deps.keys.accessState(store.id)));
  return { items: page.items.map((store, i) => ({ ...store, state: states[i]! })), nextCursor: page.nextCursor };
}

export async function listKeys(deps: Pick<NetworkDeps, 'keys'>, owner: KeyOwner & { kind: 'store' }): Promise<KeyInfo[]> {
  if (!(await deps.keys.storeState(owner.storeId))) throw new NotFoundError('store', owner.storeId);
  return deps.keys.listKeys(owner);
}

export async function issueStoreKey(deps: NetworkDeps, actor: AuditActor, storeId: string, label: string | undefined) {
  const issued = await issueKey(deps, { kind: 'store', storeId }, label ?? 'key');
  await audit(deps, actor, 'key.issue', { storeId, keyId: issued.keyId });
  return { keyId: issued.keyId, apiKey: issued.apiKey };
}

export async function revokeStoreKey(deps: NetworkDeps, actor: AuditActor, storeId: string, keyId: string): Promise<void> {
  await revokeKey(deps, { kind: 'store', storeId }, keyId, () => audit(deps, actor, 'key.revoke', { storeId, keyId }));
}

export async function changeStoreState(deps: NetworkDeps, actor: AuditActor, storeId: string, state: StoreState): Promise<NetworkStoreView> {
  await setStoreState(deps, storeId, state, () => audit(deps, actor, state === 'suspended' ? 'store.suspend' : 'store.resume', { storeId }));
  return networkStore(deps, storeId);
}

/** A network key (bootstrap: npm run network -- create-key, or POST /_local/network-keys), audited like any key change. */
export async function createNetworkKey(
  deps: KeyDeps & Pick<NetworkDeps, 'audit'>,
  actor: AuditActor,
  label: string,
  scopes: NetworkScope[],
): Promise<{ keyId: string; apiKey: string }> {
  const { keyId, apiKey } = await issueKey(deps, { kind: 'network', scopes: [...new Set(scopes)] }, label);
  await audit(deps, actor, 'network-key.create', { keyId });
  return { keyId, apiKey };
}
