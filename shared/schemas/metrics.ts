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
    turnaroundMinutes: z.object({ median: nullableNumber, p90: nullableNumber }),
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
    network: Kpis.meta({ description: "The network's totals: medians and percentiles over every store's repairs together, not averaged" }),
    stores: z.array(Kpis.extend({ storeId: z.string(), storeName: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'LeagueTable' });
