import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SCHEDULED_JOBS } from '../functions/schedules.js';
import { lambdaContext } from '../local/api-gateway.js';
import { scheduledEvent } from '../local/scheduler.js';
import { seedFreshTable } from '../local/seed.js';
import type { JobSummary } from '../shared/usecases/jobs.js';
import { sum } from './dynamo-recorder.js';
import { startBenchStack } from './local.js';
import type { BenchRow } from './table.js';

const SIZES = [200, 20_000] as const;
/** The due-queue jobs seeded here; the campaign job has no due items of this kind (bench/network.ts measures it). */
const JOBS = SCHEDULED_JOBS.filter((job) => job.name !== 'campaigns' && job.name !== 'photos');
const DUE = 50;
/** The warranty rule's hour: daytime in the seeded store's zone, so reminders go out. */
const AT = new Date('2026-11-22T06:30:00.000Z');

type JobHandler = (event: ReturnType<typeof scheduledEvent>, context: ReturnType<typeof lambdaContext>) => Promise<JobSummary>;

interface Run {
  summary: JobSummary;
  readUnits: number;
  writeUnits: number;
}

/**
 * Each scheduled job over a table of 200 and of 20 000 orders with the same 50 items due: the
 * read units (every call the job made, as DynamoDB counted them) must stay flat in table size.
 */
export async function run(): Promise<BenchRow[]> {
  const bench = await startBenchStack();
  const admin = new DynamoDBClient({});
  try {
    const handlers = new Map<string, JobHandler>();
    for (const job of JOBS) handlers.set(job.name, ((await import(`../functions/jobs/${job.handler}.js`)) as { handler: JobHandler }).handler);
    const runs = new Map<string, Map<number, Run>>(JOBS.map((job) => [job.name, new Map()]));
    for (const orders of SIZES) {
      // Customers who opted in: the warranty job's reminders are really sent, and their reads counted.
      await seedFreshTable(admin, bench.stack.tableName, { storeId: `store_bench_${orders}`, orders, due: { followUps: DUE, sla: DUE, warranties: DUE }, at: AT, smsOptIn: true });
      for (const job of JOBS) {
        bench.recorder.take();
        const summary = await handlers.get(job.name)!(scheduledEvent(job, AT), { ...lambdaContext(job.name), getRemainingTimeInMillis: () => 900_000 });
        if (summary.examined !== DUE || summary.failed !== 0) throw new Error(`${job.name} at ${orders} orders: ${JSON.stringify(summary)}`);
        const { calls } = bench.recorder.take();
        runs.get(job.name)!.set(orders, { summary, readUnits: sum(calls.map((c) => c.readUnits)), writeUnits: sum(calls.map((c) => c.writeUnits)) });
      }
    }
    return JOBS.map((job) => {
      const [small, large] = SIZES.map((orders) => runs.get(job.name)!.get(orders)!);
      return {
        section: 'job reads',
        item: `${job.name}: ${DUE} due among ${SIZES[1].toLocaleString('en')} orders`,
        value: large!.readUnits,
        baseline: small!.readUnits,
        unit: 'RRU',
        target: '≤ 2× at 200',
        ok: large!.readUnits <= 2 * small!.readUnits,
        note: `baseline: ${DUE} due among ${SIZES[0]}; writes ${large!.writeUnits} vs ${small!.writeUnits} WRU; due-queue reads ${large!.summary.readUnits} vs ${small!.summary.readUnits}`,
      };
    });
  } finally {
    admin.destroy();
    await bench.stop();
  }
}
