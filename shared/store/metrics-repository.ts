import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { METRIC_COUNTERS, type DayAggregate, type DayContribution } from '../domain/metrics.js';
import type { MetricsRepository } from '../usecases/ports.js';
import { isConditionFailure, translateStorageError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** Markers of one change only need to outlive stream redelivery (24 h retention plus retries). */
const MARKER_TTL_SECONDS = 30 * 86_400;

export class DynamoMetricsRepository implements MetricsRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  /**
   * Adds a contribution to the store's day exactly once: the marker and the counters are written in
   * one transaction, so a redelivered stream record finds its marker and adds nothing.
   */
  async addOnce(marker: { orderId: string; tag: string; permanent?: boolean }, contribution: DayContribution): Promise<boolean> {
    const counters = Object.entries(contribution.counts).filter(([name]) => (METRIC_COUNTERS as readonly string[]).includes(name));
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const adds = counters.map(([name, value], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      return `#c${i} :c${i}`;
    });
    let set = '';
    if (contribution.turnaroundMinutes !== undefined) {
      set = 'SET turnaroundMinutes = list_append(if_not_exists(turnaroundMinutes, :empty), :turnaround)';
      values[':empty'] = [];
      values[':turnaround'] = [contribution.turnaroundMinutes];
    }
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.metricsMarker(marker.orderId, marker.tag),
                  type: 'metricsMarker',
                  ...(!marker.permanent && { expiresAt: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS }),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.metricsDay(contribution.storeId, contribution.day),
                UpdateExpression: [set, adds.length ? `ADD ${adds.join(', ')}` : ''].filter(Boolean).join(' '),
                ...(Object.keys(names).length && { ExpressionAttributeNames: names }),
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

  async days(storeId: string, from: string, to: string): Promise<DayAggregate[]> {
    const days = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.metricsPartition(storeId), ':from': `DAY#${from}`, ':to': `DAY#${to}` },
    });
    return days as DayAggregate[];
  }
}
