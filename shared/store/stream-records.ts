import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { STATUSES, type RepairStatus } from '../domain/status.js';
import type { FollowUpState } from '../domain/follow-up.js';
import type { FollowUpChange } from '../usecases/metrics.js';
import type { RepairOrder } from '../domain/order.js';
import type { StatusChange } from '../usecases/notify-status.js';
import { toFollowUp, toPageRating } from './items.js';
import type { PageRating } from '../usecases/ports.js';

type Image = Record<string, AttributeValue>;

export class MalformedRecordError extends Error {}

/** INSERT/MODIFY records of one item type; removals (TTL expiry included) and other types are not changes. */
function imagesOf(record: DynamoDBRecord, type: string): { newImage: Image; oldImage: Image | undefined } | null {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return null;
  const newImage = record.dynamodb?.NewImage as Image | undefined;
  if (!newImage || newImage.type?.S !== type) return null;
  return { newImage, oldImage: record.eventName === 'INSERT' ? undefined : (record.dynamodb?.OldImage as Image | undefined) };
}

/**
 * A stream record → the order change it carries, or null for records the consumers do not act
 * on: other item types, and removals (TTL expiry of markers and idempotency records among them;
 * DynamoDB Local sends those with an eventName the SDK may not know).
 */
export function statusChangeFromRecord(record: DynamoDBRecord): StatusChange | null {
  const images = imagesOf(record, 'order');
  if (!images) return null;
  const order = unmarshall(images.newImage) as RepairOrder;
  if (
    typeof order.id !== 'string' ||
    typeof order.version !== 'number' ||
    !STATUSES.includes(order.status) ||
    typeof order.customer?.language !== 'string'
  ) {
    throw new MalformedRecordError(`order record ${record.eventID ?? ''} lacks id, version, status or customer`);
  }
  const oldStatus = images.oldImage?.status?.S as RepairStatus | undefined;
  return { order, previousStatus: images.oldImage ? (oldStatus ?? null) : null };
}

export function followUpChangeFromRecord(record: DynamoDBRecord): FollowUpChange | null {
  const images = imagesOf(record, 'followUp');
  if (!images) return null;
  const task = toFollowUp(unmarshall(images.newImage));
  if (typeof task.id !== 'string' || typeof task.storeId !== 'string') throw new MalformedRecordError(`follow-up record ${record.eventID ?? ''} lacks id or store`);
  return { task, previousState: (images.oldImage?.state?.S as FollowUpState | undefined) ?? null };
}

/** A rating left on the customer page (written once: only its INSERT counts). */
export function pageRatingFromRecord(record: DynamoDBRecord): PageRating | null {
  if (record.eventName !== 'INSERT') return null;
  const images = imagesOf(record, 'pageRating');
  if (!images) return null;
  const rating = toPageRating(unmarshall(images.newImage));
  if (typeof rating.orderId !== 'string' || typeof rating.storeId !== 'string' || typeof rating.rating !== 'number' || typeof rating.at !== 'string') {
    throw new MalformedRecordError(`page rating record ${record.eventID ?? ''} lacks order, store, rating or time`);
  }
  return rating;
}
