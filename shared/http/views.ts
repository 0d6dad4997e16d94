import type { WarrantyCampaign } from '../domain/warranty-campaign.js';
import type { Escalation } from '../domain/escalation.js';
import type { FollowUpTask } from '../domain/follow-up.js';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { Warranty } from '../domain/warranty.js';
import { maskPhone, maskPhonesInText } from '../domain/phone.js';
import { pauseReason, slaState } from '../domain/sla-clock.js';
import { isTerminal } from '../domain/status.js';
import type { ListedPhoto } from '../usecases/photos.js';

/**
 * The order as partner stores see it: phone masked, phone numbers typed into notes masked the
 * same way, internal fields (storeName) left out. Fields are named one by one so that a field
 * added to the stored order never reaches a response without being added to RepairOrderView.
 */
export function orderView(order: RepairOrder, history?: OrderEvent[]) {
  return {
    id: order.id,
    trackingCode: order.trackingCode,
    storeId: order.storeId,
    status: order.status,
    version: order.version,
    channel: order.channel,
    customer: { name: order.customer.name, phone: maskPhone(order.customer.phone), language: order.customer.language, smsOptIn: order.customer.smsOptIn, whatsappOptIn: order.customer.whatsappOptIn === true },
    device: { brand: order.device.brand, model: order.device.model, deviceId: order.device.deviceId, purchaseDate: order.device.purchaseDate },
    issue: { category: order.issue.category, description: order.issue.description },
    estimate: order.estimate,
    dataBackupRequested: order.dataBackupRequested,
    distanceKm: order.distanceKm,
    overseas: order.overseas,
    underWarranty: order.underWarranty,
    reworkOf: order.reworkOf,
    promisedBy: order.promisedBy,
    slaStartedAt: order.slaStartedAt,
    sla: slaView(order),
    slaMet: order.slaMet,
    personalDataErasedAt: order.personalDataErasedAt,
    quote: order.quote && { ...order.quote, lines: order.quote.lines.map(({ kind, description, amount, rule }) => ({ kind, description, amount, ...(rule && { rule }) })) },
    approvedQuoteVersion: order.approvedQuoteVersion,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    ...(history && {
      history: history.map(({ at, from, to, by, note, reason }) => ({ at, from, to, by, note: maskPhonesInText(note), reason: maskPhonesInText(reason) })),
    }),
  };
}

/**
 * The order's SLA clock. `sla` was the watch's flag (string | null) before opening hours; it is
 * now this object (API.md, Additions), and the flag reads as `sla.state` (`at_risk`, `breached`).
 */
export function slaView(order: RepairOrder) {
  return {
    state: slaState(order),
    promisedBy: order.promisedBy,
    ...(order.respondBy && { respondBy: order.respondBy }),
    pausedMinutes: Math.round(order.pausedMs / 60_000),
    ...(order.pausedAt && !isTerminal(order.status) && { pausedSince: order.pausedAt }),
  };
}

/** What anyone holding the tracking code and the phone's last 4 digits may see: no personal data, no notes. */
export function trackingView(order: RepairOrder, history: OrderEvent[]) {
  return {
    trackingCode: order.trackingCode,
    status: order.status,
    storeName: order.storeName,
    device: { brand: order.device.brand, model: order.device.model },
    promisedBy: order.promisedBy,
    waitingFor: order.pausedAt && !isTerminal(order.status) ? pauseReason(order.status) : null,
    timeline: history.map((event) => ({ at: event.at, status: event.to })),
  };
}

/** The call queue: the one view with the full phone number, because the call center dials it. */
export function followUpView(task: FollowUpTask) {
  const { id, orderId, trackingCode, kind, attempt, dueAt, state, customer, device, outcome } = task;
  return { id, orderId, trackingCode, kind, attempt, dueAt, state, customer, device, outcome };
}

/** Notes and resolutions are free text (often a summary of the call): numbers in them are masked. */
export function escalationView(escalation: Escalation) {
  const { id, orderId, state, openedAt, reason, notes, resolution, resolvedAt, raised } = escalation;
  return {
    id,
    orderId,
    state,
    openedAt,
    reason,
    notes: maskPhonesInText(notes),
    resolution: maskPhonesInText(resolution),
    resolvedAt,
    rd: raised && { summary: maskPhonesInText(raised.summary), raisedAt: raised.raisedAt, dueBy: raised.dueBy, finding: maskPhonesInText(raised.finding) },
  };
}

/**
 * A raised escalation as R&D sees it: the device, the problem and the store, the summary and notes
 * with any phone number masked; never the customer's name or number (the escalation has neither).
 */
export function rdEscalationView(escalation: Escalation) {
  const { id, orderId, storeId, state, openedAt, reason, notes, resolvedAt, raised } = escalation;
  return {
    id,
    orderId,
    state,
    openedAt,
    reason: maskPhonesInText(reason),
    notes: maskPhonesInText(notes),
    store: { id: storeId, name: raised?.storeName ?? storeId },
    device: raised?.device ?? null,
    category: raised?.category ?? null,
    summary: maskPhonesInText(raised?.summary ?? null),
    raisedAt: raised?.raisedAt ?? null,
    dueBy: raised?.dueBy ?? null,
    finding: maskPhonesInText(raised?.finding ?? null),
    resolvedAt,
  };
}

/** Network-wide warranty facts about a device: never who owns it. */
export function warrantyView(warranty: Warranty & { state: 'active' | 'expired' }) {
  const { id, deviceId, kind, startsAt, endsAt, state, orderId, extensions } = warranty;
  return { id, deviceId, kind, startsAt, endsAt, state, orderId, extensions: extensions ?? [] };
}

/** A campaign as HQ sees it; the job's cursor stays inside. */
export function campaignView(campaign: WarrantyCampaign) {
  const { cursor: _cursor, ...view } = campaign;
  return view;
}

/** A photo as its store sees it; the object key and slot stay inside. */
export function photoView(photo: ListedPhoto) {
  const { id, stage, caption, contentType, sizeBytes, state, rejectedReason, customerVisible, createdAt, url } = photo;
  return { id, stage, caption, contentType, sizeBytes, state, rejectedReason, customerVisible, createdAt, ...(url !== null && { url }) };
}
