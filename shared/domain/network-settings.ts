import { DEFAULT_RD_SLA_HOURS } from './escalation.js';

/** Settings of the whole network, set by HQ (one stored item; each field has a default until set). */
export interface NetworkSettings {
  /** R&D should answer a raised escalation within this many hours (1–720). */
  rdSlaHours: number;
}

export type NetworkSettingsPatch = Partial<NetworkSettings>;

export const NETWORK_SETTINGS_DEFAULTS: NetworkSettings = { rdSlaHours: DEFAULT_RD_SLA_HOURS };

/** The stored fields over the defaults (a field never set reads as its default). */
export function withNetworkDefaults(stored: Partial<NetworkSettings> | null): NetworkSettings {
  return { ...NETWORK_SETTINGS_DEFAULTS, ...stored };
}

/** The fields of a merge patch that change something (in a stable order, for the audit entry). */
export function changedSettings(current: NetworkSettings, patch: NetworkSettingsPatch): NetworkSettingsPatch {
  const fields = (Object.keys(NETWORK_SETTINGS_DEFAULTS) as (keyof NetworkSettings)[]).filter((field) => patch[field] !== undefined && patch[field] !== current[field]);
  return Object.fromEntries(fields.map((field) => [field, patch[field]]));
}
