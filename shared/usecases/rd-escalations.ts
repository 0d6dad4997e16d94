import { raiseEscalation, resolveWithFinding, type Escalation } from '../domain/escalation.js';
import { NotFoundError } from '../domain/errors.js';
import type { FollowUpTask } from '../domain/follow-up.js';
import { withNetworkDefaults } from '../domain/network-settings.js';
import { closeWithCallback, type FollowUpDeps } from './follow-ups.js';
import type { NetworkSettingsRepository } from './network-settings.js';
import { audit, type AuditActor, type AuditLog } from './network.js';
import type { Page, StoreRepository } from './ports.js';

/** The R&D tier: a store raises an escalation it cannot solve; R&D answers with a finding. */
export interface RdDeps extends FollowUpDeps {
  stores: Pick<StoreRepository, 'get'>;
  audit: AuditLog;
  /** The network's settings (its R&D SLA); a short per-container cache in the functions. */
  settings: Pick<NetworkSettingsRepository, 'get'>;
}

/**
 * Only the store's own open escalation can be raised. What R&D needs (device, category, the store's
 * name) is copied onto it now, so the network queue needs no read per order; the customer is not.
 * It is due back after the network's R&D SLA as set now: one raised earlier keeps its dueBy.
 */
export async function raiseToRd(deps: RdDeps, storeId: string, id: string, summary: string): Promise<Escalation> {
  const current = await deps.escalations.get(id);
  if (!current || current.storeId !== storeId) throw new NotFoundError('escalation', id);
  const [found, store, settings] = await Promise.all([deps.orders.get(current.orderId), deps.stores.get(storeId), deps.settings.get()]);
  if (!found) throw new NotFoundError('repair order', current.orderId);
  const { brand, model, deviceId } = found.order.device;
  const next = raiseEscalation(current, { summary, device: { brand, model, deviceId }, category: found.order.issue.category, storeName: store?.name ?? storeId }, deps.now(), withNetworkDefaults(settings).rdSlaHours);
  await deps.escalations.raise(next);
  return next;
}

export function listRdQueue(deps: Pick<RdDeps, 'escalations'>, query: { limit: number; cursor?: string | undefined }): Promise<Page<Escalation>> {
  return deps.escalations.listRaised(query);
}

/** R&D's finding closes the store's escalation exactly as the store would (the same callback), audited as a network action. */
export async function resolveRaised(deps: RdDeps, actor: AuditActor, id: string, finding: string): Promise<{ escalation: Escalation; callback: FollowUpTask }> {
  const current = await deps.escalations.get(id);
  if (!current) throw new NotFoundError('escalation', id);
  const result = await closeWithCallback(deps, current, (now) => resolveWithFinding(current, finding, now));
  await audit(deps, actor, 'escalation.resolve', { storeId: current.storeId, escalationId: id });
  return result;
}
