import * as z from 'zod';
import { CalendarDate, DeviceId, EARLIEST_DATE, yearsFromToday } from './common.js';

const MAX_YEARS_AHEAD = 10;

export const DeviceIdPath = z.object({ deviceId: DeviceId });

export const RegisterWarrantyBody = z
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

export const WarrantyView = z
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

export const WarrantyList = z.object({ items: z.array(WarrantyView) }).meta({ id: 'WarrantyList' });
