import * as z from 'zod';
import { ISSUE_CATEGORIES } from '../domain/vocabulary.js';
import { Language } from './common.js';
import { NewStoreBody } from './store.js';

const positive = (max: number, unit: string) => z.number().int(`must be a whole number of ${unit}`).min(1, `must be from 1 to ${max}`).max(max, `must be from 1 to ${max}`);

const Sla = z
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

const WarrantyDays = z
  .object({ default: positive(3_650, 'days'), ...Object.fromEntries(ISSUE_CATEGORIES.map((c) => [c, positive(3_650, 'days').optional()])) })
  .strict();

/** The longest display name accepted; up to 16 characters stays whole beside the page link (README, SMS segments). */
export const SMS_DISPLAY_NAME_MAX = 30;

const Sms = z
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
          'Without it the store name is used. Beside the customer page link, a name of up to 16 characters stays whole in every message; ' +
          'a longer one is shortened at a word with "…" where a message would exceed its segment budget.',
        example: 'OPPO Koramangala',
      }),
    senderId: z.string().regex(/^[A-Za-z0-9]{3,11}$/, 'must be 3–11 letters or digits').optional(),
    dltEntityId: z.string().regex(/^\d{10,25}$/, 'must be the numeric DLT entity ID').optional(),
    dltTemplateIds: z
      .record(z.string().regex(/^[a-z_]+(\.[a-z]{2})?$/, 'keys are template keys, optionally with a language: received, received.hi'), z.string().regex(/^\d{10,25}$/))
      .optional(),
  })
  .strict();

/** Shown on the customer page; the page links to it but never loads anything from it. */
const Contact = z
  .object({
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +918041234567')
      .optional()
      .meta({ description: "The store's own number customers may call (never a customer's).", example: '+918041234567' }),
    address: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .regex(/^[^\x00-\x09\x0b-\x1f\x7f]+$/, 'must not contain control characters')
      .optional()
      .meta({ example: '80 Feet Road, Koramangala 4th Block, Bengaluru 560034' }),
    mapsUrl: z
      .string()
      .max(500, 'must be at most 500 characters')
      .regex(/^https:\/\/[^\s"<>]+$/, 'must be an https link')
      .optional()
      .meta({ example: 'https://maps.google.com/?q=12.9352,77.6245' }),
  })
  .strict();

/** Any subset; nested objects are merged field by field into the current settings. */
export const StoreSettingsPatch = z
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
    contact: Contact.optional(),
    problemCallbackHours: positive(72, 'hours').optional(),
  })
  .strict()
  .meta({ id: 'StoreSettingsPatch' });

export const StoreSettingsView = z
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
    contact: Contact,
    problemCallbackHours: z.number(),
  })
  .meta({ id: 'StoreSettings' });
