import { ConflictError } from './errors.js';
import type { RepairOrder } from './order.js';
import { isTerminal } from './status.js';

/**
 * Repair photos: what a store may upload for an order, and what the uploaded bytes must be.
 * Pure rules; the S3 adapter (shared/media) and the table (shared/store) only carry them out.
 */
export const PHOTO_STAGES = ['intake', 'repair', 'after'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export type PhotoState = 'pending' | 'ready' | 'rejected';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_CAPTION_LENGTH = 200;
export const MAX_PHOTOS_PER_ORDER = 20;
/** A finished order takes photos for this long after it ended (the "after" shots, a late intake photo). */
export const PHOTO_DAYS_AFTER_CLOSE = 30;
/** How long a presigned POST is valid (S3 refuses it afterwards). */
export const UPLOAD_WINDOW_SECONDS = 10 * 60;
/** How long a presigned GET link is valid. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;
/** How long a rejected photo's record stays listed (its object is deleted at once) so the store sees why. */
export const REJECTED_RECORD_DAYS = 7;
/** The longest repair warranty a store may set (shared/schemas/store-settings.ts), in days. */
export const MAX_REPAIR_WARRANTY_DAYS = 3_650;
/** How long an order may stay open and still have its photos kept by the bucket's lifecycle rule. */
export const LONGEST_OPEN_ORDER_DAYS = 365;
/**
 * The bucket's lifecycle bound on a photo's age: uploaded while the order is open (at most a year)
 * or up to 30 days after it ended, kept until 90 days after the longest possible repair warranty.
 * Never earlier than the rule "90 days after the warranty ends, or after cancellation".
 */
export const PHOTO_LIFECYCLE_DAYS = LONGEST_OPEN_ORDER_DAYS + PHOTO_DAYS_AFTER_CLOSE + MAX_REPAIR_WARRANTY_DAYS + 90;
/** The bytes the check reads: enough for every signature below. */
export const SIGNATURE_BYTES = 12;

/** A pending upload counts as abandoned this long after its form expired: an upload S3 accepted at the last second still gets checked. */
export const ABANDON_GRACE_SECONDS = 120;

const DAY_MS = 86_400_000;

export interface Photo {
  id: string;
  orderId: string;
  storeId: string;
  /** The slot (0..19) the photo holds on its order: at most MAX_PHOTOS_PER_ORDER can exist. */
  slot: number;
  stage: PhotoStage;
  contentType: PhotoContentType;
  /** Declared at upload; the real size once checked. */
  sizeBytes: number;
  caption: string | null;
  customerVisible: boolean;
  state: PhotoState;
  createdAt: string;
  /** When the presigned POST stops working. */
  uploadExpiresAt: string;
  checkedAt: string | null;
  rejectedReason: string | null;
}

export interface PhotoRequest {
  stage: PhotoStage;
  contentType: PhotoContentType;
  sizeBytes: number;
  caption?: string | undefined;
  customerVisible?: boolean | undefined;
}

/** A pending upload whose window passed without an object: it holds no slot and is not listed. */
export function isAbandoned(photo: Pick<Photo, 'state' | 'uploadExpiresAt'>, now: Date): boolean {
  return photo.state === 'pending' && Date.parse(photo.uploadExpiresAt) + ABANDON_GRACE_SECONDS * 1000 <= now.getTime();
}

/** Whether a slot's current photo still counts toward the order's limit. */
export function holdsSlot(photo: Pick<Photo, 'state' | 'uploadExpiresAt'>, now: Date): boolean {
  return photo.state !== 'rejected' && !isAbandoned(photo, now);
}

/**
 * The slots a new photo may take, best first, or a 409: the order's limit is reached, or it ended
 * more than PHOTO_DAYS_AFTER_CLOSE days ago (a finished order's updatedAt is when it ended: nothing
 * moves it later). Empty slots come first, then abandoned uploads, then rejected photos (oldest
 * first), so a rejection stays listed for as long as the order has room.
 */
export function freePhotoSlots(order: Pick<RepairOrder, 'status' | 'updatedAt'>, photos: readonly Photo[], now: Date): number[] {
  if (isTerminal(order.status) && now.getTime() - Date.parse(order.updatedAt) > PHOTO_DAYS_AFTER_CLOSE * DAY_MS) {
    throw new ConflictError(`The order ended more than ${PHOTO_DAYS_AFTER_CLOSE} days ago and takes no more photos`, order.status);
  }
  const bySlot = new Map(photos.map((photo) => [photo.slot, photo]));
  const rank = (slot: number) => {
    const photo = bySlot.get(slot);
    if (!photo) return '0';
    return photo.state === 'rejected' ? `2${photo.checkedAt ?? ''}` : '1';
  };
  const free = Array.from({ length: MAX_PHOTOS_PER_ORDER }, (_, slot) => slot).filter((slot) => {
    const photo = bySlot.get(slot);
    return !photo || !holdsSlot(photo, now);
  });
  if (free.length === 0) throw new ConflictError(`An order holds at most ${MAX_PHOTOS_PER_ORDER} photos; delete one first`, 'photo-limit-reached');
  return free.sort((a, b) => rank(a).localeCompare(rank(b)) || a - b);
}

export function newPendingPhoto(
  ids: { id: string; orderId: string; storeId: string; slot: number },
  request: PhotoRequest,
  now: Date,
): Photo {
  return {
    ...ids,
    stage: request.stage,
    contentType: request.contentType,
    sizeBytes: request.sizeBytes,
    caption: request.caption ?? null,
    customerVisible: request.customerVisible ?? false,
    state: 'pending',
    createdAt: now.toISOString(),
    uploadExpiresAt: new Date(now.getTime() + UPLOAD_WINDOW_SECONDS * 1000).toISOString(),
    checkedAt: null,
    rejectedReason: null,
  };
}

/** The image type its first bytes say, or null when they are none of the accepted ones. */
export function sniffImageType(head: Uint8Array): PhotoContentType | null {
  const starts = (bytes: readonly number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <4-byte length> WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export type CheckVerdict = { state: 'ready'; sizeBytes: number } | { state: 'rejected'; reason: string };

/**
 * What the uploaded object is: S3 enforces the POST policy's size range, but not every
 * S3-compatible store does, and nothing but this check looks at the bytes.
 */
export function checkUpload(photo: Pick<Photo, 'contentType' | 'sizeBytes'>, object: { sizeBytes: number; head: Uint8Array }): CheckVerdict {
  if (object.sizeBytes < 1) return { state: 'rejected', reason: 'the file is empty' };
  if (object.sizeBytes > MAX_PHOTO_BYTES) return { state: 'rejected', reason: `the file is larger than ${MAX_PHOTO_BYTES} bytes` };
  if (object.sizeBytes > photo.sizeBytes) return { state: 'rejected', reason: `the file is larger than the ${photo.sizeBytes} bytes declared` };
  const sniffed = sniffImageType(object.head);
  if (sniffed !== photo.contentType) return { state: 'rejected', reason: `the file is not ${photo.contentType}${sniffed ? ` (it is ${sniffed})` : ''}` };
  return { state: 'ready', sizeBytes: object.sizeBytes };
}

/** A photo is kept this long after the repair warranty ends (or after the order ends, when it granted none). */
export const PHOTO_RETENTION_DAYS = 90;

/**
 * When an ended order's photos go: 90 days after its repair warranty's last day (midnight after
 * it, in the granting store's calendar), or 90 days after the order ended when no warranty was
 * granted (a cancellation, a device without IMEI/serial).
 */
export function photoPurgeAt(endedAt: Date, warrantyExpiresAt: Date | null): Date {
  return new Date((warrantyExpiresAt ?? endedAt).getTime() + PHOTO_RETENTION_DAYS * DAY_MS);
}
