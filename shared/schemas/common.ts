import * as z from 'zod';
import { E164_PATTERN } from '../domain/phone.js';
import { LANGUAGES } from '../domain/vocabulary.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

export const Language = /* @__PURE__ */ z.enum(LANGUAGES).meta({ id: 'Language', description: 'Customer language for SMS' });

export const PhoneE164 = /* @__PURE__ */ z
  .string()
  .regex(E164_PATTERN, 'must be an E.164 phone number, e.g. +919812345678')
  .meta({ example: '+919812345678' });

export const Money = /* @__PURE__ */ z
  .object({
    amount: z.string().regex(/^(0|[1-9]\d{0,9})(\.\d{1,2})?$/, 'must be a decimal string such as "1499.00"'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "INR"'),
  })
  .strict()
  .meta({ id: 'Money', example: { amount: '1499.00', currency: 'INR' } });

export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2199-12-31';

/**
 * YYYY-MM-DD that is a real calendar date this service can mean: from 2000 (nothing it tracks is
 * older) to 2199. Fields narrow it further where the present matters (purchaseDate, startsAt).
 */
export const CalendarDate = /* @__PURE__ */ z.iso
  .date({ message: 'must be a date in the form YYYY-MM-DD', abort: true })
  .refine((day) => day >= EARLIEST_DATE && day <= LATEST_DATE, { message: `must be a date from ${EARLIEST_DATE} to ${LATEST_DATE}`, abort: true });

/** Today ± whole years, as YYYY-MM-DD (UTC; a day either way does not matter for these bounds). */
export function yearsFromToday(years: number, now = new Date()): string {
  const day = new Date(now.getTime());
  day.setUTCFullYear(day.getUTCFullYear() + years);
  return day.toISOString().slice(0, 10);
}

export const Limit = /* @__PURE__ */ z
  .string()
  .regex(/^\d+$/, 'must be a whole number from 1 to 100')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be a whole number from 1 to 100').max(100, 'must be a whole number from 1 to 100'))
  .meta({ description: 'Page size, 1–100 (default 20)' });

/**
 * A named schema (one with a meta id) or null. Never `.nullable()` on a named schema:
 * zod-to-openapi publishes that as `allOf: [{ $ref }, { type: [..., null] }]`, which admits no null
 * (both must hold), and may mark the shared component itself nullable. A union is published as
 * `anyOf: [{ $ref }, { type: 'null' }]` and parses exactly like `.nullable()`.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const Cursor = /* @__PURE__ */ z.string().min(1).max(512).meta({ description: 'Opaque cursor from a previous page' });

export const ValidationErrorItem = /* @__PURE__ */ z.object({ path: z.string(), message: z.string() });

export const Problem = /* @__PURE__ */ z
  .object({
    type: z.string().meta({ description: 'Stable URI naming the kind of problem, e.g. …/invalid-transition' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: 'The request path (a phone number in it is masked)' }),
    errors: z.array(ValidationErrorItem).optional().meta({ description: 'validation-error: each bad field' }),
    currentStatus: z.string().optional().meta({ description: 'invalid-transition: the order\'s status' }),
    requestedStatus: z.string().optional().meta({ description: 'invalid-transition: the status asked for' }),
    allowed: z.array(z.string()).optional().meta({ description: 'invalid-transition: the moves allowed from currentStatus' }),
    currentVersion: z.number().int().optional().meta({ description: 'precondition-failed: the order\'s version, when known' }),
    currentState: z.string().optional().meta({ description: 'conflict: the state that refused the request' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** IMEI or serial number, normalised to upper case. */
export const DeviceId = /* @__PURE__ */ z
  .string()
  .regex(/^[A-Za-z0-9]{6,32}$/, 'must be an IMEI or serial number: 6–32 letters or digits')
  .transform((id) => id.toUpperCase());
