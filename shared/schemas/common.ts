import * as z from 'zod';
import { E164_PATTERN } from '../domain/phone.js';
import { LANGUAGES } from '../domain/vocabulary.js';

export const Language = z.enum(LANGUAGES).meta({ id: 'Language', description: 'Customer language for SMS' });

export const PhoneE164 = z
  .string()
  .regex(E164_PATTERN, 'must be an E.164 phone number, e.g. +919812345678')
  .meta({ example: '+919812345678' });

export const Money = z
  .object({
    amount: z.string().regex(/^(0|[1-9]\d{0,9})(\.\d{1,2})?$/, 'must be a decimal string such as "1499.00"'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "INR"'),
  })
  .strict()
  .meta({ id: 'Money', example: { amount: '1499.00', currency: 'INR' } });

/** YYYY-MM-DD that is a real calendar date. */
export const CalendarDate = z.iso.date({ message: 'must be a date in the form YYYY-MM-DD' });

export const Limit = z
  .string()
  .regex(/^\d+$/, 'must be a whole number from 1 to 100')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be a whole number from 1 to 100').max(100, 'must be a whole number from 1 to 100'))
  .meta({ description: 'Page size, 1–100 (default 20)' });

export const Cursor = z.string().min(1).max(512).meta({ description: 'Opaque cursor from a previous page' });

export const ValidationErrorItem = z.object({ path: z.string(), message: z.string() });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(ValidationErrorItem).optional(),
    allowed: z.array(z.string()).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** IMEI or serial number, normalised to upper case. */
export const DeviceId = z
  .string()
  .regex(/^[A-Za-z0-9]{6,32}$/, 'must be an IMEI or serial number: 6–32 letters or digits')
  .transform((id) => id.toUpperCase());
