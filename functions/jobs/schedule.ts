import type { Context, ScheduledEvent } from 'aws-lambda';
import type { JobBudget, JobSummary } from '../../shared/usecases/jobs.js';
import { logger } from '../../shared/observability/logger.js';

/** Leaves time to finish the page in hand and write the summary before Lambda's timeout. */
const SAFETY_MARGIN_MS = 15_000;
const PAGE_SIZE = 100;

/**
 * The wrapper all scheduled jobs share: "now" is the event's own `time` (a re-delivered event
 * repeats the same run, which then changes nothing), work stops while there is time to spare,
 * and the summary is logged and returned.
 */
export function scheduledJob(run: (at: Date, budget: JobBudget) => Promise<JobSummary>) {
  return async (event: ScheduledEvent, context: Context): Promise<JobSummary> => {
    logger.addContext(context);
    const at = new Date(event.time);
    if (Number.isNaN(at.getTime())) throw new Error(`scheduled event without a valid time: ${String(event.time)}`);
    const summary = await run(at, {
      pageSize: PAGE_SIZE,
      hasTime: () => context.getRemainingTimeInMillis() > SAFETY_MARGIN_MS,
      onItemError: (error) => logger.error('job item failed; it stays due for the next run', { error: error as Error }),
    });
    logger.info('job finished', { ...summary });
    return summary;
  };
}
