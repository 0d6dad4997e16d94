import * as z from 'zod';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const NewStoreBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as IN'),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Kolkata'),
  })
  .strict()
  .meta({ id: 'NewStore' });
