import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseEscalationId } from '../domain/escalation.js';
import type { FollowUpTask } from '../domain/follow-up.js';
import type { DueExtensionNotice, DueOrder, DuePhotoPurge, DueWarranty, ExtensionNoticeQueue, FollowUpQueue, PhotoPurgeQueue, RdQueue, SlaQueue, WarrantyQueue, WarrantyStep } from '../usecases/job-ports.js';
import { readDuePage } from './due-queue.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import { followUpItem, toEscalation, toFollowUp, toOrder, toWarranty, warrantyItem, type Item } from './items.js';
import { keys, type DueJob } from './keys.js';
import type { DynamoOrderRepository } from './order-repository.js';

/** A conditional write that lost to another run is not an error for a job: it just was not ours. */
async function ifStillSo(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    return translateStorageError(error);
  }
}

function dueReader<T>(db: DynamoDBDocumentClient, tableName: string, job: DueJob, toEntity: (item: Item) => T) {
  return async (at: Date, limit: number, start?: Record<string, unknown>) => {
    const page = await readDuePage(db, tableName, job, at, limit, start);
    return { items: page.items.map(toEntity), next: page.next, readUnits: page.readUnits };
  };
}

export function followUpQueue(db: DynamoDBDocumentClient, tableName: string): FollowUpQueue {
  return {
    due: dueReader(db, tableName, 'FOLLOWUP', toFollowUp),
    markDue: (task: FollowUpTask) =>
      ifStillSo(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: followUpItem({ ...task, state: 'due' }),
            ConditionExpression: '#state = :planned AND dueAt = :dueAt AND attempt = :attempt',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':planned': 'planned', ':dueAt': task.dueAt, ':attempt': task.attempt },
          }),
        ),
      ),
  };
}

export function photoPurgeQueue(db: DynamoDBDocumentClient, tableName: string): PhotoPurgeQueue {
  return {
    due: dueReader(db, tableName, 'PHOTOS', (item): DuePhotoPurge => ({ orderId: item.orderId as string, storeId: item.storeId as string, purgeAt: item.purgeAt as string })),
    done: (purge) =>
      ifStillSo(
        db.send(
          new DeleteCommand({ TableName: tableName, Key: keys.photoPurge(purge.orderId), ConditionExpression: 'purgeAt = :at', ExpressionAttributeValues: { ':at': purge.purgeAt } }),
        ),
      ),
  };
}

export function warrantyQueue(db: DynamoDBDocumentClient, tableName: string): WarrantyQueue {
  const fromStep = (warranty: DueWarranty) => ({
    ConditionExpression: 'nextAction = :step',
    ExpressionAttributeValues: { ':step': warranty.nextAction },
  });
  return {
    due: dueReader(db, tableName, 'WARRANTY', (item) => ({ ...toWarranty(item), nextAction: item.nextAction as WarrantyStep })),
    reschedule: (warranty, step, at) =>
      ifStillSo(db.send(new PutCommand({ TableName: tableName, Item: warrantyItem(warranty, { action: step, at }), ...fromStep(warranty) }))),
    expire: (warranty) => ifStillSo(db.send(new PutCommand({ TableName: tableName, Item: warrantyItem(warranty, null), ...fromStep(warranty) }))),
  };
}

export function slaQueue(db: DynamoDBDocumentClient, tableName: string, orders: DynamoOrderRepository): SlaQueue {
  return {
    due: dueReader(db, tableName, 'SLA', (item): DueOrder => ({
      ...toOrder(item),
      slaAlertPending: (item.slaAlertPending as DueOrder['slaAlertPending']) ?? null,
      responseAlertPending: (item.responseAlertPending as DueOrder['responseAlertPending']) ?? null,
    })),
    setFlag: (order, target, from, to) => orders.setSlaFlag(order, target, from, to),
    settle: (order) => orders.settleSlaCheck(order),
  };
}


/** The R&D queue's SLA: raised escalations due for their one alert (gsi3 DUE#RD). */
export function rdQueue(db: DynamoDBDocumentClient, tableName: string): RdQueue {
  return {
    due: dueReader(db, tableName, 'RD', toEscalation),
    markAlerted: (escalation, at) => {
      const seq = parseEscalationId(escalation.id)?.seq ?? 0;
      return ifStillSo(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.escalation(escalation.orderId, seq),
            UpdateExpression: 'SET #raised.alertedAt = :at REMOVE gsi3pk, gsi3sk',
            ConditionExpression: '#state = :raised',
            ExpressionAttributeNames: { '#state': 'state', '#raised': 'raised' },
            ExpressionAttributeValues: { ':at': at.toISOString(), ':raised': 'raised' },
          }),
        ),
      );
    },
  };
}

const toNotice = (item: Item): DueExtensionNotice => ({
  campaignId: item.campaignId as string,
  warrantyId: item.warrantyId as string,
  deviceId: item.deviceId as string,
  orderId: item.orderId as string,
  storeId: item.storeId as string,
  timezone: item.timezone as string,
  endsAt: item.endsAt as string,
  dueAt: item.dueAt as string,
});

/** Customers to tell about a campaign's extension (gsi3 DUE#WNOTICE): the campaign markers while queued. */
export function extensionNoticeQueue(db: DynamoDBDocumentClient, tableName: string): ExtensionNoticeQueue {
  const fromDue = (notice: DueExtensionNotice) => ({
    Key: keys.campaignMarker(notice.deviceId, notice.campaignId, notice.warrantyId),
    ConditionExpression: 'gsi3sk = :queued',
  });
  const queued = (notice: DueExtensionNotice) => keys.noticeDueAt(notice.dueAt, notice.campaignId, notice.warrantyId);
  return {
    due: dueReader(db, tableName, 'WNOTICE', toNotice),
    reschedule: (notice, at) =>
      ifStillSo(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            ...fromDue(notice),
            UpdateExpression: 'SET dueAt = :at, gsi3sk = :next',
            ExpressionAttributeValues: { ':queued': queued(notice), ':at': at.toISOString(), ':next': keys.noticeDueAt(at.toISOString(), notice.campaignId, notice.warrantyId) },
          }),
        ),
      ),
    done: (notice) =>
      ifStillSo(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            ...fromDue(notice),
            UpdateExpression: 'REMOVE gsi3pk, gsi3sk, dueAt',
            ExpressionAttributeValues: { ':queued': queued(notice) },
          }),
        ),
      ),
  };
}
