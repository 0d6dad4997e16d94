import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { planFollowUps } from '../shared/domain/follow-up.js';
import { newId } from '../shared/domain/ids.js';
import { moveOrder, openOrder, type RepairOrder } from '../shared/domain/order.js';
import { newPageToken } from '../shared/domain/page-link.js';
import { withDefaults } from '../shared/domain/store-settings.js';
import { newTrackingCode } from '../shared/domain/tracking-code.js';
import { grantRepairWarranty } from '../shared/domain/warranty.js';
import { firstWarrantyStep, followUpItem, orderItem, warrantyItem, type Item } from '../shared/store/items.js';
import { keys } from '../shared/store/keys.js';
import { createTableInput } from '../shared/store/table.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeedPlan {
  storeId: string;
  /** Orders in all. */
  orders: number;
  /** How many of them have work due at `at` for each job; the rest have work planned later. */
  due: { followUps: number; sla: number; warranties: number };
  at: Date;
  /** Whether the customers agreed to SMS (default false): true makes the warranty job send its reminders. */
  smsOptIn?: boolean;
}

/**
 * Writes a store's worth of orders straight into the table, through the same item mappers the
 * application uses (so every index entry is what the app would write), fast enough for 20 000.
 * Shape: a third open orders (in the SLA queue), two thirds completed (two follow-up calls and a
 * repair warranty each). Exactly `due` of each job's items are due at `at`.
 */
export async function seedOrders(db: DynamoDBDocumentClient, tableName: string, plan: SeedPlan): Promise<{ items: number }> {
  const store = withDefaults({ id: plan.storeId, name: 'Seeded Store', country: 'IN', timezone: 'Asia/Kolkata' });
  const items: Item[] = [{ ...keys.store(store.id), type: 'store', ...store }];
  const open = Math.floor(plan.orders / 3);
  for (let i = 0; i < plan.orders; i++) {
    const isOpen = i < open;
    // Open orders due for the SLA watch were created long ago; the others within the hour.
    const slaDue = isOpen && i < plan.due.sla;
    const createdAt = new Date(plan.at.getTime() - (slaDue ? 2 * DAY : 10 * 60_000) - i);
    const opened = openOrder(
      {
        channel: 'walk_in',
        customer: { name: `Customer ${i}`, phone: `+9190${String(10_000_000 + i).slice(-8)}`, language: 'en', smsOptIn: plan.smsOptIn ?? false },
        device: { brand: 'OPPO', model: 'A78', deviceId: `SEED${String(i).padStart(10, '0')}` },
        issue: { category: i % 2 ? 'battery' : 'other', description: 'seeded' },
      },
      { id: newId(createdAt.getTime()), trackingCode: newTrackingCode(), store, now: createdAt, pageToken: newPageToken() },
    ).order;
    if (isOpen) {
      items.push(orderItem(opened));
      continue;
    }
    const k = i - open;
    // Completed 3 days (+1 h) before `at` makes the first call due; 1 day before, nothing is.
    const completedAt = new Date(plan.at.getTime() - (k < plan.due.followUps ? 3 * DAY + HOUR : DAY));
    const completed: RepairOrder = moveOrder({ ...opened, status: 'ready_for_pickup' }, { to: 'completed' }, { by: store.id, now: completedAt, sla: store.sla }).order;
    items.push(orderItem(completed), ...planFollowUps(completed, completedAt, store.followUpDays).map(followUpItem));
    // Warranties due for their reminder ended (almost) 7 days after `at`; the others months later.
    const days = k < plan.due.warranties ? 7 + 1 : 90;
    const warranty = grantRepairWarranty({
      id: `wr_${completed.id}`, deviceId: completed.device.deviceId ?? '', orderId: completed.id, storeId: store.id,
      timezone: store.timezone, completedAt: k < plan.due.warranties ? new Date(plan.at.getTime() - DAY) : completedAt, days,
    });
    items.push(warrantyItem(warranty, firstWarrantyStep(warranty)));
  }
  await writeAll(db, tableName, items);
  return { items: items.length };
}

/**
 * A fresh table (dropped and re-created from the shared definition) holding exactly `plan`'s
 * orders: what the job scale test and the job bench measure at each table size.
 */
export async function seedFreshTable(client: DynamoDBClient, tableName: string, plan: SeedPlan): Promise<{ items: number }> {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  return seedOrders(DynamoDBDocumentClient.from(client), tableName, plan);
}

async function writeAll(db: DynamoDBDocumentClient, tableName: string, items: Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let request: Record<string, { PutRequest: { Item: Item } }[]> | undefined = { [tableName]: batch.map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length) {
        const result = await db.send(new BatchWriteCommand({ RequestItems: request }));
        request = result.UnprocessedItems as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}
