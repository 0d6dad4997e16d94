import { openOrder, type IntakeContext, type OrderIntake, type RepairOrder } from '../../shared/domain/order.js';
import { withDefaults, type SlaPolicy, type StoreSettings } from '../../shared/domain/store-settings.js';
import type { Channel, IssueCategory } from '../../shared/domain/vocabulary.js';

export const STORE_ID = 'store_01jdtest';

/** A store with the built-in defaults, optionally overriding some SLA fields (as a stored PATCH may). */
export function testStore(sla?: Partial<SlaPolicy>): StoreSettings {
  return withDefaults({
    id: STORE_ID,
    name: 'Koramangala Service Point',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    // withDefaults types `sla` as a full policy, but merges field by field: stored settings may hold a subset.
    ...(sla ? { sla: sla as SlaPolicy } : {}),
  });
}

export function intake(
  channel: Channel,
  options: { category?: IssueCategory; distanceKm?: number; overseas?: boolean } = {},
): OrderIntake {
  return {
    channel,
    customer: { name: 'Asha Rao', phone: '+919812345678', language: 'hi', smsOptIn: true },
    device: { brand: 'OPPO', model: 'A78' },
    issue: { category: options.category ?? 'screen', description: 'Cracked screen' },
    ...(options.distanceKm === undefined ? {} : { distanceKm: options.distanceKm }),
    ...(options.overseas === undefined ? {} : { overseas: options.overseas }),
  };
}

export function context(now: Date, store: StoreSettings = testStore()): IntakeContext {
  return { id: '01JDTESTORDER0000000000000', trackingCode: 'K7Q-4M2X-P9A', store: { id: store.id, name: store.name, sla: store.sla }, now, pageToken: 'pgTOKENpgTOKENpgTOKEN0' };
}

export function open(channel: Channel, now: Date, options: Parameters<typeof intake>[1] = {}, store?: StoreSettings): RepairOrder {
  return openOrder(intake(channel, options), context(now, store)).order;
}
