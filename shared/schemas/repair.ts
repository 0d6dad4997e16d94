import * as z from 'zod';
import { STATUSES } from '../domain/status.js';
import { PAUSE_REASONS, SLA_STATES } from '../domain/sla-clock.js';
import { CHANNELS, ISSUE_CATEGORIES } from '../domain/vocabulary.js';
import { TRACKING_CODE_PATTERN } from '../domain/tracking-code.js';
import { QuoteView } from './quotes.js';
import { CalendarDate, Cursor, DeviceId, EARLIEST_DATE, Language, Limit, Money, orNull, PhoneE164 } from './common.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

/** A day of slack for "not in the future": the store's today may already be tomorrow in UTC. */
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const RepairStatus = /* @__PURE__ */ z.enum(STATUSES).meta({ id: 'RepairStatus' });
export const Channel = /* @__PURE__ */ z.enum(CHANNELS).meta({ id: 'Channel' });
export const IssueCategory = /* @__PURE__ */ z.enum(ISSUE_CATEGORIES).meta({ id: 'IssueCategory' });

export const CreateRepairBody = /* @__PURE__ */ z
  .object({
    channel: Channel,
    customer: z
      .object({
        name: text(200),
        phone: PhoneE164,
        language: Language,
        smsOptIn: z.boolean(),
        whatsappOptIn: z.boolean().optional().meta({ description: 'Explicit consent to updates on WhatsApp (default false); used when the store has WhatsApp set up' }),
      })
      .strict(),
    device: z
      .object({
        brand: text(100),
        model: text(100),
        deviceId: DeviceId.optional(),
        purchaseDate: CalendarDate.refine((day) => day <= tomorrow(), 'must not be in the future')
          .optional()
          .meta({ description: `From ${EARLIEST_DATE}, not in the future` }),
      })
      .strict(),
    issue: z.object({ category: IssueCategory, description: text(2000) }).strict(),
    estimate: Money.optional(),
    dataBackupRequested: z.boolean().optional(),
    // Kept to 0.1 km: finer means nothing for a promise, and DynamoDB cannot store a number like 5e-324.
    distanceKm: z
      .number()
      .min(0, 'must be from 0 to 20000 km')
      .max(20000, 'must be from 0 to 20000 km')
      .transform((km) => Math.round(km * 10) / 10)
      .optional(),
    overseas: z.boolean().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.channel === 'on_site' && body.distanceKm === undefined) {
      ctx.addIssue({ code: 'custom', path: ['distanceKm'], message: 'is required for on_site orders (sets the response-time promise)' });
    }
  })
  .meta({ id: 'CreateRepair' });

export const MoveRepairBody = /* @__PURE__ */ z
  .object({
    status: RepairStatus,
    note: text(1000).optional(),
    reason: text(500).optional().meta({ description: 'Required when status is cancelled' }),
    estimate: Money.optional(),
    quoteVersion: z.number().int().min(1).optional().meta({ description: 'Approving: the quote version the customer agreed to; a newer quote makes it 409' }),
  })
  .strict()
  .meta({ id: 'MoveRepair' });

export const RepairIdPath = /* @__PURE__ */ z.object({ id: z.string().min(1).max(64) });

export const SlaFlag = /* @__PURE__ */ z.enum(['at_risk', 'breached']).meta({ id: 'SlaFlag' });

export const SlaView = /* @__PURE__ */ z
  .object({
    state: z.enum(SLA_STATES).meta({
      description:
        'on_track; paused while the order waits in one of the store\'s sla.pauseStatuses; at_risk / breached as the SLA watch flagged ' +
        'the worse of the promise and (overseas) the response target; met or breached once completed, by promisedBy',
    }),
    promisedBy: z.string().nullable().meta({ description: 'The current promise (the same as the order\'s promisedBy): moved later by paused time' }),
    respondBy: z.string().optional().meta({ description: 'Overseas orders: the first answer is due by then; met by the first move after intake' }),
    pausedMinutes: z.number().int().meta({ description: 'Time paused so far, counted like the promise (opening time for walk-ins)' }),
    pausedSince: z.string().optional().meta({ description: 'While paused: since when' }),
  })
  .meta({ id: 'SlaClock' });

