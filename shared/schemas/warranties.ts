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
    extensions: z
      .array(z.object({ campaignId: z.string(), days: z.number().int(), previousEndsAt: z.string(), endsAt: z.string(), at: z.string(), reason: z.string() }))
      .meta({ description: 'Network extension campaigns that moved endsAt, oldest first' }),
  })
  .meta({ id: 'Warranty' });

export const WarrantyExtensionBody = /* @__PURE__ */ z
  .object({
    expiringFrom: CalendarDate.meta({ description: 'Warranties whose last covered day is on or after this date' }),
    expiringTo: CalendarDate.meta({ description: '… and on or before this one (at most 366 days later)' }),
    days: z.number().int('must be a whole number from 1 to 365').min(1, 'must be from 1 to 365').max(365, 'must be from 1 to 365'),
    models: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._+()\/-]{0,99}$/, 'must be a model name: letters, digits, spaces and . _ + ( ) / -, at most 100')).min(1).max(100).optional().meta({ description: 'Only these models (any case); warranties of unknown model then do not match' }),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code like IN')).min(1).max(50).optional().meta({ description: "Only warranties granted by stores in these countries" }),
    reason: z.string().trim().min(1, 'must not be empty').max(500),
  })
  .strict()
  .meta({ id: 'WarrantyExtensionRequest' });

export const CampaignIdPath = /* @__PURE__ */ z.object({ id: z.string().regex(/^wx_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a campaign id (wx_…)') });

export const CampaignView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    state: z.enum(['running', 'done', 'cancelled']).meta({ description: 'running, then done once every warranty in range was examined; cancelled when HQ stopped it (extensions made stay)' }),
    expiringFrom: z.string(),
    expiringTo: z.string(),
    days: z.number().int(),
    models: z.array(z.string()).nullable(),
    countries: z.array(z.string()).nullable(),
    reason: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    matched: z.number().int().meta({ description: 'Warranties found in range that met the filters (each counted once, with its extension)' }),
    extended: z.number().int().meta({ description: 'Warranties extended (each exactly once)' }),
  })
  .meta({ id: 'WarrantyExtension' });

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
