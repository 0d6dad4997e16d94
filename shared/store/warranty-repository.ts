import { PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Warranty } from '../domain/warranty.js';
import type { IdempotencyClaim, WarrantyRepository } from '../usecases/ports.js';
import { cancellationCodes, translateStorageError } from './errors.js';
import { claimPut, claimRefusal } from './idempotency-claims.js';
import { firstWarrantyStep, toWarranty, warrantyItem } from './items.js';
import { keys } from './keys.js';

/** Warranties live under the device, network-wide: one Query answers "what covers this IMEI?". */
export class DynamoWarrantyRepository implements WarrantyRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async listByDevice(deviceId: string): Promise<Warranty[]> {
    const result = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.devicePartition(deviceId), ':prefix': 'WARRANTY#' },
        }),
      )
      .catch(translateStorageError);
    return (result.Items ?? []).map(toWarranty);
  }

  async register(warranty: Warranty, claim?: IdempotencyClaim): Promise<void> {
    const put = { TableName: this.tableName, Item: warrantyItem(warranty, firstWarrantyStep(warranty)), ConditionExpression: 'attribute_not_exists(pk)' };
    if (!claim) {
      await this.db.send(new PutCommand(put)).catch(translateStorageError);
      return;
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, claimPut(this.tableName, warranty.storeId, claim, warranty.id)] }));
    } catch (error) {
      if (cancellationCodes(error)[1] === 'ConditionalCheckFailed') throw await claimRefusal(this.db, this.tableName, warranty.storeId, claim);
      translateStorageError(error);
    }
  }
}
