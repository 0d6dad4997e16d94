import type { Context, ScheduledEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { startDynamoLocal, type DynamoLocal } from '../../local/dynamodb-local.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { seedFreshTable } from '../../local/seed.js';
import { DynamoRecorder, describeCalls, sum } from '../../bench/dynamo-recorder.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import type { JobSummary } from '../../shared/usecases/jobs.js';

/**
 * The jobs read only what is due: with the same 50 items due, a table of 20 000 orders costs
 * them about what a table of 200 does. Every call a job makes through the handlers' DynamoDB
 * client is counted — the due queue and each item's own reads (the order, the store, the SMS
 * ledger and opt-out for a reminder) — with DynamoDB's own figure (ReturnConsumedCapacity).
 */
type JobHandler = (event: ScheduledEvent, context: Context) => Promise<JobSummary>;
const DUE = 50;
const SIZES = [200, 20_000] as const;
/** At most this many read units per due item for the item's own reads, beside the due queue's. */
const READ_UNITS_PER_DUE_ITEM = 2;
const AT = new Date('2026-11-22T06:30:00.000Z'); // the warranty rule's hour: daytime in the store's zone
const JOBS = ['followups', 'sla', 'warranty'] as const;

interface Run {
  summary: JobSummary;
  readUnits: number;
  calls: string;
  /** GetItem calls on a store's settings item. */
  storeReads: number;
}

let base: TestTable;
let ownDynamo: DynamoLocal;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
const handlers: Record<string, JobHandler> = {};
const runs: Record<number, Record<string, Run>> = {};

beforeAll(async () => {
  process.env.OPS_TOPIC_ARN = 'arn:aws:sns:ap-south-1:000000000000:ops-scale';
  // A DynamoDB Local of its own: it keeps the stream records of 40 000 writes (dropped table or
  // not), and they slow every later request of the run's shared instance about fivefold.
  ownDynamo = await startDynamoLocal();
  base = await createTestTable({ endpoint: ownDynamo.endpoint });
  sns = await startSnsEndpoint();
  // Loaded once the environment names the test table: the handlers' shared client, recorded.
  const { dynamoClient, documentClient } = await import('../../shared/store/client.js');
  const recorder = new DynamoRecorder(dynamoClient, documentClient);
  for (const name of JOBS) handlers[name] = ((await import(`../../functions/jobs/${name}.js`)) as { handler: JobHandler }).handler;

  // The job modules bound the table named in TABLE_NAME at load; each size gets its own run of
  // them by re-creating that table with the size's orders (customers opted in: reminders go out).
  for (const orders of SIZES) {
    await seedFreshTable(base.client, base.tableName, { storeId: `store_scale_${orders}`, orders, due: { followUps: DUE, sla: DUE, warranties: DUE }, at: AT, smsOptIn: true });
    runs[orders] = {};
    for (const name of JOBS) {
      const job = SCHEDULED_JOBS.find((j) => j.name === name)!;
      recorder.take();
      const summary = await handlers[name]!(scheduledEvent(job, AT), { ...lambdaContext(name), getRemainingTimeInMillis: () => 900_000 });
      const { calls } = recorder.take();
      runs[orders]![name] = {
        summary,
        readUnits: sum(calls.map((call) => call.readUnits)),
        calls: describeCalls(calls),
        storeReads: calls.filter((call) => call.operation === 'GetItem' && call.pk?.startsWith('STORE#')).length,
      };
    }
  }
}, 600_000);

afterAll(async () => {
  await sns?.stop();
  await base?.drop().catch(() => undefined); // the instance goes next anyway
  await ownDynamo?.stop();
});

test.each(JOBS)('%s: handles exactly the due items at both sizes', (name) => {
  for (const orders of SIZES) {
    expect(runs[orders]![name]!.summary).toMatchObject({ examined: DUE, changed: DUE, failed: 0, complete: true });
  }
});

test('the warranty job really sent its reminders (its per-item reads are part of the count)', () => {
  expect(sns.inbox.list().filter((sms) => /warrant/i.test(sms.body))).toHaveLength(DUE * SIZES.length);
});

test("the warranty job reads a store's settings once per run, however many of its customers get a reminder", () => {
  for (const orders of SIZES) expect(runs[orders]!.warranty!.storeReads).toBe(1);
});

test.each(JOBS)('%s: every read of the run counted: flat in table size, and a small constant per due item', (name) => {
  const [small, large] = SIZES.map((orders) => runs[orders]![name]!);
  console.log(`${name}: read units at 200 orders ${small!.readUnits} (${small!.calls}), at 20 000 orders ${large!.readUnits} (${large!.calls})`);
  for (const run of [small!, large!]) {
    // The due queue's Query (what the job reports itself) costs at most one unit per due item…
    expect(run.summary.readUnits).toBeGreaterThan(0);
    expect(run.summary.readUnits).toBeLessThanOrEqual(DUE);
    // …and what the job reads for each item (order, store, SMS opt-out) at most READ_UNITS_PER_DUE_ITEM.
    expect(run.readUnits).toBeGreaterThanOrEqual(run.summary.readUnits);
    expect(run.readUnits - run.summary.readUnits).toBeLessThanOrEqual(READ_UNITS_PER_DUE_ITEM * DUE);
  }
  expect(large!.readUnits).toBeLessThanOrEqual(2 * small!.readUnits);
});
