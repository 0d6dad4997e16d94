import * as z from 'zod';
import { STATUSES } from '../domain/status.js';
import { CHANNELS, ISSUE_CATEGORIES } from '../domain/vocabulary.js';
import { CalendarDate, Cursor, DeviceId, EARLIEST_DATE, Limit, yearsFromToday } from './common.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

const MAX_YEARS_AHEAD = 10;

export const DeviceIdPath = /* @__PURE__ */ z.object({ deviceId: DeviceId });

export const RegisterWarrantyBody = /* @__PURE__ */ z
  .object({
    deviceId: DeviceId,
    kind: z.enum(['manufacturer', 'extended', 'screen_plan']).meta({ description: 'repair warranties are granted by completing an order; screen_plan is a screen-damage protection plan (one claim)' }),
    // An extension starts when the manufacturer's warranty (at most 120 months) ends: never later.
    startsAt: CalendarDate.refine((day) => day <= yearsFromToday(MAX_YEARS_AHEAD), `must be at most ${MAX_YEARS_AHEAD} years from today`).meta({
      description: `First covered day: from ${EARLIEST_DATE} to ${MAX_YEARS_AHEAD} years from today`,
    }),
    months: z.number().int('must be a whole number of months').min(1, 'must be from 1 to 120').max(120, 'must be from 1 to 120'),
  })
  .strict()
  .meta({ id: 'RegisterWarranty' });

export const WarrantyView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    deviceId: z.string(),
    kind: z.enum(['repair', 'manufacturer', 'extended', 'screen_plan']),
    startsAt: z.string().meta({ description: 'First covered day' }),
    endsAt: z.string().meta({ description: 'Last covered day' }),
    state: z.enum(['active', 'expired']),
    orderId: z.string().nullable(),
  })
  .meta({ id: 'Warranty' });

export const WarrantyList = /* @__PURE__ */ z.object({ items: z.array(WarrantyView) }).meta({ id: 'WarrantyList' });

export const DeviceHistoryQuery = z.object({ limit: Limit.optional(), cursor: Cursor.optional() }).strict();

export const DeviceHistoryItem = z
  .object({
    orderId: z.string(),
    storeName: z.string(),
    channel: z.enum(CHANNELS),
    category: z.enum(ISSUE_CATEGORIES),
    status: z.enum(STATUSES).meta({ description: 'Final or current status' }),
    openedAt: z.string(),
    completedAt: z.string().nullable(),
    underWarranty: z.boolean(),
    reworkOf: z.string().nullable(),
  })
  .meta({ id: 'DeviceHistoryItem' });

export const DeviceHistory = z
  .object({ deviceId: z.string(), items: z.array(DeviceHistoryItem), nextCursor: z.string().nullable() })
  .meta({ id: 'DeviceHistory', description: 'Every repair of the device at any store, newest first; no personal data' });
