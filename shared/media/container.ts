import { newId } from '../domain/ids.js';
import { documentClient } from '../store/client.js';
import { config, customerPageStoreDeps, orders } from '../store/container.js';
import type { CustomerPageDeps } from '../usecases/customer-page.js';
import { DynamoPhotoRepository } from '../store/photo-repository.js';
import { customerVisiblePhotos, type PhotoDeps } from '../usecases/photos.js';
import { photoS3Client, S3PhotoStorage } from './s3-photo-storage.js';

/**
 * The photo adapters, wired once per container. Only the functions that touch photos import this
 * file, so only they need PHOTOS_BUCKET; for them a missing bucket stops the function at init.
 */
if (!config.photosBucket) throw new Error('Invalid configuration: PHOTOS_BUCKET is required by the photo functions');

export const photoStorage = new S3PhotoStorage(photoS3Client(), config.photosBucket);
export const photoRecords = new DynamoPhotoRepository(documentClient, config.tableName);
export const photoDeps: PhotoDeps = { orders, photos: photoRecords, storage: photoStorage, newId: () => newId(), now: () => new Date() };

/**
 * The customer page's port (issue 11: `CustomerPhotos.visibleFor(orderId)`): the order's ready,
 * customer-visible photos with links valid 15 minutes, as `{ url, caption, stage }`.
 */
export const customerPhotos = { visibleFor: (orderId: string) => customerVisiblePhotos(photoDeps, orderId) };

/** The customer page's dependencies: the order side from the store container, the photos from here. */
export const customerPageDeps: CustomerPageDeps = { ...customerPageStoreDeps, photos: customerPhotos };
