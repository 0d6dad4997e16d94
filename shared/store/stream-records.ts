import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { STATUSES, type RepairStatus } from '../domain/status.js';
import type { RepairOrder } from '../domain/order.js';
import type { StatusChange } from '../usecases/notify-status.js';

type Image = Record<string, AttributeValue>;

export class MalformedRecordError extends Error {}

/**
 * A stream record → the order change it carries, or null for records the notifier does not act
 * on: other item types, and removals (TTL expiry of markers and idempotency records among them;
 * DynamoDB Local sends those with an eventName the SDK may not know).
 */
export function statusChangeFromRecord(record: DynamoDBRecord): StatusChange | null {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return null;
  const newImage = record.dynamodb?.NewImage as Image | undefined;
  if (!newImage || newImage.type?.S !== 'order') return null;
  const order = unmarshall(newImage) as RepairOrder;
  if (
    typeof order.id !== 'string' ||
    typeof order.version !== 'number' ||
    !STATUSES.includes(order.status) ||
    typeof order.customer?.language !== 'string'
  ) {
    throw new MalformedRecordError(`order record ${record.eventID ?? ''} lacks id, version, status or customer`);
  }
  const oldStatus = (record.dynamodb?.OldImage as Image | undefined)?.status?.S as RepairStatus | undefined;
  return { order, previousStatus: record.eventName === 'INSERT' ? null : (oldStatus ?? null) };
}
