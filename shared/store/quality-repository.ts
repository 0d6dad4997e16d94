import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { qualityKeyId, type QualityContribution, type QualityDay } from '../domain/quality.js';
import type { QualityRepository } from '../usecases/ports.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/**
 * Model quality counters: one network partition per day (QUALITY#<day>), one item per brand ×
 * model × category, its sort key starting with the model so ?model= is a begins_with. A day's
 * partition takes the network's completions and reworks of that day: far below a partition's
 * 1 000 writes a second.
 */
export class DynamoQualityRepository implements QualityRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  /** Added once per marker: the marker and the counters in one transaction, as the store metrics. */
  async addOnce(marker: { orderId: string; tag: string }, contribution: QualityContribution): Promise<boolean> {
    const { key, day } = contribution;
    const values: Record<string, unknown> = { ':repairs': contribution.repairs, ':reworks': contribution.reworks, ':brand': key.brand, ':model': key.model, ':category': key.category, ':day': day };
    const adds = ['repairs :repairs', 'reworks :reworks'];
    if (contribution.reworkStoreId) {
      values[':store'] = new Set([contribution.reworkStoreId]);
      adds.push('reworkStores :store');
    }
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...keys.metricsMarker(marker.orderId, marker.tag), type: 'metricsMarker' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.qualityDay(day, qualityKeyId(key)),
                UpdateExpression: `SET brand = :brand, model = :model, category = :category, #day = :day ADD ${adds.join(', ')}`,
                ExpressionAttributeNames: { '#day': 'day' },
                ExpressionAttributeValues: values,
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }

  /** One day's rows (of one model when given): one Query. */
  async day(day: string, model?: string): Promise<QualityDay[]> {
    const prefix = model ? `${encodeURIComponent(model.trim().toLowerCase())}#` : undefined;
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.qualityPartition(day), ...(prefix && { ':prefix': prefix }) },
    });
    return items.map((item) => ({
      brand: String(item.brand),
      model: String(item.model),
      category: String(item.category),
      repairs: Number(item.repairs ?? 0),
      reworks: Number(item.reworks ?? 0),
      reworkStores: item.reworkStores instanceof Set ? [...(item.reworkStores as Set<string>)] : [],
    }));
  }
}
