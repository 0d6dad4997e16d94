import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ABANDON_GRACE_SECONDS, REJECTED_RECORD_DAYS, type Photo, type PhotoState } from '../domain/photo.js';
import type { PhotoRepository } from '../usecases/photo-ports.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import type { Item } from './items.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

const epochSeconds = (iso: string, plusSeconds: number) => Math.floor(Date.parse(iso) / 1000) + plusSeconds;

/** A pending slot expires (TTL) a day after its upload window; a rejected one after REJECTED_RECORD_DAYS. */
export function photoItem(photo: Photo): Item {
  const expiresAt =
    photo.state === 'pending'
      ? epochSeconds(photo.uploadExpiresAt, ABANDON_GRACE_SECONDS + 86_400)
      : photo.state === 'rejected' && photo.checkedAt
        ? epochSeconds(photo.checkedAt, REJECTED_RECORD_DAYS * 86_400)
        : undefined;
  return { ...keys.photo(photo.orderId, photo.slot), type: 'photo', ...photo, ...(expiresAt !== undefined && { expiresAt }) };
}

export function toPhoto(item: Item): Photo {
  const p = item as unknown as Photo;
  return {
    id: p.id,
    orderId: p.orderId,
    storeId: p.storeId,
    slot: p.slot,
    stage: p.stage,
    contentType: p.contentType,
    sizeBytes: p.sizeBytes,
    caption: p.caption ?? null,
    customerVisible: p.customerVisible ?? false,
    state: p.state,
    createdAt: p.createdAt,
    uploadExpiresAt: p.uploadExpiresAt,
    checkedAt: p.checkedAt ?? null,
    rejectedReason: p.rejectedReason ?? null,
  };
}

export class DynamoPhotoRepository implements PhotoRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async listByOrder(orderId: string): Promise<Photo[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.orderPartition(orderId), ':prefix': keys.photoPrefix },
      ConsistentRead: true,
    });
    return items.map(toPhoto);
  }

  async claimSlot(photo: Photo, replaces: Photo | null): Promise<boolean> {
    const condition = replaces
      ? { ConditionExpression: 'id = :old AND #state = :oldState', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':old': replaces.id, ':oldState': replaces.state } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    return this.conditional(new PutCommand({ TableName: this.tableName, Item: photoItem(photo), ...condition }));
  }

  async settle(photo: Photo, outcome: { state: Exclude<PhotoState, 'pending'>; sizeBytes: number; reason: string | null; at: Date }): Promise<boolean> {
    const settled = photoItem({ ...photo, state: outcome.state, sizeBytes: outcome.sizeBytes, rejectedReason: outcome.reason, checkedAt: outcome.at.toISOString() });
    const expiry = settled.expiresAt === undefined ? ' REMOVE expiresAt' : ', expiresAt = :expiresAt';
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.photo(photo.orderId, photo.slot),
        UpdateExpression: `SET #state = :state, sizeBytes = :size, rejectedReason = :reason, checkedAt = :at${expiry}`,
        ConditionExpression: 'id = :id AND #state = :read',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': outcome.state,
          ':size': outcome.sizeBytes,
          ':reason': outcome.reason,
          ':at': settled.checkedAt,
          ':id': photo.id,
          ':read': photo.state,
          ...(settled.expiresAt !== undefined && { ':expiresAt': settled.expiresAt }),
        },
      }),
    );
  }

  async remove(photo: Photo): Promise<void> {
    await this.conditional(
      new DeleteCommand({ TableName: this.tableName, Key: keys.photo(photo.orderId, photo.slot), ConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': photo.id } }),
    );
  }

  /** True when the write happened; false when its condition did not hold (someone else got there first). */
  private async conditional(command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.db.send(command as PutCommand);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }
}
