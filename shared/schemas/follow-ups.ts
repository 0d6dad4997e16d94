import * as z from 'zod';
import { FOLLOW_UP_STATES } from '../domain/follow-up.js';
import { ESCALATION_STATES } from '../domain/escalation.js';
import { Cursor, Language, Limit } from './common.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

export const FollowUpState = /* @__PURE__ */ z.enum(FOLLOW_UP_STATES).meta({ id: 'FollowUpState' });
export const EscalationState = /* @__PURE__ */ z.enum(ESCALATION_STATES).meta({ id: 'EscalationState' });

export const FollowUpListQuery = /* @__PURE__ */ z.object({ state: FollowUpState.default('due'), limit: Limit.optional(), cursor: Cursor.optional() }).strict();
export const EscalationListQuery = /* @__PURE__ */ z.object({ state: EscalationState.default('open'), limit: Limit.optional(), cursor: Cursor.optional() }).strict();

export const FollowUpIdPath = /* @__PURE__ */ z.object({ id: z.string().min(1).max(64) });
export const EscalationIdPath = /* @__PURE__ */ z.object({ id: z.string().min(1).max(64) });

export const FollowUpOutcomeBody = /* @__PURE__ */ z
  .object({
    reached: z.boolean(),
    satisfied: z.boolean().optional(),
    rating: z.number().int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5').optional(),
    resolved: z.boolean().optional(),
    engineerCourteous: z.boolean().optional(),
    notes: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.reached) return;
    // Survey answers need a conversation: an unanswered call can only carry notes.
    for (const field of ['satisfied', 'rating', 'resolved', 'engineerCourteous'] as const) {
      if (body[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'only applies when the customer was reached' });
    }
  })
  .meta({ id: 'FollowUpOutcome' });

export const RaiseEscalationBody = /* @__PURE__ */ z
  .object({ summary: z.string().trim().min(1, 'must not be empty').max(2000).meta({ description: 'What the store found and tried, for R&D; phone numbers in it are masked in R&D\'s view' }) })
  .strict()
  .meta({ id: 'RaiseEscalation' });
export const RdResolveBody = /* @__PURE__ */ z.object({ finding: z.string().trim().min(1, 'must not be empty').max(2000) }).strict().meta({ id: 'RdFinding' });
export const RdQueueQuery = /* @__PURE__ */ z
  .object({ state: z.enum(['raised']).default('raised').meta({ description: 'The R&D queue holds raised escalations only' }), limit: Limit.optional(), cursor: Cursor.optional() })
  .strict();

export const ResolveEscalationBody = /* @__PURE__ */ z.object({ resolution: z.string().trim().min(1, 'must not be empty').max(2000) }).strict().meta({ id: 'ResolveEscalation' });

const Outcome = /* @__PURE__ */ z.object({
  reached: z.boolean(),
  satisfied: z.boolean().optional(),
  rating: z.number().optional(),
  resolved: z.boolean().optional(),
  engineerCourteous: z.boolean().optional(),
  notes: z.string().optional(),
  recordedAt: z.string(),
});

export const FollowUpView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    orderId: z.string(),
    trackingCode: z.string(),
    kind: z.enum(['follow_up', 'callback']),
    attempt: z.number().int(),
    dueAt: z.string(),
    state: FollowUpState,
    customer: z.object({
      name: z.string().nullable().meta({ description: 'Null once the customer\'s personal data was erased' }),
      phone: z.string().nullable().meta({ description: 'Full E.164 number: the call center dials it (the one place it is shown); null once erased' }),
      language: Language,
    }),
    device: z.object({ brand: z.string(), model: z.string() }),
    outcome: Outcome.nullable(),
  })
  .meta({ id: 'FollowUp' });

export const EscalationView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    orderId: z.string(),
    state: EscalationState,
    openedAt: z.string(),
    reason: z.string(),
    notes: z.string().nullable().meta({ description: 'Phone numbers in it are masked' }),
    resolution: z.string().nullable().meta({ description: 'Phone numbers in it are masked' }),
    resolvedAt: z.string().nullable(),
    rd: z
      .object({
        summary: z.string(),
        raisedAt: z.string(),
        dueBy: z.string().meta({ description: "R&D's answer is due by then: raisedAt + the network's R&D SLA when it was raised (GET /v1/network/settings)" }),
        finding: z.string().nullable().meta({ description: "R&D's answer, once resolved (also the resolution)" }),
      })
      .nullable()
      .meta({ description: 'Set once the store raised it to R&D (POST /v1/escalations/{id}/raise)' }),
  })
  .meta({ id: 'Escalation' });

export const RdEscalationView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    orderId: z.string(),
    state: EscalationState,
    openedAt: z.string(),
    reason: z.string(),
    notes: z.string().nullable().meta({ description: 'Phone numbers in it are masked' }),
    store: z.object({ id: z.string(), name: z.string() }),
    device: z.object({ brand: z.string(), model: z.string(), deviceId: z.string().nullable() }).nullable(),
    category: z.string().nullable(),
    summary: z.string().nullable().meta({ description: 'The store\'s summary for R&D; phone numbers masked' }),
    raisedAt: z.string().nullable(),
    dueBy: z.string().nullable().meta({ description: 'Answer by then (raisedAt + the R&D SLA in force when it was raised); the SLA job alerts the ops topic once after it' }),
    finding: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'RdEscalation', description: 'An escalation in the R&D queue: no customer name or phone' });

export const RdEscalationList = /* @__PURE__ */ z.object({ items: z.array(RdEscalationView), nextCursor: z.string().nullable() }).meta({ id: 'RdEscalationList' });

export const RdResolved = /* @__PURE__ */ RdEscalationView.extend({
  callback: z.object({ id: z.string(), kind: z.enum(['follow_up', 'callback']), dueAt: z.string(), state: FollowUpState }).meta({ description: "The customer's callback, planned in the store's queue" }),
}).meta({ id: 'RdResolved' });
