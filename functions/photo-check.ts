import type { Context, EventBridgeEvent, S3Event } from 'aws-lambda';
import { photoDeps } from '../shared/media/container.js';
import { logger } from '../shared/observability/logger.js';
import { checkUploadedPhoto } from '../shared/usecases/photos.js';

/** S3's "Object Created" as EventBridge delivers it (the deployed path). */
type ObjectCreated = EventBridgeEvent<'Object Created', { bucket: { name: string }; object: { key: string; size?: number } }>;

/**
 * The object keys an event names: EventBridge's "Object Created" carries one; an S3 notification
 * (s3rver locally, or a bucket notification) carries records, of which only ObjectCreated count.
 */
function createdKeys(event: S3Event | ObjectCreated): string[] {
  if ('detail-type' in event) return event['detail-type'] === 'Object Created' ? [event.detail.object.key] : [];
  return (event.Records ?? []).filter((record) => record.eventName?.startsWith('ObjectCreated:')).map((record) => record.s3.object.key);
}

/**
 * Photo uploaded → ready or rejected, its bytes read only up to the signature. Each key is checked
 * on its own; a failure throws, so the retries (and then the dead-letter queue) take the event
 * again: the check is idempotent.
 */
export async function handler(event: S3Event | ObjectCreated, context: Context) {
  logger.addContext(context);
  const keys = createdKeys(event);
  let failed = 0;
  for (const key of keys) {
    try {
      logger.info('photo checked', { key, outcome: await checkUploadedPhoto(photoDeps, key) });
    } catch (error) {
      logger.error('photo check failed', { key, error: error as Error });
      failed++;
    }
  }
  if (failed) throw new Error(`${failed} of ${keys.length} photo checks failed`);
}
