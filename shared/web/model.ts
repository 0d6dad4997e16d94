import type { QuoteLineKind } from '../domain/quote.js';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { RepairStatus } from '../domain/status.js';
import type { StoreContact } from '../domain/store-settings.js';
import type { Language, Money } from '../domain/vocabulary.js';
import type { CustomerPhoto } from '../usecases/ports.js';
import type { FormAction } from './csrf.js';

/** A photo the store marked visible to the customer (fed by the CustomerPhotos port). */
export type PagePhoto = CustomerPhoto;

/** Confirmations after an action (the 303 names one), and the stale-page answer. */
export const NOTICES = ['approved', 'declined', 'rated', 'problem', 'stale'] as const;
export type Notice = (typeof NOTICES)[number];

/** A form field the customer must correct, named in their language by the view. */
export interface FieldProblem {
  field: 'rating' | 'comment' | 'problem' | 'code' | 'last4' | 'form';
  kind: 'required' | 'tooLong' | 'choose' | 'expired' | 'invalid';
  max?: number;
}

/**
 * Everything the customer page shows, and nothing else: built from the order by pageModel, which
 * names each field it copies, so personal data (name, phone, IMEI/serial, notes) cannot reach it.
 */
export interface CustomerPageModel {
  token: string;
  language: Language;
  status: RepairStatus;
  version: number;
  trackingCode: string;
  storeName: string;
  contact: StoreContact;
  timezone: string;
  device: { brand: string; model: string };
  promisedBy: string | null;
  /** The quote section: the estimate, and the lines of the quote in force when the store quoted from the price list. */
  quote: { estimate: Money; version: number | null; lines: { kind: QuoteLineKind; description: string; amount: Money }[] } | null;
  warrantyEndsOn: string | null;
  timeline: Array<{ at: string; status: RepairStatus }>;
  photos: PagePhoto[];
  rating: { value: number } | null;
  /** The latest problem the customer reported and when the store will have called back. */
  problem: { callBy: string } | null;
  csrf: Record<FormAction, string>;
  notice: Notice | null;
  error: FieldProblem | null;
}

/** Steps a customer cares about; the workshop's own (diagnosing, quality check) stay off the timeline. */
const TIMELINE_STATUSES: ReadonlySet<RepairStatus> = new Set([
  'awaiting_device', 'received', 'awaiting_approval', 'awaiting_parts', 'in_repair', 'ready_for_pickup', 'shipped', 'completed', 'cancelled',
]);

export function customerTimeline(history: readonly OrderEvent[]): Array<{ at: string; status: RepairStatus }> {
  const steps: Array<{ at: string; status: RepairStatus }> = [];
  for (const event of history) {
    if (!TIMELINE_STATUSES.has(event.to) || steps.at(-1)?.status === event.to) continue;
    steps.push({ at: event.at, status: event.to });
  }
  return steps;
}

export interface PageModelInput {
  token: string;
  language: Language;
  order: RepairOrder;
  history: readonly OrderEvent[];
  store: { timezone: string; contact: StoreContact } | null;
  warrantyEndsOn: string | null;
  photos: PagePhoto[];
  rating: { value: number } | null;
  problem: { callBy: string } | null;
  csrf: Record<FormAction, string>;
  notice?: Notice | null;
  error?: FieldProblem | null;
}

export function pageModel(input: PageModelInput): CustomerPageModel {
  const { order } = input;
  return {
    token: input.token,
    language: input.language,
    status: order.status,
    version: order.version,
    trackingCode: order.trackingCode,
    storeName: order.storeName,
    contact: { ...input.store?.contact },
    timezone: input.store?.timezone ?? 'UTC',
    device: { brand: order.device.brand, model: order.device.model },
    promisedBy: order.status === 'completed' || order.status === 'cancelled' ? null : order.promisedBy,
    quote: order.estimate
      ? { estimate: order.estimate, version: order.quote?.version ?? null, lines: (order.quote?.lines ?? []).map(({ kind, description, amount }) => ({ kind, description, amount })) }
      : null,
    warrantyEndsOn: order.status === 'completed' ? input.warrantyEndsOn : null,
    timeline: customerTimeline(input.history),
    photos: input.photos,
    rating: input.rating,
    problem: input.problem,
    csrf: input.csrf,
    notice: input.notice ?? null,
    error: input.error ?? null,
  };
}
