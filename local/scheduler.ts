import type { Context, ScheduledEvent } from 'aws-lambda';
import { SCHEDULED_JOBS, type ScheduledJob } from '../functions/schedules.js';
import { lambdaContext } from './api-gateway.js';
import { asInvocation } from './invocation.js';

type JobHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

/** An EventBridge scheduled event, as the rule would deliver it at `time`. */
export function scheduledEvent(job: ScheduledJob, time: Date): ScheduledEvent {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: time.toISOString(),
    region: process.env.AWS_REGION ?? 'local',
    resources: [`arn:aws:events:local:000000000000:rule/${job.name}`],
    detail: {},
  };
}

/** How long after `now` the rule fires next: a rate every N minutes, or a daily cron at a UTC time. */
export function msUntilNextRun(job: ScheduledJob, now: Date): number {
  if ('everyMinutes' in job.schedule) return job.schedule.everyMinutes * 60_000;
  const { hour, minute } = job.schedule.dailyAtUtc;
  const next = new Date(now);
  next.setUTCHours(hour, minute, 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

/**
 * EventBridge's scheduled rules, in small: each job's real handler on a timer, plus `run(name, time)`
 * to run one now as if at that time. Runs of one job never overlap (like a rule with a single
 * target invocation at a time), so a manual run waits for a timed one to finish.
 */
export class LocalScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<unknown>>();

  private constructor(private readonly handlers: Map<string, { job: ScheduledJob; handler: JobHandler }>) {}

  static async load(): Promise<LocalScheduler> {
    const handlers = new Map<string, { job: ScheduledJob; handler: JobHandler }>();
    for (const job of SCHEDULED_JOBS) {
      const module = (await import(`../functions/jobs/${job.handler}.js`)) as { handler: JobHandler };
      handlers.set(job.name, { job, handler: module.handler });
    }
    return new LocalScheduler(handlers);
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  start(onError: (job: string, error: unknown) => void): void {
    // Each timer sets the next, so the daily job runs at its UTC time, as the EventBridge rule does.
    const schedule = (job: ScheduledJob) => {
      const timer = setTimeout(() => {
        schedule(job);
        this.run(job.name, new Date()).catch((error: unknown) => onError(job.name, error));
      }, msUntilNextRun(job, new Date()));
      timer.unref();
      this.timers.set(job.name, timer);
    };
    for (const { job } of this.handlers.values()) schedule(job);
  }

  async run(name: string, time: Date): Promise<unknown> {
    const entry = this.handlers.get(name);
    if (!entry) throw new Error(`unknown job ${name}`);
    const previous = this.running.get(name) ?? Promise.resolve();
    const context = { ...lambdaContext(`job-${name}`), getRemainingTimeInMillis: () => 900_000 };
    const next = previous.catch(() => undefined).then(() => asInvocation(context, () => entry.handler(scheduledEvent(entry.job, time), context)));
    this.running.set(name, next);
    return next;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.running.values());
  }
}
