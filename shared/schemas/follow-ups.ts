import * as z from 'zod';
import { FOLLOW_UP_STATES } from '../domain/follow-up.js';
import { Cursor, Language, Limit } from './common.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

export const FollowUpState = /* @__PURE__ */ z.enum(FOLLOW_UP_STATES).meta({ id: 'FollowUpState' });
export const EscalationState = /* @__PURE__ */ z.enum(['open', 'resolved']).meta({ id: 'EscalationState' });

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
  })
  .meta({ id: 'Escalation' });
