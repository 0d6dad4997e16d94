import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Warranty } from '../domain/warranty.js';
import type { WarrantyRepository } from '../usecases/ports.js';
import { translateStorageError } from './errors.js';
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

  async register(warranty: Warranty): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: warrantyItem(warranty, firstWarrantyStep(warranty)),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch(translateStorageError);
  }
}
