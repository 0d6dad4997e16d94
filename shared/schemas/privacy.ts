import * as z from 'zod';
import { PhoneE164 } from './common.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

/** The phone in the path may arrive percent-encoded (`%2B91…`) or with a literal '+'. */
export const CustomerPhonePath = /* @__PURE__ */ z.object({
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

export const ErasureResult = /* @__PURE__ */ z.object({ erasedOrders: z.number().int() }).meta({ id: 'ErasureResult' });
