import type { OpeningHours } from './opening-hours.js';
import type { RepairStatus } from './status.js';
import type { IssueCategory, Language } from './vocabulary.js';

/** How hour targets (on-site, mail-in, overseas) are counted; walk-in minute targets always count opening time. */
export const HOUR_TARGET_CLOCKS = ['calendar', 'opening_hours'] as const;
export type HourTargetClock = (typeof HOUR_TARGET_CLOCKS)[number];

export interface SlaPolicy {
  /** Walk-in promise for the quick repairs (screen, battery): the "50-minute screen" promise plus slack. */
  walkInMinutes: number;
  /** Walk-in promise for every other category, which usually needs diagnosis or parts. */
  walkInOtherMinutes: number;
  onSiteNearHours: number;
  onSiteFarHours: number;
  /** Counted from the moment a mailed device is received, not from order creation. */
  mailInHours: number;
  overseasHours: number;
  /** On-site visits within this distance of the service point get the near promise. */
  onSiteNearKm: number;
  /** Overseas orders: the first answer (the first move after intake) is due within this many hours. */
  overseasResponseHours: number;
  /** Statuses in which the order waits on the customer or on parts: that time does not count against the store. */
  pauseStatuses: RepairStatus[];
  /** `calendar`: hour targets are plain elapsed hours; `opening_hours`: counted in opening time like walk-ins. */
  hourTargets: HourTargetClock;
}

export interface SmsSettings {
  /** The name customers read in SMS instead of the store's (often long) registered name. */
  displayName?: string;
  senderId?: string;
  dltEntityId?: string;
  dltTemplateIds?: Record<string, string>;
}

/**
 * A store's WhatsApp sender (AWS End User Messaging Social). Template names default to the ones
 * this project registers (repair_<key>); a store whose WABA registered others names them here.
 */
export interface WhatsAppSettings {
  /** End User Messaging Social's id of the store's WhatsApp number: phone-number-id-… */
  phoneNumberId: string;
  templates?: Partial<Record<string, string>>;
  /** Languages the store's templates are approved in; customers in others get SMS. All 11 when absent. */
  languages?: Language[];
}

/** How customers reach the store, shown on the customer page. */
export interface StoreContact {
  phone?: string;
  address?: string;
  /** A maps link to the store (opened by the customer, never loaded by the page). */
  mapsUrl?: string;
}

export interface StoreSettings {
  id: string;
  name: string;
  country: string;
  timezone: string;
  languages: Language[];
  sla: SlaPolicy;
  followUpDays: number[];
  repairWarrantyDays: { default: number } & Partial<Record<IssueCategory, number>>;
  /** Manufacturer warranty counted from the purchase date, when the store has no registered one. */
  manufacturerWarrantyMonths: number;
  sms: SmsSettings;
  /** Weekly opening hours in local time; null = open around the clock. */
  hours: OpeningHours | null;
  /** YYYY-MM-DD days the store is closed. */
  holidays: string[];
  /** Service past each day's closing time (minutes). */
  extendedMinutes: number;
  /** Absent: the store sends SMS only. */
  whatsapp?: WhatsAppSettings | null;
  contact: StoreContact;
  /** A problem reported on the customer page is called back within this many hours. */
  problemCallbackHours: number;
}

/** Built-in defaults (documented in the README); a store's own settings override them field by field. */
export const DEFAULT_SLA: SlaPolicy = {
  walkInMinutes: 60,
  walkInOtherMinutes: 240,
  onSiteNearHours: 24,
  onSiteFarHours: 72,
  mailInHours: 72,
  overseasHours: 72,
  onSiteNearKm: 300,
  overseasResponseHours: 10,
  pauseStatuses: ['awaiting_approval', 'awaiting_parts'],
  hourTargets: 'calendar',
};

export const DEFAULT_FOLLOW_UP_DAYS = [3, 90];
export const DEFAULT_REPAIR_WARRANTY_DAYS = 90;
export const DEFAULT_PROBLEM_CALLBACK_HOURS = 24;

export type StoreSettingsInput = Pick<StoreSettings, 'id' | 'name' | 'country' | 'timezone'> &
  Partial<Omit<StoreSettings, 'sla' | 'repairWarrantyDays'>> & {
    sla?: Partial<SlaPolicy>;
    repairWarrantyDays?: Partial<StoreSettings['repairWarrantyDays']>;
  };

export function withDefaults(store: StoreSettingsInput): StoreSettings {
  // Keys present but undefined must not erase a default.
  const defined = Object.fromEntries(Object.entries(store).filter(([, value]) => value !== undefined)) as typeof store;
  return {
    languages: ['en'],
    followUpDays: DEFAULT_FOLLOW_UP_DAYS,
    manufacturerWarrantyMonths: 12,
    sms: {},
    hours: null,
    holidays: [],
    extendedMinutes: 0,
    contact: {},
    problemCallbackHours: DEFAULT_PROBLEM_CALLBACK_HOURS,
    ...defined,
    sla: { ...DEFAULT_SLA, ...store.sla },
    repairWarrantyDays: { default: DEFAULT_REPAIR_WARRANTY_DAYS, ...store.repairWarrantyDays },
  };
}
