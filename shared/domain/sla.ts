import type { SlaPolicy } from './store-settings.js';
import type { Channel, IssueCategory } from './vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUICK_WALK_IN_CATEGORIES: readonly IssueCategory[] = ['screen', 'battery'];

export interface SlaInput {
  channel: Channel;
  category: IssueCategory;
  distanceKm?: number | null | undefined;
  overseas?: boolean | undefined;
}

/**
 * How long the store promises to take, from the moment the clock starts
 * (order creation, or receipt of the device for mail-in).
 */
export function promiseDurationMs(input: SlaInput, policy: SlaPolicy): number {
  if (input.overseas) return policy.overseasHours * HOUR;
  switch (input.channel) {
    case 'walk_in':
      return QUICK_WALK_IN_CATEGORIES.includes(input.category)
        ? policy.walkInMinutes * MINUTE
        : policy.walkInOtherMinutes * MINUTE;
    case 'on_site':
      return (input.distanceKm ?? Number.POSITIVE_INFINITY) <= policy.onSiteNearKm
        ? policy.onSiteNearHours * HOUR
        : policy.onSiteFarHours * HOUR;
    case 'mail_in':
      return policy.mailInHours * HOUR;
  }
}

/** A mail-in promise starts when the device arrives; until then there is nothing to promise. */
export function slaClockStartsAtCreation(channel: Channel): boolean {
  return channel !== 'mail_in';
}

export function promisedBy(input: SlaInput, policy: SlaPolicy, clockStart: Date): string {
  return new Date(clockStart.getTime() + promiseDurationMs(input, policy)).toISOString();
}
