import { NotFoundError, TemporarilyUnavailableError } from '../domain/errors.js';
import {
  checkUpload,
  DOWNLOAD_LINK_SECONDS,
  freePhotoSlots,
  isAbandoned,
  newPendingPhoto,
  SIGNATURE_BYTES,
  UPLOAD_WINDOW_SECONDS,
  type Photo,
  type PhotoRequest,
  type PhotoStage,
} from '../domain/photo.js';
import { parsePhotoObjectKey, photoObjectKey } from '../media/object-keys.js';
import type { PhotoRepository, PhotoStorage, UploadForm } from './photo-ports.js';
import { awaitTogether } from './reads.js';
import type { OrderRepository } from './ports.js';

export interface PhotoDeps {
  orders: Pick<OrderRepository, 'get'>;
  photos: PhotoRepository;
  storage: PhotoStorage;
  newId: () => string;
  now: () => Date;
}

/** Reads of the order's slots before giving up (503): between two reads, every free slot seen was lost to another request. */
const SLOT_READS = 3;

const keyOf = (photo: Pick<Photo, 'orderId' | 'id'>) => photoObjectKey(photo.orderId, photo.id);

/** The store's own order, or 404 (another store's order does not exist for it). */
async function requireOwnOrder(deps: PhotoDeps, storeId: string, orderId: string) {
  const found = await deps.orders.get(orderId);
  if (!found || found.order.storeId !== storeId) throw new NotFoundError('order', orderId);
  return found.order;
}

/** A pending photo in a free slot and the presigned POST that uploads it. */
export async function requestPhotoUpload(deps: PhotoDeps, storeId: string, orderId: string, request: PhotoRequest): Promise<{ photo: Photo; upload: UploadForm }> {
  // The slots are read with the order (used only once the order is the caller's), then again after a lost race.
  const [order, firstRead] = await awaitTogether(requireOwnOrder(deps, storeId, orderId), deps.photos.listByOrder(orderId));
  let photos = firstRead;
  for (let read = 1; read <= SLOT_READS; read++) {
    const now = deps.now();
    if (read > 1) photos = await deps.photos.listByOrder(orderId);
    // Concurrent requests see the same free slots: each one lost is taken, so the next is tried.
    for (const slot of freePhotoSlots(order, photos, now)) {
      const photo = newPendingPhoto({ id: deps.newId(), orderId, storeId, slot }, request, now);
      if (!(await deps.photos.claimSlot(photo, photos.find((p) => p.slot === slot) ?? null))) continue;
      // The form allows no more than the size declared: S3 refuses a larger file outright.
      const upload = await deps.storage.uploadForm(keyOf(photo), photo.contentType, photo.sizeBytes, UPLOAD_WINDOW_SECONDS);
      return { photo, upload };
    }
  }
  throw new TemporarilyUnavailableError(1);
}

export type ListedPhoto = Photo & { url: string | null };

/** The order's photos, oldest first, with a short-lived link on each ready one; abandoned uploads are gone. */
export async function listPhotos(deps: PhotoDeps, storeId: string, orderId: string): Promise<ListedPhoto[]> {
  // Both reads at once; the photos are shown only once the order is known to be the caller's.
  const [, photos] = await awaitTogether(requireOwnOrder(deps, storeId, orderId), deps.photos.listByOrder(orderId));
  return withLinks(deps, visible(photos, deps.now()));
}

function visible(photos: Photo[], now: Date): Photo[] {
  return photos.filter((photo) => !isAbandoned(photo, now)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

async function withLinks(deps: PhotoDeps, photos: Photo[]): Promise<ListedPhoto[]> {
  return Promise.all(photos.map(async (photo) => ({ ...photo, url: photo.state === 'ready' ? await deps.storage.downloadUrl(keyOf(photo), DOWNLOAD_LINK_SECONDS) : null })));
}

/** Object first, then the record: a retry after a failure in between still finds the record and finishes. */
export async function deletePhoto(deps: PhotoDeps, storeId: string, orderId: string, photoId: string): Promise<void> {
  const [, photos] = await awaitTogether(requireOwnOrder(deps, storeId, orderId), deps.photos.listByOrder(orderId));
  const photo = photos.find((p) => p.id === photoId);
  if (!photo) throw new NotFoundError('photo', photoId);
  await deps.storage.remove(keyOf(photo));
  await deps.photos.remove(photo);
}

/**
 * The customer page's photos of an order (issue 11's `CustomerPhotos.visibleFor`): ready and
 * marked customer-visible, each with a link valid for DOWNLOAD_LINK_SECONDS. The page has already
 * established which order the visitor may see.
 */
export async function customerVisiblePhotos(deps: Pick<PhotoDeps, 'photos' | 'storage'>, orderId: string): Promise<Array<{ url: string; caption: string | null; stage: PhotoStage }>> {
  const shown = (await deps.photos.listByOrder(orderId)).filter((photo) => photo.state === 'ready' && photo.customerVisible);
  shown.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return Promise.all(shown.map(async (photo) => ({ url: await deps.storage.downloadUrl(keyOf(photo), DOWNLOAD_LINK_SECONDS), caption: photo.caption, stage: photo.stage })));
}

export type CheckOutcome = 'ready' | 'rejected' | 'already-checked' | 'orphan-deleted' | 'not-a-photo' | 'object-gone';

/**
 * An object arrived: ready or rejected (and deleted), once. S3 may deliver an event twice or late;
 * only the first settles the pending record, and a repeat of a rejection deletes the object again
 * (in case the first run failed between the two). An object no record names (deleted, erased or
 * its slot reused) is deleted: nothing could ever show it.
 */
export async function checkUploadedPhoto(deps: PhotoDeps, objectKey: string): Promise<CheckOutcome> {
  const named = parsePhotoObjectKey(objectKey);
  if (!named) return 'not-a-photo';
  const photo = (await deps.photos.listByOrder(named.orderId)).find((p) => p.id === named.photoId);
  const key = photoObjectKey(named.orderId, named.photoId);
  if (!photo) {
    await deps.storage.remove(key);
    return 'orphan-deleted';
  }
  if (photo.state === 'rejected') {
    await deps.storage.remove(key);
    return 'already-checked';
  }
  const object = await deps.storage.inspect(key, SIGNATURE_BYTES);
  if (!object) return 'object-gone';
  const verdict = checkUpload(photo, object);
  // A ready photo's form may be used again within its window: the new bytes are checked like the first.
  if (photo.state === 'ready' && verdict.state === 'ready') return 'already-checked';
  const settled = await deps.photos.settle(photo, {
    state: verdict.state,
    sizeBytes: verdict.state === 'ready' ? verdict.sizeBytes : object.sizeBytes,
    reason: verdict.state === 'rejected' ? verdict.reason : null,
    at: deps.now(),
  });
  if (verdict.state === 'rejected') await deps.storage.remove(key);
  return settled ? verdict.state : 'already-checked';
}

/** Erasure: every photo of the store's order goes, object and record (a photo of a screen can show personal data). */
export async function eraseOrderPhotos(deps: Pick<PhotoDeps, 'photos' | 'storage'>, storeId: string, orderId: string): Promise<number> {
  const photos = (await deps.photos.listByOrder(orderId)).filter((photo) => photo.storeId === storeId);
  for (const photo of photos) {
    await deps.storage.remove(keyOf(photo));
    await deps.photos.remove(photo);
  }
  return photos.length;
}
