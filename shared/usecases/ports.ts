import type { QualityContribution, QualityDay } from '../domain/quality.js';
import type { NewKey } from './access-keys.js';
import type { Escalation, EscalationState } from '../domain/escalation.js';
import type { FollowUpState, FollowUpTask } from '../domain/follow-up.js';
import type { DayAggregate, DayContribution } from '../domain/metrics.js';
import type { OrderEvent, RepairOrder } from '../domain/order.js';
import type { SlaFlag } from '../domain/sla-watch.js';
import type { RepairStatus } from '../domain/status.js';
import type { StoreSettings } from '../domain/store-settings.js';
import type { Warranty } from '../domain/warranty.js';
import type { PriceItem, Programme } from '../domain/quote.js';

/** What the use cases need from storage; the DynamoDB adapters in shared/store implement it. */
export interface OrderWithHistory {
  order: RepairOrder;
  history: OrderEvent[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListOrdersQuery {
  storeId: string;
  status?: RepairStatus | undefined;
  sla?: SlaFlag | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface OrderRepository {
  /**
   * Writes order, tracking code and first event atomically; throws TrackingCodeTakenError if the code exists.
   * With a claim, the claim goes in the same write; a key that already created throws AlreadyCreatedError.
   */
  create(order: RepairOrder, event: OrderEvent, claim?: IdempotencyClaim): Promise<void>;
  get(orderId: string): Promise<OrderWithHistory | null>;
  /** Writes the moved order, its event and side effects atomically, only if the stored version is still `expectedVersion`. */
  saveMove(expectedVersion: number, order: RepairOrder, event: OrderEvent, effects?: MoveSideEffects): Promise<void>;
  listByStore(query: ListOrdersQuery): Promise<Page<RepairOrder>>;
  findByTrackingCode(code: string): Promise<OrderWithHistory | null>;
  /** The customer page's lookup; null for an unknown (or erased) token. */
  findByPageToken(token: string): Promise<PageLinkTarget | null>;
}

export interface PageLinkTarget extends OrderWithHistory {
  /** The secret the page's CSRF tokens are derived from; never sent to anyone. */
  formKey: string;
  /** What the customer already said on the page, read in the same Query as the order. */
  feedback: CustomerFeedback;
}

/** A rating left on the customer page (once per order). */
export interface PageRating {
  orderId: string;
  storeId: string;
  rating: number;
  comment: string | null;
  at: string;
}

/** A problem reported on the customer page, with the deadline of the store's call back. */
export interface ProblemReport {
  orderId: string;
  storeId: string;
  /** 1 for the order's first report, and so on: part of the keys, so a report is written once. */
  seq: number;
  description: string;
  at: string;
  callBy: string;
}

export interface CustomerFeedback {
  rating: PageRating | null;
  problems: ProblemReport[];
}

/** A photo the store marked visible to the customer. */
export interface CustomerPhoto {
  url: string;
  caption: string | null;
  stage: 'intake' | 'repair' | 'after';
}

/** The customer page's photos; the S3 adapter (photos issue) replaces the empty default. */
export interface CustomerPhotos {
  visibleFor(orderId: string): Promise<CustomerPhoto[]>;
}

/** What the customer page writes beside the order. */
export interface CustomerFeedbackRepository {
  /** The rating (once: false when the order already has one) and, for a low one, its escalation, in one write. */
  saveRating(rating: PageRating, escalation: Escalation | null): Promise<boolean>;
  /** The report, its escalation and the call-back task, in one write (false when that report number exists). */
  saveProblem(report: ProblemReport, escalation: Escalation, callback: FollowUpTask): Promise<boolean>;
}

/** What a move brings with it, written in the move's own transaction. */
export interface MoveSideEffects {
  followUps?: FollowUpTask[];
  warranty?: Warranty;
  /** An ended order's photos are deleted at this time (the photos job's due queue). */
  photoPurge?: { orderId: string; storeId: string; purgeAt: Date };
  /** A screen plan the approved quote uses: its one claim goes to this order, or the move fails (412). */
  claimPlan?: { plan: Warranty; orderId: string };
}

/** The network's price list and programmes (network-wide items, read by every store's quotes). */
export interface PriceList {
  items: PriceItem[];
  /** Per country, percent; the domain's defaults where absent. */
  taxPercent: Record<string, number>;
  updatedAt: string;
}

export interface PriceRepository {
  list(): Promise<PriceList | null>;
  replace(list: PriceList): Promise<void>;
  programmes(): Promise<Programme[]>;
  addProgramme(programme: Programme): Promise<void>;
}

export interface ListQuery<S> {
  storeId: string;
  state: S;
  limit: number;
  cursor?: string | undefined;
}

export interface FollowUpRepository {
  get(id: string): Promise<FollowUpTask | null>;
  /** The store's queue in one state, oldest due first. */
  list(query: ListQuery<FollowUpState>): Promise<Page<FollowUpTask>>;
  /** Saves an outcome (and the escalation it opens) only if the task is still as it was read. */
  saveOutcome(previous: FollowUpTask, next: FollowUpTask, escalation: Escalation | null): Promise<void>;
}

export interface EscalationRepository {
  get(id: string): Promise<Escalation | null>;
  list(query: ListQuery<EscalationState>): Promise<Page<Escalation>>;
  /** Resolves it and plans the callback, atomically, only if it is still in state `from` (open, or raised for R&D). */
  resolve(next: Escalation, callback: FollowUpTask, from: EscalationState): Promise<void>;
  /** Saves it raised to R&D, only if it is still open. */
  raise(next: Escalation): Promise<void>;
  /** The network's R&D queue: raised escalations of every store, oldest raised first. */
  listRaised(query: { limit: number; cursor?: string | undefined }): Promise<Page<Escalation>>;
}

export interface WarrantyRepository {
  listByDevice(deviceId: string): Promise<Warranty[]>;
  /** With a claim, as OrderRepository.create: the claim in the same write, never twice. */
  register(warranty: Warranty, claim?: IdempotencyClaim): Promise<void>;
}

export interface StoreRepository {
  get(storeId: string): Promise<StoreSettings | null>;
  create(store: StoreSettings, firstKey: NewKey): Promise<void>;
  /** Replaces the stored settings (the caller merged the patch into what it read). */
  save(store: StoreSettings): Promise<void>;
}

export class TrackingCodeTakenError extends Error {
  constructor() {
    super('tracking code already in use');
  }
}

/**
 * A creating request's Idempotency-Key, claimed in the same write as what it creates, so a key can
 * never create twice, even when the record of its first response was lost or erased.
 */
export interface IdempotencyClaim {
  /** sha256 of the route and the key; the store scopes it. */
  keyHash: string;
  /** sha256 of the body in canonical form: the same key with another body is refused. */
  payloadHash: string;
  /** The record of the first response, named on the created order so erasure finds it without a Scan. */
  recordKey: string;
  /** Epoch seconds: after this the key is free again, like the record. */
  expiresAt: number;
}

/** This key already created something for this very request: the answer is a replay of it. */
export class AlreadyCreatedError extends Error {
  constructor(readonly id: string) {
    super(`already created as ${id}`);
  }
}

/** This key was first used with another body (answered like Powertools' own refusal, 422). */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
}

/** A cursor that did not come from this API (or not for this query). */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid for this list');
  }
}

/** Erasure of one customer's personal data within one store. */
export interface CustomerDataRepository {
  orderIdsFor(storeId: string, phone: string): Promise<string[]>;
  /** Erases name and phone from the order and everything beside it; false when there was nothing to erase. */
  eraseOrder(orderId: string, storeId: string, phone: string, at: Date): Promise<boolean>;
  /** Removes the lookup entries that still hold the phone's hash. */
  forget(storeId: string, phone: string, orderIds: string[]): Promise<void>;
}

export interface QualityRepository {
  /** Adds a contribution once per (permanent) marker; false when it had already been added. */
  addOnce(marker: { orderId: string; tag: string }, contribution: QualityContribution): Promise<boolean>;
  /** One network day's counters, of one model when given. */
  day(day: string, model?: string): Promise<QualityDay[]>;
}

export interface MetricsRepository {
  /** Adds a contribution once per marker; false when it had already been added. */
  /** `permanent`: the marker never expires (the change it guards can recur any time, not only on stream redelivery). */
  addOnce(marker: { orderId: string; tag: string; permanent?: boolean }, contribution: DayContribution): Promise<boolean>;
  days(storeId: string, from: string, to: string): Promise<DayAggregate[]>;
}
