import type { Context, S3Event } from 'aws-lambda';
import { photoDeps } from '../shared/media/container.js';
import { logger } from '../shared/observability/logger.js';
import { checkUploadedPhoto } from '../shared/usecases/photos.js';

/**
 * S3 ObjectCreated (photos/ prefix) → the photo is ready or rejected, its bytes read only up to the
 * signature. Each record is checked on its own; a failure throws, so Lambda's async retries (and
 * then the dead-letter queue) take the event again: the check is idempotent.
 */
export async function handler(event: S3Event, context: Context) {
  logger.addContext(context);
  const failures: unknown[] = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith('ObjectCreated:')) continue;
    const key = record.s3.object.key;
    try {
      const outcome = await checkUploadedPhoto(photoDeps, key);
      logger.info('photo checked', { key, outcome });
    } catch (error) {
      logger.error('photo check failed', { key, error: error as Error });
      failures.push(error);
    }
  }
  if (failures.length) throw new Error(`${failures.length} of ${event.Records.length} photo checks failed`);
}
