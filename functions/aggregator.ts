import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../shared/observability/logger.js';
import { metrics, orders, stores } from '../shared/store/container.js';
import { quality } from '../shared/store/network-container.js';
import { followUpChangeFromRecord, pageRatingFromRecord, statusChangeFromRecord } from '../shared/store/stream-records.js';
import { aggregateFollowUpChange, aggregateOrderChange, aggregatePageRating, timeZoneResolver, type AggregateDeps } from '../shared/usecases/metrics.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);
/** Time zones rarely change: cached for the life of the container. */
const deps: AggregateDeps = { metrics, quality, orders, timeZoneOf: timeZoneResolver(stores) };

/**
 * Order and follow-up changes (and, for the network's model quality, completions and reworks) and customer-page ratings from the table's stream → per-store daily aggregates, each counted
 * once (a marker per change is written with the counters). Metrics are then read without
 * touching a single order.
 */
export async function handler(event: DynamoDBStreamEvent, context: Context) {
  logger.addContext(context);
  const handleRecord = async (record: DynamoDBRecord) => {
    const orderChange = statusChangeFromRecord(record);
    if (orderChange) return aggregateOrderChange(deps, orderChange);
    const followUpChange = followUpChangeFromRecord(record);
    if (followUpChange) return aggregateFollowUpChange(deps, followUpChange);
    const pageRating = pageRatingFromRecord(record);
    if (pageRating) return aggregatePageRating(deps, pageRating);
    return 0;
  };
  return processPartialResponse(event, handleRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
}
