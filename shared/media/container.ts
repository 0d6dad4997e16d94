import { newId } from '../domain/ids.js';
import { documentClient } from '../store/client.js';
import { config, customerPageStoreDeps, now, orders, tableName } from '../store/container.js';
import type { CustomerPageDeps } from '../usecases/customer-page.js';
import { DynamoPhotoRepository } from '../store/photo-repository.js';
import { customerVisiblePhotos, type PhotoDeps } from '../usecases/photos.js';
import { photoS3Client, S3PhotoStorage } from './s3-photo-storage.js';

/**
 * The photo adapters, wired once per container. Only the functions that touch photos import this
 * file, so only they need PHOTOS_BUCKET; for them a missing bucket stops the function at init.
 */
const bucket = config.photosBucket;
if (!bucket) throw new Error('Invalid configuration: PHOTOS_BUCKET is required by the photo functions');

/** The container's one S3 client (exported so the bench can time its calls as I/O, as it does DynamoDB's). */
export const photoS3 = /* @__PURE__ */ photoS3Client();
export const photoStorage = /* @__PURE__ */ new S3PhotoStorage(photoS3, bucket);
export const photoRecords = /* @__PURE__ */ new DynamoPhotoRepository(documentClient, tableName);
export const photoDeps: PhotoDeps = { orders, photos: photoRecords, storage: photoStorage, newId: () => newId(), now };

/**
 * The customer page's port (issue 11: `CustomerPhotos.visibleFor(orderId)`): the order's ready,
 * customer-visible photos with links valid 15 minutes, as `{ url, caption, stage }`.
 */
export const customerPhotos = { visibleFor: (orderId: string) => customerVisiblePhotos(photoDeps, orderId) };

/** The customer page's dependencies: the order side from the store container, the photos from here. */
export const customerPageDeps: CustomerPageDeps = { ...customerPageStoreDeps, photos: customerPhotos };
