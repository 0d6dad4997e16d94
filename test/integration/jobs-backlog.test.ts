/**
 * A due backlog larger than one run can handle: the run stops when Lambda's remaining time runs
 * short (the jobs read it from the invocation's context), reports `complete: false`, and the next
 * run handles the rest — nothing twice, nothing lost, and no cursor kept between runs.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { startSnsEndpoint } from '../support/sns-endpoint.js';
import { lambdaContext } from '../../local/api-gateway.js';
import { scheduledEvent } from '../../local/scheduler.js';
import { seedOrders } from '../../local/seed.js';
import { SCHEDULED_JOBS } from '../../functions/schedules.js';
import type { JobSummary } from '../../shared/usecases/jobs.js';

type JobHandler = (event: ScheduledEvent, context: Context) => Promise<JobSummary>;
type JobName = 'followups' | 'warranty' | 'sla';

/** More than one page (100) of each job's work is due at AT. */
const DUE = 120;
const AT = new Date('2026-11-22T06:30:00.000Z'); // daytime in the seeded store's zone: reminders go out
const STORE = 'store_backlog';

let table: TestTable;
let sns: Awaited<ReturnType<typeof startSnsEndpoint>>;
const jobs: Record<string, JobHandler> = {};

beforeAll(async () => {
  process.env.OPS_TOPIC_ARN = 'arn:aws:sns:ap-south-1:000000000000:ops-backlog';
  table = await createTestTable();
  sns = await startSnsEndpoint();
  for (const name of ['followups', 'warranty', 'sla']) jobs[name] = ((await import(`../../functions/jobs/${name}.js`)) as { handler: JobHandler }).handler;
  // 3 × DUE orders: a third open and past their promise, DUE completed with a call due and DUE with a warranty reminder due.
  await seedOrders(table.doc, table.tableName, { storeId: STORE, orders: 3 * DUE, due: { followUps: DUE, sla: DUE, warranties: DUE }, at: AT, smsOptIn: true });
}, 120_000);
afterAll(async () => {
  await sns.stop();
  await table.drop();
});

/** A Lambda context with plenty of time until the job has asked `pages` times, then with less than its safety margin. */
function contextRunningOutAfter(name: string, pages: number): Context {
  let asked = 0;
  return { ...lambdaContext(name), getRemainingTimeInMillis: () => (asked++ < pages ? 900_000 : 5_000) };
}

function runJob(name: JobName, time: Date, context: Context = { ...lambdaContext(name), getRemainingTimeInMillis: () => 900_000 }): Promise<JobSummary> {
  const job = SCHEDULED_JOBS.find((j) => j.name === name)!;
  return jobs[name]!(scheduledEvent(job, time), context);
}

test.each(['followups', 'warranty', 'sla'] as const)('%s: a backlog is handled a page per run when time runs short, and resumed by the next run', async (name) => {
  const first = await runJob(name, AT, contextRunningOutAfter(name, 1));
  expect(first).toMatchObject({ pages: 1, failed: 0, complete: false });
  expect(first.examined).toBeGreaterThan(0);
  expect(first.examined).toBeLessThan(DUE);
  expect(first.changed).toBe(first.examined);

  // The next run (scheduled a little later) starts from the queue, not from where the first stopped.
  const second = await runJob(name, new Date(AT.getTime() + 60_000));
  expect(second).toMatchObject({ examined: DUE - first.examined, changed: DUE - first.examined, failed: 0, complete: true });

  const third = await runJob(name, new Date(AT.getTime() + 120_000));
  expect(third).toMatchObject({ examined: 0, changed: 0, complete: true });
}, 120_000);

test('each backlog item was handled exactly once: every call due once, every reminder sent once, every order alerted once', async () => {
  const { callApi } = await import('../support/api.js');
  const due: { id: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await callApi('GET', `/v1/follow-ups?state=due&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { storeId: STORE });
    due.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(due).toHaveLength(DUE);
  expect(new Set(due.map((task) => task.id)).size).toBe(DUE);

  const reminders = sns.inbox.list().filter((sms) => /warrant/i.test(sms.body));
  expect(reminders).toHaveLength(DUE);
  expect(new Set(reminders.map((sms) => sms.to)).size).toBe(DUE);

  const alerted = sns.inbox.alerts.map((alert) => (alert.message as { orderId: string }).orderId);
  expect(alerted).toHaveLength(DUE);
  expect(new Set(alerted).size).toBe(DUE);
});
