import { expiryAt } from '../domain/warranty.js';
import { photoPurgeAt } from '../domain/photo.js';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors.js';
import { isTerminal } from '../domain/status.js';
import { moveOrder, openOrder, type Move, type OrderIntake, type RepairOrder } from '../domain/order.js';
import { lastFour } from '../domain/phone.js';
import { newTrackingCode, normalizeTrackingCode } from '../domain/tracking-code.js';
import { newId } from '../domain/ids.js';
import { newPageToken } from '../domain/page-link.js';
import {
  AlreadyCreatedError,
  TrackingCodeTakenError,
  type IdempotencyClaim,
  type ListOrdersQuery,
  type OrderRepository,
  type OrderWithHistory,
  type Page,
  type MoveSideEffects,
  type StoreRepository,
  type WarrantyRepository,
} from './ports.js';
import { planFollowUps } from '../domain/follow-up.js';
import { storeCalendar } from '../domain/opening-hours.js';
import { grantRepairWarranty, repairWarrantyDays } from '../domain/warranty.js';
import type { StoreSettings } from '../domain/store-settings.js';
import { awaitTogether, startRead } from './reads.js';
import { warrantyAtIntake } from './warranty-check.js';

export interface RepairDeps {
  orders: OrderRepository;
  stores: StoreRepository;
  warranties: WarrantyRepository;
  now: () => Date;
}

const TRACKING_CODE_ATTEMPTS = 3;

/**
 * A real repair has a dozen moves; a client stuck in a loop could add thousands, and every read of
 * the order (and the public tracking page) returns the whole history. 500 events of the longest
 * note and reason stay far below Lambda's 6 MB response; completing or cancelling is always allowed.
 */
export const MAX_HISTORY_EVENTS = 500;

async function requireStore(deps: RepairDeps, storeId: string) {
  const store = await deps.stores.get(storeId);
  // The authorizer vouched for this store; a missing record means it was deleted since.
  if (!store) throw new NotFoundError('store', storeId);
  return store;
}

/** With an Idempotency-Key's claim, a key that already created an order answers with that order. */
export async function createRepair(deps: RepairDeps, storeId: string, intake: OrderIntake, claim?: IdempotencyClaim): Promise<OrderWithHistory> {
  const [store, warranties] = await awaitTogether(
    requireStore(deps, storeId),
    intake.device.deviceId ? deps.warranties.listByDevice(intake.device.deviceId) : Promise.resolve([]),
  );
  const now = deps.now();
  const warranty = warrantyAtIntake(warranties, intake.device, store, now);
  for (let attempt = 1; ; attempt++) {
    const { order, event } = openOrder(intake, { id: newId(now.getTime()), trackingCode: newTrackingCode(), store, now, warranty, pageToken: newPageToken() });
    try {
      await deps.orders.create(order, event, claim);
      return { order, history: [event] };
    } catch (error) {
      if (error instanceof AlreadyCreatedError) return getRepair(deps, storeId, error.id);
      // 50 random bits make a clash vanishingly rare; drawing again is cheaper than a read first.
      if (!(error instanceof TrackingCodeTakenError) || attempt >= TRACKING_CODE_ATTEMPTS) throw error;
    }
  }
}

/** Another store's order is reported exactly like a missing one: ids must not leak existence. */
export async function getRepair(deps: RepairDeps, storeId: string, orderId: string): Promise<OrderWithHistory> {
  const found = await deps.orders.get(orderId);
  if (!found || found.order.storeId !== storeId) throw new NotFoundError('repair order', orderId);
  return found;
}

export function listRepairs(deps: RepairDeps, query: ListOrdersQuery): Promise<Page<RepairOrder>> {
  return deps.orders.listByStore(query);
}

export async function moveRepair(
  deps: RepairDeps,
  storeId: string,
  orderId: string,
  move: Move,
  ifMatchVersion: number | null,
  /** Who makes the move (history `by`): the store, or "customer" for a decision on the customer page. */
  by: string = storeId,
): Promise<OrderWithHistory> {
  const storeSettings = startRead(requireStore(deps, storeId));
  const current = await getRepair(deps, storeId, orderId);
  // The precondition comes first: a stale writer learns it is stale before anything else.
  if (ifMatchVersion !== null && ifMatchVersion !== current.order.version) {
    throw new PreconditionFailedError(current.order.version);
  }
  const store = await storeSettings;
  const now = deps.now();
  const { order, event } = moveOrder(current.order, move, { by, now, sla: store.sla, calendar: storeCalendar(store) });
  if (event.version > MAX_HISTORY_EVENTS && !isTerminal(order.status)) {
    throw new ConflictError(
      `This order already has ${MAX_HISTORY_EVENTS} history events, the most an order keeps; it can still be completed or cancelled`,
      current.order.status,
    );
  }
  const effects = order.status === 'completed' ? completionEffects(order, store, now) : await approvalEffects(deps, current.order, order);
  // An order that ends schedules the deletion of its photos (a photo of a screen can show personal data).
  if (isTerminal(order.status)) effects.photoPurge = { orderId: order.id, storeId: order.storeId, purgeAt: photoPurgeAt(now, effects.warranty ? expiryAt(effects.warranty) : null) };
  await deps.orders.saveMove(current.order.version, order, event, effects);
  return { order, history: [...current.history, event] };
}

/**
 * Approving a quote that uses a screen plan takes the plan's one claim in the same transaction: two
 * repairs approved at once cannot both use it (the second's move fails as a lost race, 412).
 */
async function approvalEffects(deps: RepairDeps, before: RepairOrder, after: RepairOrder): Promise<MoveSideEffects> {
  const approved = after.approvedQuoteVersion !== before.approvedQuoteVersion ? after.quote : null;
  const planId = approved?.lines.find((line) => line.claims)?.claims;
  if (!planId || !after.device.deviceId) return {};
  const plan = (await deps.warranties.listByDevice(after.device.deviceId)).find((w) => w.id === planId);
  return plan ? { claimPlan: { plan, orderId: after.id } } : {};
}

/** A completed repair plans its follow-up calls and grants its repair warranty, in the same write. */
function completionEffects(order: RepairOrder, store: StoreSettings, completedAt: Date): MoveSideEffects {
  const deviceId = order.device.deviceId;
  return {
    followUps: planFollowUps(order, completedAt, store.followUpDays),
    ...(deviceId && {
      warranty: grantRepairWarranty({
        id: `wr_${order.id}`,
        deviceId,
        orderId: order.id,
        storeId: order.storeId,
        timezone: store.timezone,
        completedAt,
        days: repairWarrantyDays(store.repairWarrantyDays, order.issue.category),
        model: order.device.model,
      }),
    }),
  };
}

/** Public lookup: the code alone is not enough, the caller must also know the phone's last four digits. */
export async function trackRepair(deps: RepairDeps, code: string, phoneLast4: string): Promise<OrderWithHistory> {
  const normalized = normalizeTrackingCode(code);
  const found = normalized ? await deps.orders.findByTrackingCode(normalized) : null;
  if (!found || lastFour(found.order.customer.phone) !== phoneLast4) throw new NotFoundError('tracking code', code);
  return found;
}
