import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { changeTag, type ClaimResult, type SmsLedger, type SmsMarkerRef } from '../notify/ports.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import { keys } from './keys.js';
import { phoneHash } from '../domain/phone.js';

/**
 * Longer than a publish can take: the SNS adapter gives up after PUBLISH_TIMEOUTS.deadlineMs (10 s, with
 * per-attempt timeouts and at most two attempts, shared/notify/sns-sender.ts). A claim older than
 * this belongs to a sender that died.
 */
export const CLAIM_LEASE_MS = 15_000;
/** Markers only need to outlive stream redelivery (24 h retention plus retries). */
const MARKER_TTL_SECONDS = 30 * 86_400;


export class DynamoSmsLedger implements SmsLedger {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async claim(ref: SmsMarkerRef, now: Date): Promise<ClaimResult> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.smsMarkerTagged(ref.orderId, ref.tag),
            type: 'smsMarker',
            state: 'sending',
            leaseUntil: now.getTime() + CLAIM_LEASE_MS,
            expiresAt: Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.getTime() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) translateStorageError(error);
      const existing = (error as { Item?: Record<string, { S?: string }> }).Item;
      return existing?.state?.S === 'sending' ? 'in-flight' : 'done';
    }
  }

  async markSent(ref: SmsMarkerRef, details: { messageId: string; template: string; language: string; segments: number }) {
    await this.finish(ref, { state: 'sent', ...details });
  }

  async markSkipped(ref: SmsMarkerRef, reason: 'opted-out' | 'unrenderable') {
    await this.finish(ref, { state: 'skipped', reason });
  }

  /**
   * One Query, at most one item: change markers sort by their zero-padded version, so any marker
   * between the next version and the highest possible one is a later change. The upper bound keeps
   * the other markers of the order (`SMS#WARRANTY#…`, which sort after digits) out. Strongly
   * consistent: the later marker may have been written a moment ago by this same consumer.
   */
  async laterChangeHandled(orderId: string, version: number): Promise<boolean> {
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :after AND :last',
          ExpressionAttributeValues: {
            ':pk': keys.orderPartition(orderId),
            ':after': keys.smsMarkerTagged(orderId, changeTag(version + 1)).sk,
            ':last': keys.smsMarkerTagged(orderId, '9'.repeat(changeTag(0).length)).sk,
          },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
          Limit: 1,
        }),
      )
      .catch(translateStorageError);
    return (result.Items ?? []).length > 0;
  }

  async release(ref: SmsMarkerRef): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.smsMarkerTagged(ref.orderId, ref.tag),
          UpdateExpression: 'SET leaseUntil = :zero',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':zero': 0, ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) translateStorageError(error);
      });
  }

  async isOptedOut(phone: string): Promise<boolean> {
    const result = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.smsOptOut(phoneHash(phone)) }))
      .catch(translateStorageError);
    return result.Item !== undefined;
  }

  async recordOptOut(phone: string, at: Date): Promise<void> {
    await this.db
      .send(new PutCommand({ TableName: this.tableName, Item: { ...keys.smsOptOut(phoneHash(phone)), type: 'smsOptOut', at: at.toISOString() } }))
      .catch(translateStorageError);
  }

  private async finish(ref: SmsMarkerRef, fields: Record<string, string | number>) {
    const names = Object.keys(fields);
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.smsMarkerTagged(ref.orderId, ref.tag),
          UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}, finishedAt = :at REMOVE leaseUntil`,
          ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
          ExpressionAttributeValues: { ...Object.fromEntries(names.map((n) => [`:${n}`, fields[n]])), ':at': new Date().toISOString() },
        }),
      )
      .catch(translateStorageError);
  }
}
