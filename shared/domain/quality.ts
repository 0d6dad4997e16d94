import type { RepairOrder } from './order.js';
import type { RepairStatus } from './status.js';

/**
 * Model quality for R&D: per brand × model × issue category and network day (UTC: one calendar
 * for the whole network), the repairs completed and the reworks (repairs redone under their
 * repair warranty), with the stores the reworks came back to.
 */
export interface QualityKey {
  brand: string;
  model: string;
  category: string;
}

export interface QualityContribution {
  day: string;
  key: QualityKey;
  repairs: number;
  reworks: number;
  /** The store the rework came back to (a rework only). */
  reworkStoreId: string | null;
}

export interface QualityDay extends QualityKey {
  repairs: number;
  reworks: number;
  reworkStores: string[];
}

export interface QualityRow extends QualityKey {
  repairs: number;
  reworks: number;
  /** Reworks per 100 repairs of the period, one decimal; null without repairs. */
  reworkPercent: number | null;
  stores: string[];
}

const keyOf = (order: RepairOrder): QualityKey => ({ brand: order.device.brand, model: order.device.model, category: order.issue.category });

/** A completed repair counts on the network day it completed. */
export function repairQuality(order: RepairOrder, previousStatus: RepairStatus | null): QualityContribution | null {
  if (previousStatus === null || previousStatus === order.status || order.status !== 'completed') return null;
  return { day: order.updatedAt.slice(0, 10), key: keyOf(order), repairs: 1, reworks: 0, reworkStoreId: null };
}

/** A rework counts against the repair it redoes (its device and category), on the day it was opened, at the store it came back to. */
export function reworkQuality(original: RepairOrder, rework: RepairOrder): QualityContribution | null {
  if (original.status !== 'completed') return null;
  return { day: rework.createdAt.slice(0, 10), key: keyOf(original), repairs: 0, reworks: 1, reworkStoreId: rework.storeId };
}

/** The same device spelled in another case is the same device. */
export const qualityKeyId = (key: QualityKey) => [key.model, key.brand, key.category].map((part) => encodeURIComponent(part.trim().toLowerCase())).join('#');

/** The period's rows, most reworks first (then the highest share), from its days. */
export function summarizeQuality(days: QualityDay[]): QualityRow[] {
  const rows = new Map<string, QualityRow & { storeSet: Set<string> }>();
  for (const day of days) {
    const id = qualityKeyId(day);
    const row = rows.get(id) ?? { brand: day.brand, model: day.model, category: day.category, repairs: 0, reworks: 0, reworkPercent: null, stores: [], storeSet: new Set<string>() };
    row.repairs += day.repairs;
    row.reworks += day.reworks;
    for (const store of day.reworkStores) row.storeSet.add(store);
    rows.set(id, row);
  }
  return [...rows.values()]
    .map(({ storeSet, ...row }) => ({ ...row, reworkPercent: row.repairs === 0 ? null : Math.round((row.reworks / row.repairs) * 1000) / 10, stores: [...storeSet].sort() }))
    .sort((a, b) => b.reworks - a.reworks || (b.reworkPercent ?? -1) - (a.reworkPercent ?? -1) || qualityKeyId(a).localeCompare(qualityKeyId(b)));
}
