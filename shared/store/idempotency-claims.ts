import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TemporarilyUnavailableError } from '../domain/errors.js';
import { AlreadyCreatedError, IdempotencyKeyReusedError, type IdempotencyClaim } from '../usecases/ports.js';
import { translateStorageError } from './errors.js';
import { keys } from './keys.js';
import { TABLE } from './table.js';

/**
 * The claim item, put in the creating transaction: only one request per (store, route, key) can
 * write it, so nothing is ever created twice under one key. A claim past its expiry that TTL has
 * not removed yet no longer counts.
 */
export function claimPut(tableName: string, storeId: string, claim: IdempotencyClaim, createdId: string) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.idempotencyClaim(storeId, claim.keyHash),
        type: 'idempotencyClaim',
        createdId,
        payloadHash: claim.payloadHash,
        [TABLE.timeToLiveAttribute]: claim.expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR #expires < :now',
      ExpressionAttributeNames: { '#expires': TABLE.timeToLiveAttribute },
      ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
    },
  };
}

/** Why a claim was refused: this very request created before (replay it), or another body used the key. */
export async function claimRefusal(db: DynamoDBDocumentClient, tableName: string, storeId: string, claim: IdempotencyClaim): Promise<Error> {
  const { Item } = await db
    .send(new GetCommand({ TableName: tableName, Key: keys.idempotencyClaim(storeId, claim.keyHash), ConsistentRead: true }))
    .catch(translateStorageError);
  // Expired and removed in between: a retry claims the key afresh.
  if (!Item) return new TemporarilyUnavailableError(1);
  return Item.payloadHash === claim.payloadHash ? new AlreadyCreatedError(String(Item.createdId)) : new IdempotencyKeyReusedError();
}
