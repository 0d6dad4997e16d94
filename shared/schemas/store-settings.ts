import * as z from 'zod';
import { ISSUE_CATEGORIES } from '../domain/vocabulary.js';
import { Language } from './common.js';
import { NewStoreBody } from './store.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

const positive = (max: number, unit: string) => z.number().int(`must be a whole number of ${unit}`).min(1, `must be from 1 to ${max}`).max(max, `must be from 1 to ${max}`);

const Sla = /* @__PURE__ */ z
  .object({
    walkInMinutes: positive(10_080, 'minutes'),
    walkInOtherMinutes: positive(10_080, 'minutes'),
    onSiteNearHours: positive(720, 'hours'),
    onSiteFarHours: positive(720, 'hours'),
    mailInHours: positive(2_160, 'hours'),
    overseasHours: positive(2_160, 'hours'),
    onSiteNearKm: positive(20_000, 'km'),
  })
  .strict();

const WarrantyDays = /* @__PURE__ */ z
  .object({ default: positive(3_650, 'days'), ...Object.fromEntries(ISSUE_CATEGORIES.map((c) => [c, positive(3_650, 'days').optional()])) })
  .strict();

/** Short enough that every SMS template keeps its segment budget with it (README, SMS segments). */
export const SMS_DISPLAY_NAME_MAX = 30;

const Sms = /* @__PURE__ */ z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(SMS_DISPLAY_NAME_MAX, `must be at most ${SMS_DISPLAY_NAME_MAX} characters`)
      .regex(/^[^\x00-\x1f\x7f]+$/, 'must not contain control characters such as line breaks')
      .optional()
      .meta({
        description:
          `Name used in customer SMS instead of the store name (at most ${SMS_DISPLAY_NAME_MAX} characters). ` +
          'Without it the store name is used, shortened at a word with "…" when a message would exceed its segment budget.',
        example: 'OPPO Koramangala',
      }),
    senderId: z.string().regex(/^[A-Za-z0-9]{3,11}$/, 'must be 3–11 letters or digits').optional(),
    dltEntityId: z.string().regex(/^\d{10,25}$/, 'must be the numeric DLT entity ID').optional(),
    dltTemplateIds: z
      .record(z.string().regex(/^[a-z_]+(\.[a-z]{2})?$/, 'keys are template keys, optionally with a language: received, received.hi'), z.string().regex(/^\d{10,25}$/))
      .optional(),
  })
  .strict();

/** Any subset; nested objects are merged field by field into the current settings. */
export const StoreSettingsPatch = /* @__PURE__ */ z
  .object({
    name: NewStoreBody.shape.name.optional(),
    country: NewStoreBody.shape.country.optional(),
    timezone: NewStoreBody.shape.timezone.optional(),
    languages: z.array(Language).min(1).max(11).optional(),
    sla: Sla.partial().strict().optional(),
    followUpDays: z
      .array(positive(365, 'days'))
      .max(5, 'at most 5 calls')
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
      .optional(),
    repairWarrantyDays: WarrantyDays.partial().strict().optional(),
    manufacturerWarrantyMonths: positive(120, 'months').optional(),
    sms: Sms.optional(),
  })
  .strict()
  .meta({ id: 'StoreSettingsPatch' });

export const StoreSettingsView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    timezone: z.string(),
    languages: z.array(Language),
    sla: Sla,
    followUpDays: z.array(z.number()),
    repairWarrantyDays: z.record(z.string(), z.number()),
    manufacturerWarrantyMonths: z.number(),
    sms: Sms,
  })
  .meta({ id: 'StoreSettings' });
