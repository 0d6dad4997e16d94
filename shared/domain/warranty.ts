import { addDays, addMonths, localDate, zonedInstant } from './calendar.js';
import type { IssueCategory } from './vocabulary.js';
import type { WarrantyExtension } from './warranty-campaign.js';

export const WARRANTY_KINDS = ['repair', 'manufacturer', 'extended', 'screen_plan'] as const;
export type WarrantyKind = (typeof WARRANTY_KINDS)[number];

/** The brand's standard manufacturer warranty, counted from the purchase date. */
export const DEFAULT_MANUFACTURER_WARRANTY_MONTHS = 12;
/** Customers hear about an ending repair warranty a week before its last day. */
export const REMINDER_DAYS_BEFORE_END = 7;

export interface Warranty {
  id: string;
  deviceId: string;
  kind: WarrantyKind;
  /** First and last day covered (inclusive), in the granting store's calendar. */
  startsAt: string;
  endsAt: string;
  orderId: string | null;
  /** The store that granted or registered it; its time zone decides when days begin and end. */
  storeId: string;
  timezone: string;
  createdAt: string;
  /** Set by the warranty job when the last covered day has passed. */
  expired?: boolean;
  /** Screen plans: the order whose approved quote used the plan's one claim. */
  claimedBy?: string | null;
  /** The device's model when known (repair warranties: the order's), for campaigns by model. */
  model?: string | null;
  /** Network campaigns that moved endsAt, oldest first. */
  extensions?: WarrantyExtension[] | null;
}

export function repairWarrantyDays(settings: { default: number } & Partial<Record<IssueCategory, number>>, category: IssueCategory): number {
  return settings[category] ?? settings.default;
}

/** A warranty of `days` days starting on the completion day: its last covered day. */
export function repairWarrantyEndsOn(completedAt: Date, days: number, timeZone: string): string {
  return addDays(localDate(completedAt, timeZone), days - 1);
}

export function grantRepairWarranty(input: {
  id: string;
  deviceId: string;
  orderId: string;
  storeId: string;
  timezone: string;
  completedAt: Date;
  days: number;
  model?: string;
}): Warranty {
  return {
    id: input.id,
    deviceId: input.deviceId,
    kind: 'repair',
    startsAt: localDate(input.completedAt, input.timezone),
    endsAt: repairWarrantyEndsOn(input.completedAt, input.days, input.timezone),
    orderId: input.orderId,
    storeId: input.storeId,
    timezone: input.timezone,
    createdAt: input.completedAt.toISOString(),
    ...(input.model && { model: input.model }),
  };
}

/**
 * Manufacturer or extended warranty of `months` months: the day before the same date `months`
 * later (2026-03-01 + 12 → 2027-02-28). When that month has no such date, the warranty runs to its
 * last day instead (2026-01-31 + 1 → 2026-02-28, 2028-02-29 + 12 → 2029-02-28), as people read it.
 */
export function registeredWarrantyEndsOn(startsAt: string, months: number): string {
  const sameDateLater = addMonths(startsAt, months);
  const clamped = sameDateLater.slice(8) !== startsAt.slice(8);
  return clamped ? sameDateLater : addDays(sameDateLater, -1);
}

/** Expired once the job has marked it, or once its last covered day is over in its store's calendar. */
export function warrantyState(warranty: Pick<Warranty, 'endsAt' | 'timezone' | 'expired'>, now: Date): 'active' | 'expired' {
  if (warranty.expired) return 'expired';
  return localDate(now, warranty.timezone) <= warranty.endsAt ? 'active' : 'expired';
}

export function coversToday(warranty: Pick<Warranty, 'startsAt' | 'endsAt' | 'timezone'>, now: Date): boolean {
  const today = localDate(now, warranty.timezone);
  return warranty.startsAt <= today && today <= warranty.endsAt;
}

/** 09:00 local, a week before the last covered day (the quiet-hours rule may move it later). */
export function reminderDueAt(warranty: Pick<Warranty, 'endsAt' | 'timezone'>): Date {
  return zonedInstant(addDays(warranty.endsAt, -REMINDER_DAYS_BEFORE_END), 9 * 60, warranty.timezone);
}

/** Midnight local after the last covered day. */
export function expiryAt(warranty: Pick<Warranty, 'endsAt' | 'timezone'>): Date {
  return zonedInstant(addDays(warranty.endsAt, 1), 0, warranty.timezone);
}

/** A device bought within the manufacturer warranty period is still covered by it. */
export function underManufacturerWarranty(purchaseDate: string | null, months: number, now: Date, timeZone: string): boolean {
  if (!purchaseDate) return false;
  return localDate(now, timeZone) <= registeredWarrantyEndsOn(purchaseDate, months);
}
