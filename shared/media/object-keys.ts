/**
 * Where photos live in the bucket. One prefix for all of them: the check function's S3 grants,
 * the bucket's notification and its lifecycle rule are all scoped to it.
 */
export const PHOTOS_PREFIX = 'photos/';

const ID = /^[0-9A-Za-z_-]{1,64}$/;

export function photoObjectKey(orderId: string, photoId: string): string {
  return `${PHOTOS_PREFIX}${orderId}/${photoId}`;
}

/**
 * The order and photo an event's object key names, or null for anything else. S3 event keys are
 * URL-encoded with '+' for spaces; ours hold neither, but a foreign key is decoded before it is refused.
 */
export function parsePhotoObjectKey(eventKey: string): { orderId: string; photoId: string } | null {
  let key: string;
  try {
    key = decodeURIComponent(eventKey.replace(/\+/g, ' '));
  } catch {
    return null;
  }
  if (!key.startsWith(PHOTOS_PREFIX)) return null;
  const [orderId, photoId, ...rest] = key.slice(PHOTOS_PREFIX.length).split('/');
  if (rest.length || !orderId || !photoId || !ID.test(orderId) || !ID.test(photoId)) return null;
  return { orderId, photoId };
}
