import * as z from 'zod';
import { CalendarDate, Cursor, Limit } from './common.js';
import { LEAGUE_SORTS } from '../domain/metrics.js';

/*
 * Each schema is marked @__PURE__ so a function's bundle keeps only the schemas it uses: esbuild
 * drops the others (the response views among them: only the document generator and the tests
 * need those), and with them their construction at every cold start.
 */

export const MetricsQuery = /* @__PURE__ */ z.object({ from: CalendarDate, to: CalendarDate }).strict();

const nullableNumber = /* @__PURE__ */ z.number().nullable();
export const MetricsView = /* @__PURE__ */ z
  .object({
    from: z.string(),
    to: z.string(),
    opened: z.number().int(),
    completed: z.number().int(),
    cancelled: z.number().int(),
    turnaroundMinutes: z.object({ median: nullableNumber, p90: nullableNumber }).meta({
      description:
        'Minutes from when the store had the device to completion, nearest rank; null without completions. Approximate: read from a fixed histogram of each day\'s completions, '
        + 'each lies in the same bucket as the exact value: less than 10 min off below 2 h, 30 min below 6 h, 1 h below 2 days, 6 h below a week, 1 day below 4 weeks, '
        + '1 week below 13 weeks; 131040 (13 weeks) means at least that',
    }),
    slaMetPercent: nullableNumber,
    firstTimeFixPercent: nullableNumber.meta({ description: 'Completed repairs not redone under their repair warranty' }),
    csat: z.object({
      meanRating: nullableNumber,
      satisfiedPercent: nullableNumber,
      responses: z.number().int(),
      calls: z.object({ meanRating: nullableNumber, responses: z.number().int() }).meta({ description: 'Follow-up calls alone' }),
      page: z.object({ meanRating: nullableNumber, responses: z.number().int() }).meta({ description: 'Ratings left on the customer page alone' }),
    }).meta({ description: 'Calls and customer-page ratings together, then each apart' }),
  })
  .meta({ id: 'Metrics', description: 'Shares are null when there is nothing to divide (no completions, no answers)' });

export const LeagueQuery = /* @__PURE__ */ z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    sort: z.enum(LEAGUE_SORTS).default('-completed').meta({ description: 'A KPI, ascending; with a leading "-", descending. Stores without a value come last.' }),
    limit: Limit.optional(),
    cursor: Cursor.optional(),
  })
  .strict();

const Kpis = /* @__PURE__ */ MetricsView.omit({ from: true, to: true });
export const LeagueTableView = /* @__PURE__ */ z
  .object({
    from: z.string(),
    to: z.string(),
    network: Kpis.meta({ description: "The network's totals: medians and percentiles over every store's repairs together (their histograms merged), not averaged" }),
    stores: z.array(Kpis.extend({ storeId: z.string(), storeName: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'LeagueTable' });

export const QualityQuery = /* @__PURE__ */ z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    model: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._+()\/-]{0,99}$/, 'must be a model name: letters, digits, spaces and . _ + ( ) / -, at most 100')
      .optional()
      .meta({ description: 'One model (any case), e.g. A78' }),
  })
  .strict();

export const QualityView = /* @__PURE__ */ z
  .object({
    items: z.array(
      z.object({
        brand: z.string(),
        model: z.string(),
        category: z.string(),
        repairs: z.number().int().meta({ description: 'Repairs completed in the period (UTC days)' }),
        reworks: z.number().int().meta({ description: 'Reworks opened in the period under the repair warranty of a repair of this kind' }),
        reworkPercent: z.number().nullable().meta({ description: 'reworks per 100 repairs of the period; null without repairs' }),
        stores: z.array(z.string()).meta({ description: 'Ids of the stores the reworks came back to' }),
      }),
    ),
  })
  .meta({ id: 'ModelQuality', description: 'Eventually consistent: counted from the table stream seconds after each change; most reworks first' });
