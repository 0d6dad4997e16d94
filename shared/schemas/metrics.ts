import * as z from 'zod';
import { CalendarDate } from './common.js';

export const MetricsQuery = z.object({ from: CalendarDate, to: CalendarDate }).strict();

const nullableNumber = z.number().nullable();
export const MetricsView = z
  .object({
    from: z.string(),
    to: z.string(),
    opened: z.number().int(),
    completed: z.number().int(),
    cancelled: z.number().int(),
    turnaroundMinutes: z.object({ median: nullableNumber, p90: nullableNumber }),
    slaMetPercent: nullableNumber,
    firstTimeFixPercent: nullableNumber.meta({ description: 'Completed repairs not redone under their repair warranty' }),
    csat: z.object({ meanRating: nullableNumber, satisfiedPercent: nullableNumber, responses: z.number().int() }),
  })
  .meta({ id: 'Metrics', description: 'Shares are null when there is nothing to divide (no completions, no answers)' });
