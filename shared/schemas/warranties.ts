import * as z from 'zod';
import { CalendarDate, DeviceId } from './common.js';

export const DeviceIdPath = z.object({ deviceId: DeviceId });

export const RegisterWarrantyBody = z
  .object({
    deviceId: DeviceId,
    kind: z.enum(['manufacturer', 'extended']).meta({ description: 'repair warranties are granted by completing an order' }),
    startsAt: CalendarDate,
    months: z.number().int('must be a whole number of months').min(1, 'must be from 1 to 120').max(120, 'must be from 1 to 120'),
  })
  .strict()
  .meta({ id: 'RegisterWarranty' });

export const WarrantyView = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    kind: z.enum(['repair', 'manufacturer', 'extended']),
    startsAt: z.string().meta({ description: 'First covered day' }),
    endsAt: z.string().meta({ description: 'Last covered day' }),
    state: z.enum(['active', 'expired']),
    orderId: z.string().nullable(),
  })
  .meta({ id: 'Warranty' });

export const WarrantyList = z.object({ items: z.array(WarrantyView) }).meta({ id: 'WarrantyList' });
