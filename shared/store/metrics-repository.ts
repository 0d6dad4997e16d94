import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TemporarilyUnavailableError } from '../domain/errors.js';
import { dayDeltas, METRIC_COUNTERS, type DayAggregate, type DayContribution, type DayDelta } from '../domain/metrics.js';
import { TurnaroundHistogram } from '../domain/turnaround-histogram.js';
import type { MetricsRepository } from '../usecases/ports.js';
import { cancellationCodes, isConditionFailure, isTransactionConflict, translateStorageError } from './errors.js';
import type { Item } from './items.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';
import { decodeHistogram, encodeHistogram } from './turnaround-codec.js';

/** Markers of one change only need to outlive stream redelivery (24 h retention plus retries). */
const MARKER_TTL_SECONDS = 30 * 86_400;
/** The day's turnarounds, fixed-size (turnaround-codec.ts). */
const HISTOGRAM = 'turnaroundHistogram';
/** Days counted before the histogram kept one number per completion here; still read, never written. */
const LEGACY_SAMPLES = 'turnaroundMinutes';
/** Writers racing for one day's histogram: one per stream shard at most, so a few rounds settle it. */
const MAX_ATTEMPTS = 12;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DynamoMetricsRepository implements MetricsRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async addOnce(marker: { orderId: string; tag: string; permanent?: boolean }, contribution: DayContribution): Promise<boolean> {
    return this.addDeltaOnce(marker, dayDeltas([contribution])[0]!);
  }

  /**
   * Adds to the store's day exactly once: the marker and the day's update are written in one
   * transaction, so a redelivered stream record finds its marker and adds nothing. Counters are
   * ADDed (atomic however many writers). The histogram cannot be ADDed to, so it is read and
   * written back only if still as read (compare-and-set); a writer that lost the race reads again
   * and retries, its marker not yet written. Many contributions of one day (a bulk load) can come
   * as one delta under one marker.
   */
  async addDeltaOnce(marker: { orderId: string; tag: string; permanent?: boolean }, delta: DayDelta): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const stored = delta.turnaround ? await this.storedHistogram(delta) : null;
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
              { Update: { TableName: this.tableName, Key: keys.metricsDay(delta.storeId, delta.day), ...dayUpdate(delta, stored) } },
            ],
          }),
        );
        return true;
      } catch (error) {
        const [markerCheck, histogramCheck] = cancellationCodes(error);
        if (markerCheck === 'ConditionalCheckFailed') return false;
        if (histogramCheck !== 'ConditionalCheckFailed' && !isTransactionConflict(error)) return translateStorageError(error);
        if (attempt === MAX_ATTEMPTS) throw new TemporarilyUnavailableError(1);
        // Full jitter: racing writers spread out instead of colliding again.
        await pause(Math.random() * Math.min(250, 5 * 2 ** attempt));
      }
    }
  }

  private async storedHistogram(delta: DayDelta): Promise<Uint8Array | undefined> {
    const read = await this.db
      .send(new GetCommand({ TableName: this.tableName, Key: keys.metricsDay(delta.storeId, delta.day), ProjectionExpression: '#h', ExpressionAttributeNames: { '#h': HISTOGRAM }, ConsistentRead: true }))
      .catch(translateStorageError);
    return read.Item?.[HISTOGRAM] as Uint8Array | undefined;
  }

  /**
   * One-off after deploying the histogram: folds the sample lists of a store's days written before
   * it into their histograms and removes the lists, so those days are one size too (until then
   * they are folded on every read). One Query over the store's days (no Scan); each day rewritten
   * only if its histogram and its list are as read — safe beside the aggregator (whose
   * compare-and-set then retries) and beside an old aggregator still appending; safe to run again.
   */
  async foldSampleLists(storeId: string): Promise<{ daysWithSamples: number; folded: number }> {
    const names = { '#h': HISTOGRAM, '#l': LEGACY_SAMPLES };
    const days = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
      FilterExpression: 'attribute_exists(#l)',
      ProjectionExpression: 'pk, sk, #h, #l',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':pk': keys.metricsPartition(storeId), ':day': 'DAY#' },
    });
    let folded = 0;
    for (const listed of days) {
      let day: Item | undefined = listed;
      for (let attempt = 1; day?.[LEGACY_SAMPLES] !== undefined; attempt++) {
        const stored = day[HISTOGRAM] as Uint8Array | undefined;
        const samples = day[LEGACY_SAMPLES] as number[];
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: day.pk, sk: day.sk },
              UpdateExpression: 'SET #h = :h REMOVE #l',
              ConditionExpression: `${stored ? '#h = :stored' : 'attribute_not_exists(#h)'} AND size(#l) = :n`,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':h': encodeHistogram(dayAggregate(day).turnaround), ':n': samples.length, ...(stored && { ':stored': stored }) },
            }),
          );
          folded++;
          break;
        } catch (error) {
          if (!isConditionFailure(error) || attempt === MAX_ATTEMPTS) return translateStorageError(error);
          // Changed since read: read it again (folded by another run meanwhile: nothing left to do).
          day = (await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: day.pk, sk: day.sk }, ConsistentRead: true })).catch(translateStorageError)).Item;
        }
      }
    }
    return { daysWithSamples: days.length, folded };
  }

  async days(storeId: string, from: string, to: string): Promise<DayAggregate[]> {
    const days = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.metricsPartition(storeId), ':from': `DAY#${from}`, ':to': `DAY#${to}` },
    });
    return days.map(dayAggregate);
  }
}

/** ADD for the counters; the histogram SET only if it is still what was read (absent: still absent). */
function dayUpdate(delta: DayDelta, stored: Uint8Array | undefined | null) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(delta.counts)
    .filter(([name]) => (METRIC_COUNTERS as readonly string[]).includes(name))
    .map(([name, value], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      return `#c${i} :c${i}`;
    });
  let set = '';
  let condition: string | undefined;
  if (delta.turnaround) {
    names['#h'] = HISTOGRAM;
    values[':h'] = encodeHistogram((stored ? decodeHistogram(stored) : TurnaroundHistogram.empty()).merge(delta.turnaround));
    set = 'SET #h = :h';
    if (stored) values[':stored'] = stored;
    condition = stored ? '#h = :stored' : 'attribute_not_exists(#h)';
  }
  return {
    UpdateExpression: [set, adds.length ? `ADD ${adds.join(', ')}` : ''].filter(Boolean).join(' '),
    ...(condition && { ConditionExpression: condition }),
    ...(Object.keys(names).length && { ExpressionAttributeNames: names }),
    ExpressionAttributeValues: values,
  };
}

/** The item of a day that holds exactly `delta` (a load that writes days whole: the bench). */
export function dayItem(delta: DayDelta): Item {
  return { ...keys.metricsDay(delta.storeId, delta.day), ...delta.counts, ...(delta.turnaround && { [HISTOGRAM]: encodeHistogram(delta.turnaround) }) };
}

function dayAggregate(item: Item): DayAggregate {
  const stored = item[HISTOGRAM] as Uint8Array | undefined;
  const turnaround = stored ? decodeHistogram(stored) : TurnaroundHistogram.empty();
  // A day counted (partly) before the histogram: its samples join the histogram as read.
  for (const minutes of (item[LEGACY_SAMPLES] as number[] | undefined) ?? []) turnaround.add(minutes);
  const counters = Object.fromEntries(METRIC_COUNTERS.map((name) => [name, Number(item[name] ?? 0)])) as Record<(typeof METRIC_COUNTERS)[number], number>;
  return { ...counters, turnaround };
}
