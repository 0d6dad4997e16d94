import * as z from 'zod';
import { PhoneE164 } from './common.js';

/** The phone in the path may arrive percent-encoded (`%2B91…`) or with a literal '+'. */
export const CustomerPhonePath = z.object({
  phone: z
    .string()
    .max(64)
    .transform((raw) => {
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    })
    .pipe(PhoneE164),
});

export const ErasureResult = z.object({ erasedOrders: z.number().int() }).meta({ id: 'ErasureResult' });
