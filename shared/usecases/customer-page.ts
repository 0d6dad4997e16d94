import { openEscalation, type Escalation } from '../domain/escalation.js';
import { InvalidTransitionError, NotFoundError, PreconditionFailedError } from '../domain/errors.js';
import { planCallback } from '../domain/follow-up.js';
import { PAGE_TOKEN_PATTERN, pageLinkUsable } from '../domain/page-link.js';
import type { StoreSettings } from '../domain/store-settings.js';
import { DEFAULT_PROBLEM_CALLBACK_HOURS } from '../domain/store-settings.js';
import type { CustomerFeedbackRepository, CustomerPhoto, CustomerPhotos, PageLinkTarget, StoreRepository } from './ports.js';
import { moveRepair, type RepairDeps } from './repairs.js';

export interface CustomerPageDeps extends RepairDeps {
  feedback: CustomerFeedbackRepository;
  photos: CustomerPhotos;
  /** What the page shows of the store (zone, contact), read through a short cache. */
  pageStores: Pick<StoreRepository, 'get'>;
}

/** The history's `by` for what the customer does on the page. */
export const CUSTOMER_ACTOR = 'customer';
export const CUSTOMER_DECLINED_REASON = 'customer declined the estimate';
/** At most this many problem reports per order (each opens an escalation and a call). */
export const MAX_PROBLEM_REPORTS = 20;
/** Escalation positions of the page's own escalations, apart from the call ones (1–5) and their callbacks (100+). */
const RATING_ESCALATION_SEQ = 200;
const PROBLEM_SEQ_OFFSET = 500;
const HOUR_MS = 3_600_000;

/** An unknown, erased or expired link: one error, one 404 page. */
function notFound(): NotFoundError {
  return new NotFoundError('page', 'this link');
}

/** The order behind a page link, if the link still works (GetItem + one Query). */
export async function openPageLink(deps: CustomerPageDeps, token: string): Promise<PageLinkTarget> {
  if (!PAGE_TOKEN_PATTERN.test(token)) throw notFound();
  const target = await deps.orders.findByPageToken(token);
  if (!target || !pageLinkUsable(target.order, target.history, deps.now())) throw notFound();
  return target;
}

export interface CustomerPageData {
  target: PageLinkTarget;
  store: StoreSettings | null;
  warrantyEndsOn: string | null;
  photos: CustomerPhoto[];
}

/** What the page shows beside the order: the store's zone and contact, the granted warranty end, the photos. */
export async function customerPageData(deps: CustomerPageDeps, target: PageLinkTarget): Promise<CustomerPageData> {
  const { order } = target;
  const deviceId = order.status === 'completed' ? order.device.deviceId : null;
  const [store, warranties, photos] = await Promise.all([
    deps.pageStores.get(order.storeId),
    deviceId ? deps.warranties.listByDevice(deviceId) : Promise.resolve([]),
    deps.photos.visibleFor(order.id),
  ]);
  const granted = warranties.find((w) => w.kind === 'repair' && w.orderId === order.id);
  return { target, store, warrantyEndsOn: granted?.endsAt ?? null, photos };
}

export type ActionOutcome = 'done' | 'stale';

/**
 * Approve → in_repair, decline → cancelled: the store's own move use case (version check, one
 * transaction, the same SMS rules), by "customer". A page showing another version, or an order no
 * longer awaiting approval (a double tap, a stale tab), changes nothing.
 */
export async function decideOnEstimate(deps: CustomerPageDeps, target: PageLinkTarget, decision: 'approve' | 'decline', version: number | null): Promise<ActionOutcome> {
  const { order } = target;
  if (version === null || order.version !== version || order.status !== 'awaiting_approval') return 'stale';
  const move = decision === 'approve' ? { to: 'in_repair' as const } : { to: 'cancelled' as const, reason: CUSTOMER_DECLINED_REASON };
  try {
    await moveRepair(deps, order.storeId, order.id, move, version, CUSTOMER_ACTOR);
    return 'done';
  } catch (error) {
    if (error instanceof PreconditionFailedError || error instanceof InvalidTransitionError) return 'stale';
    throw error;
  }
}

/**
 * One rating per completed repair, counted in the store's CSAT (the aggregator reads it off the
 * stream). A rating of 2 or less opens an escalation, as an unhappy follow-up call does; resolving
 * it plans the call back as for any escalation.
 */
export async function rateRepair(deps: CustomerPageDeps, target: PageLinkTarget, rating: number, comment: string | null): Promise<ActionOutcome> {
  const { order } = target;
  if (order.status !== 'completed' || target.feedback.rating) return 'stale';
  const at = deps.now();
  const escalation: Escalation | null =
    rating <= 2
      ? openEscalation({ orderId: order.id, storeId: order.storeId, followUpId: 'customer-page', seq: RATING_ESCALATION_SEQ, reason: `rating ${rating}/5 on the customer page`, notes: comment ?? undefined, at })
      : null;
  const saved = await deps.feedback.saveRating({ orderId: order.id, storeId: order.storeId, rating, comment, at: at.toISOString() }, escalation);
  return saved ? 'done' : 'stale';
}

/**
 * A problem reported any time after intake: an escalation and a call-back task already due (in the
 * store's call queue at once), to be made within the store's problemCallbackHours; the page says by when.
 */
export async function reportProblem(deps: CustomerPageDeps, target: PageLinkTarget, description: string): Promise<ActionOutcome> {
  const { order } = target;
  const seq = target.feedback.problems.length + 1;
  if (seq > MAX_PROBLEM_REPORTS) return 'stale';
  const store = await deps.pageStores.get(order.storeId);
  const at = deps.now();
  const callBy = new Date(at.getTime() + (store?.problemCallbackHours ?? DEFAULT_PROBLEM_CALLBACK_HOURS) * HOUR_MS);
  const position = PROBLEM_SEQ_OFFSET + seq;
  const planned = planCallback(order, position, at);
  const callback = { ...planned, state: 'due' as const, dueAt: callBy.toISOString() };
  const escalation = openEscalation({ orderId: order.id, storeId: order.storeId, followUpId: callback.id, seq: position, reason: 'problem reported on the customer page', notes: description, at });
  const saved = await deps.feedback.saveProblem(
    { orderId: order.id, storeId: order.storeId, seq, description, at: at.toISOString(), callBy: callBy.toISOString() },
    escalation,
    callback,
  );
  return saved ? 'done' : 'stale';
}
