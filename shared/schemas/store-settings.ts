import * as z from 'zod';
import { ISSUE_CATEGORIES } from '../domain/vocabulary.js';
import { parseClock, WEEKDAYS } from '../domain/opening-hours.js';
import { HOUR_TARGET_CLOCKS } from '../domain/store-settings.js';
import { STATUSES, TERMINAL_STATUSES, type RepairStatus } from '../domain/status.js';
import { addDays } from '../domain/calendar.js';
import { CalendarDate, Language, orNull } from './common.js';
import { NewStoreBody } from './store.js';
import { WHATSAPP_TEMPLATE_KEYS } from '../notify/whatsapp/templates.js';

/** A pause must end: completed and cancelled cannot be pause statuses. */
const PAUSABLE_STATUSES = STATUSES.filter((status) => !(TERMINAL_STATUSES as readonly string[]).includes(status)) as [RepairStatus, ...RepairStatus[]];

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
    overseasResponseHours: positive(720, 'hours').meta({ description: 'Overseas orders: the first answer is due within this many hours (default 10)' }),
    pauseStatuses: z
      .array(z.enum(PAUSABLE_STATUSES, { error: `must be a status that is not terminal: ${PAUSABLE_STATUSES.join(', ')}` }))
      .max(STATUSES.length)
      .refine((statuses) => new Set(statuses).size === statuses.length, 'must not repeat a status')
      .meta({ description: 'Statuses whose time does not count against the promise (default awaiting_approval, awaiting_parts)' }),
    hourTargets: z.enum(HOUR_TARGET_CLOCKS).meta({
      description: 'calendar (default): on-site, mail-in and overseas targets are elapsed hours; opening_hours: counted in opening time like walk-ins',
    }),
  })
  .strict()
  .meta({ id: 'SlaTargets' });

const Clock = z.string().refine((value) => parseClock(value) !== null, 'must be a time HH:MM from 00:00 to 24:00');

/** One day: at most two intervals, each ending after it starts, in order and not overlapping. */
const DayHours = z
  .array(z.tuple([Clock, Clock]))
  .max(2, 'at most two intervals a day')
  .superRefine((intervals, ctx) => {
    let previousEnd = -1;
    intervals.forEach(([from, to], i) => {
      const start = parseClock(from);
      const end = parseClock(to);
      if (start === null || end === null) return;
      if (end <= start) ctx.addIssue({ code: 'custom', path: [i], message: 'must end after it starts' });
      else if (start < previousEnd) ctx.addIssue({ code: 'custom', path: [i], message: 'must start after the previous interval ends (in order, not overlapping)' });
      previousEnd = Math.max(previousEnd, end);
    });
  })
  .meta({ id: 'DayHours' });

const OpeningHours = z
  .object(Object.fromEntries(WEEKDAYS.map((day) => [day, DayHours])) as Record<(typeof WEEKDAYS)[number], typeof DayHours>)
  .strict()
  .refine((hours) => WEEKDAYS.some((day) => hours[day].length > 0), 'must open on at least one day (without hours a store is open around the clock)')
  .meta({
    id: 'OpeningHours',
    description: 'Local time; every weekday, [] for a closed day; at most two intervals a day; "24:00" closes at midnight',
    example: { mon: [['10:00', '20:00']], tue: [['10:00', '20:00']], wed: [['10:00', '20:00']], thu: [['10:00', '20:00']], fri: [['10:00', '13:00'], ['14:00', '20:00']], sat: [['10:00', '18:00']], sun: [] },
  });

export const MAX_HOLIDAYS = 60;

const Holidays = z
  .array(CalendarDate.refine((day) => day <= addDays(new Date().toISOString().slice(0, 10), 366), 'must be within a year from today'))
  .max(MAX_HOLIDAYS, `at most ${MAX_HOLIDAYS} holidays`)
  .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
  .meta({ description: `Days the store is closed (YYYY-MM-DD, store calendar), at most ${MAX_HOLIDAYS}, up to a year ahead` });

const ExtendedMinutes = z
  .number()
  .int('must be a whole number of minutes')
  .min(0, 'must be from 0 to 240')
  .max(240, 'must be from 0 to 240')
  .meta({ description: 'Service continuing past each day\'s closing time (minutes; walk-in promises may run into it)' });

const WarrantyDays = /* @__PURE__ */ z
  .object({ default: positive(3_650, 'days'), ...Object.fromEntries(ISSUE_CATEGORIES.map((c) => [c, positive(3_650, 'days').optional()])) })
  .strict();

/** The longest display name accepted; up to 16 characters stays whole beside the page link (README, SMS segments). */
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
  .strict()
  .meta({ id: 'SmsSettings' });

const MetaTemplateName = z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be a Meta template name: lowercase letters, digits and _');

/** The store's WhatsApp sender; replaced whole by PATCH, removed with null. */
const WhatsApp = z
  .object({
    phoneNumberId: z
      .string()
      .regex(/^phone-number-id-[0-9a-z]{8,64}$/, 'must be an End User Messaging Social phone number id: phone-number-id-…')
      .meta({ example: 'phone-number-id-976c72a700aac43eaf573ae050a1b2c3' }),
    templates: z
      .object(Object.fromEntries(WHATSAPP_TEMPLATE_KEYS.map((key) => [key, MetaTemplateName.optional()])))
      .strict()
      .optional()
      .meta({ description: 'Template names registered in the store\'s WABA, per message; default repair_<message>' }),
    languages: z.array(Language).min(1).max(11).optional().meta({ description: 'Languages the templates are approved in (default: all 11); other customers get SMS' }),
  })
  .strict()
  .meta({ id: 'WhatsAppSettings' });
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
  .strict()
  .meta({ id: 'StoreContact' });

/** Any subset; nested objects are merged field by field into the current settings. */
export const StoreSettingsPatch = /* @__PURE__ */ z
  .object({
    name: NewStoreBody.shape.name.optional(),
    country: NewStoreBody.shape.country.optional(),
    timezone: NewStoreBody.shape.timezone.optional(),
    languages: z.array(Language).min(1).max(11).optional(),
    sla: Sla.partial().strict().meta({ id: 'SlaTargetsPatch' }).optional(),
    followUpDays: z
      .array(positive(365, 'days'))
      .max(5, 'at most 5 calls')
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
      .optional(),
    repairWarrantyDays: WarrantyDays.partial().strict().meta({ id: 'RepairWarrantyDaysPatch' }).optional(),
    manufacturerWarrantyMonths: positive(120, 'months').optional(),
    sms: Sms.optional(),
    hours: orNull(OpeningHours).optional().meta({ description: 'null: open around the clock again' }),
    holidays: Holidays.optional(),
    extendedMinutes: ExtendedMinutes.optional(),
    whatsapp: orNull(WhatsApp).optional(),
    contact: Contact.optional(),
    problemCallbackHours: positive(72, 'hours').optional(),
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
    hours: orNull(OpeningHours).meta({ description: 'null: open around the clock' }),
    holidays: z.array(z.string()),
    extendedMinutes: z.number(),
    whatsapp: orNull(WhatsApp).optional(),
    contact: Contact,
    problemCallbackHours: z.number(),
  })
  .meta({ id: 'StoreSettings' });
