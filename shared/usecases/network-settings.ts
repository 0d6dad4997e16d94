import { changedSettings, withNetworkDefaults, type NetworkSettings, type NetworkSettingsPatch } from '../domain/network-settings.js';
import { audit, type AuditActor, type AuditLog } from './network.js';

export interface StoredNetworkSettings extends Partial<NetworkSettings> {
  updatedAt: string;
}

/** The network's one settings item. */
export interface NetworkSettingsRepository {
  /** null until HQ first changes a setting. */
  get(): Promise<StoredNetworkSettings | null>;
  /** Sets only these fields (a merge: fields not named stay as stored) and returns the item after. */
  update(changes: NetworkSettingsPatch, at: string): Promise<StoredNetworkSettings>;
}

export interface NetworkSettingsDeps {
  settings: NetworkSettingsRepository;
  audit: AuditLog;
  now: () => Date;
}

export type NetworkSettingsView = NetworkSettings & { updatedAt: string | null };

const view = (stored: StoredNetworkSettings | null): NetworkSettingsView => {
  const { updatedAt = null, ...fields } = stored ?? {};
  return { ...withNetworkDefaults(fields), updatedAt };
};

export async function readNetworkSettings(deps: Pick<NetworkSettingsDeps, 'settings'>): Promise<NetworkSettingsView> {
  return view(await deps.settings.get());
}

/**
 * A JSON merge patch of the settings: only the fields that change are written and audited (names
 * and new values); a patch that changes nothing writes nothing and answers the settings as they are.
 */
export async function updateNetworkSettings(deps: NetworkSettingsDeps, actor: AuditActor, patch: NetworkSettingsPatch): Promise<NetworkSettingsView> {
  const current = await deps.settings.get();
  const changes = changedSettings(view(current), patch);
  const fields = Object.keys(changes);
  if (fields.length === 0) return view(current);
  // One instant for the settings' updatedAt and the audit entry's at.
  const now = deps.now();
  const updated = await deps.settings.update(changes, now.toISOString());
  await audit({ audit: deps.audit, now: () => now }, actor, 'network.settings.update', { fields, settings: changes });
  return view(updated);
}
