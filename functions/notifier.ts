import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { snsSmsSender } from '../shared/notify/sns-sender.js';
import { createWhatsAppSender } from '../shared/notify/whatsapp/sender.js';
import { logger } from '../shared/observability/logger.js';
import { config, smsLedger, stores, warranties } from '../shared/store/container.js';
import { statusChangeFromRecord } from '../shared/store/stream-records.js';
import { notifyStatusChange, type NotifyDeps } from '../shared/usecases/notify-status.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);
/** Once per container, like the SNS client; used only for stores with a WhatsApp number. */
const whatsappSender = createWhatsAppSender(config.whatsappMetaApiVersion);

/**
 * Order changes from the table's stream → one SMS per customer-facing change. Records are handled
 * in stream order; once a record of an order fails, that order's later records in the batch fail
 * too, so its messages never overtake each other (a record older than a change already notified
 * is skipped as superseded). A malformed record fails alone: it can never succeed, so the order's
 * later records need not wait for it. Only failed records are reported back.
 */
export async function handler(event: DynamoDBStreamEvent, context: Context) {
  logger.addContext(context);
  const failedOrders = new Set<string>();
  const deps: NotifyDeps = {
    ledger: smsLedger,
    sender: snsSmsSender,
        whatsapp: whatsappSender,
    stores,
    warranties,
    dlt: config.dlt,
    publicBaseUrl: config.publicBaseUrl,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    remainingMs: () => context.getRemainingTimeInMillis(),
    warn: (message, details) => logger.warn(message, details),
  };

  const handleRecord = async (record: DynamoDBRecord) => {
    const change = statusChangeFromRecord(record);
    if (!change) return;
    const { id, version, status } = change.order;
    if (failedOrders.has(id)) throw new Error(`an earlier change of order ${id} failed in this batch`);
    try {
      const outcome = await notifyStatusChange(deps, change);
      logger.info('status change handled', { orderId: id, version, status, outcome });
    } catch (error) {
      failedOrders.add(id);
      logger.error('SMS for status change failed', { orderId: id, version, status, error: error as Error });
      throw error;
    }
  };

  // A batch where every record failed is reported the same way, not thrown: Lambda resumes from the first failure either way.
  return processPartialResponse(event, handleRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
}
