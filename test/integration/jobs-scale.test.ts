import type { Context, ScheduledEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { createTableInput } from '../../shared/store/table.js';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { seedOrders } from '../../local/seed.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import type { JobSummary } from '../../shared/usecases/jobs.js';

/**
 * The jobs read only what is due: with the same 50 items due, a table of 20 000 orders costs
 * them about what a table of 200 does. Read units are DynamoDB's own count (ReturnConsumedCapacity).
 */
type JobHandler = (event: ScheduledEvent, context: Context) => Promise<JobSummary>;
const DUE = 50;
const AT = new Date('2026-11-22T06:30:00.000Z'); // the warranty rule's hour: daytime in the store's zone
const JOBS = ['followups', 'sla', 'warranty'] as const;

let base: TestTable;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
const handlers: Record<string, JobHandler> = {};
const results: Record<number, Record<string, JobSummary>> = {};

beforeAll(async () => {
  process.env.OPS_TOPIC_ARN = 'arn:aws:sns:ap-south-1:000000000000:ops-scale';
  base = await createTestTable();
  sns = await startSnsEndpoint();
  for (const name of JOBS) handlers[name] = ((await import(`../../functions/jobs/${name}.js`)) as { handler: JobHandler }).handler;

  // The job modules bound the table named in TABLE_NAME at load; each size gets its own run of
  // them by seeding that table, running, and clearing it for the next size.
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  for (const orders of [200, 20_000]) {
    await base.client.send(new DeleteTableCommand({ TableName: base.tableName }));
    await base.client.send(new CreateTableCommand(createTableInput(base.tableName)));
    await seedOrders(doc, base.tableName, { storeId: `store_scale_${orders}`, orders, due: { followUps: DUE, sla: DUE, warranties: DUE }, at: AT });
    results[orders] = {};
    for (const name of JOBS) {
      const job = SCHEDULED_JOBS.find((j) => j.name === name)!;
      results[orders]![name] = await handlers[name]!(scheduledEvent(job, AT), { ...lambdaContext(name), getRemainingTimeInMillis: () => 900_000 });
    }
  }
}, 600_000);

afterAll(async () => {
  await sns.stop();
  await base.drop();
});

test.each(JOBS)('%s: handles exactly the due items at both sizes', (name) => {
  for (const orders of [200, 20_000]) {
    expect(results[orders]![name]).toMatchObject({ examined: DUE, changed: DUE, failed: 0, complete: true });
  }
});

test.each(JOBS)('%s: reads at most one read unit per due item, and 20 000 orders cost within 2× of 200', (name) => {
  const small = results[200]![name]!.readUnits;
  const large = results[20_000]![name]!.readUnits;
  console.log(`${name}: read units at 200 orders ${small}, at 20 000 orders ${large}`);
  expect(small).toBeGreaterThan(0);
  expect(large).toBeLessThanOrEqual(DUE);
  expect(large).toBeLessThanOrEqual(2 * small);
});