export const ListRepairsQuery = /* @__PURE__ */ z
  .object({ status: RepairStatus.optional(), sla: SlaFlag.optional().meta({ description: 'Open orders whose sla.state is this flag' }), limit: Limit.optional(), cursor: Cursor.optional() })
  .strict()
  .superRefine((query, ctx) => {
    if (query.status && query.sla) ctx.addIssue({ code: 'custom', path: ['sla'], message: 'cannot be combined with status' });
  });

export const TrackPath = /* @__PURE__ */ z.object({ trackingCode: z.string().min(1).max(32) });
export const TrackQuery = /* @__PURE__ */ z
  .object({ phoneLast4: z.string().regex(/^\d{4}$/, 'must be the last 4 digits of the phone number') })
  .strict();

const HistoryEvent = /* @__PURE__ */ z
  .object({
    at: z.string(),
    from: orNull(RepairStatus),
    to: RepairStatus,
    by: z.string(),
    note: z.string().nullable().meta({ description: 'Phone numbers in it are masked' }),
    reason: z.string().nullable().meta({ description: 'Cancellations: why (phone numbers masked)' }),
  })
  .meta({ id: 'HistoryEvent' });

export const RepairOrderView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    trackingCode: z.string().regex(TRACKING_CODE_PATTERN),
    storeId: z.string(),
    status: RepairStatus,
    version: z.number().int(),
    channel: Channel,
    customer: z.object({
      name: z.string().nullable().meta({ description: 'Null once the customer\'s personal data was erased' }),
      phone: z.string().nullable().meta({ description: 'Masked: country prefix and last 4 digits; null once erased', example: '+91••••••5678' }),
      language: Language,
      smsOptIn: z.boolean(),
      whatsappOptIn: z.boolean(),
    }),
    device: z.object({ brand: z.string(), model: z.string(), deviceId: z.string().nullable(), purchaseDate: z.string().nullable() }),
    issue: z.object({ category: IssueCategory, description: z.string() }),
    estimate: orNull(Money),
    dataBackupRequested: z.boolean(),
    distanceKm: z.number().nullable(),
    overseas: z.boolean(),
    underWarranty: z.boolean(),
    reworkOf: z.string().nullable(),
    promisedBy: z.string().nullable().meta({ description: 'Null for mail-in orders until the device is received' }),
    slaStartedAt: z.string().nullable().meta({ description: 'When the promise clock started (intake, or receipt for mail-in); null until then' }),
    sla: SlaView,
    slaMet: z.boolean().nullable().meta({ description: 'On completed orders: finished at or before promisedBy' }),
    personalDataErasedAt: z.string().nullable().meta({ description: 'When the customer\'s name and phone were erased on request' }),
    quote: QuoteView.nullable().meta({ description: 'The latest quote from the price list (POST /v1/repairs/{id}/quote); estimate is its total' }),
    approvedQuoteVersion: z.number().int().nullable().meta({ description: 'The quote version the customer approved' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(HistoryEvent).optional(),
  })
  .meta({ id: 'RepairOrder' });

export const RepairOrderList = /* @__PURE__ */ z
  .object({ items: z.array(RepairOrderView), nextCursor: z.string().nullable() })
  .meta({ id: 'RepairOrderList' });

export const TrackingView = /* @__PURE__ */ z
  .object({
    trackingCode: z.string(),
    status: RepairStatus,
    storeName: z.string(),
    device: z.object({ brand: z.string(), model: z.string() }),
    promisedBy: z.string().nullable().meta({ description: 'The current promise: moved later by the time the order waited (waitingFor)' }),
    waitingFor: z.enum(PAUSE_REASONS).nullable().meta({
      description: 'While the clock is paused: what the repair waits for (the customer\'s approval, parts); null otherwise',
    }),
    timeline: z.array(z.object({ at: z.string(), status: RepairStatus })),
  })
  .meta({ id: 'Tracking', description: 'Public view of a repair: no personal data' });
