import * as z from 'zod';
import { FOLLOW_UP_STATES } from '../domain/follow-up.js';
import { Cursor, Language, Limit } from './common.js';

export const FollowUpState = z.enum(FOLLOW_UP_STATES).meta({ id: 'FollowUpState' });
export const EscalationState = z.enum(['open', 'resolved']).meta({ id: 'EscalationState' });

export const FollowUpListQuery = z.object({ state: FollowUpState.default('due'), limit: Limit.optional(), cursor: Cursor.optional() }).strict();
export const EscalationListQuery = z.object({ state: EscalationState.default('open'), limit: Limit.optional(), cursor: Cursor.optional() }).strict();

export const FollowUpIdPath = z.object({ id: z.string().min(1).max(64) });
export const EscalationIdPath = z.object({ id: z.string().min(1).max(64) });

export const FollowUpOutcomeBody = z
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

export const ResolveEscalationBody = z.object({ resolution: z.string().trim().min(1, 'must not be empty').max(2000) }).strict().meta({ id: 'ResolveEscalation' });

const Outcome = z.object({
  reached: z.boolean(),
  satisfied: z.boolean().optional(),
  rating: z.number().optional(),
  resolved: z.boolean().optional(),
  engineerCourteous: z.boolean().optional(),
  notes: z.string().optional(),
  recordedAt: z.string(),
});

export const FollowUpView = z
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

export const EscalationView = z
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
