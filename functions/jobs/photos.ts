import { documentClient } from '../../shared/store/client.js';
import { config } from '../../shared/store/container.js';
import { photoPurgeQueue } from '../../shared/store/job-queues.js';
import { photoDeps } from '../../shared/media/container.js';
import { eraseOrderPhotos } from '../../shared/usecases/photos.js';
import { runPhotoRetentionJob } from '../../shared/usecases/jobs.js';
import { scheduledJob } from './schedule.js';

const queue = photoPurgeQueue(documentClient, config.tableName);

/** Daily: photos past their retention (90 days after the repair warranty ends, or after the order ended) are deleted. */
export const handler = scheduledJob((at, budget) =>
  runPhotoRetentionJob({ queue, erase: (storeId, orderId) => eraseOrderPhotos(photoDeps, storeId, orderId) }, at, budget),
);
