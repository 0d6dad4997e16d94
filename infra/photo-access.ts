import type { ApiRoute } from '../functions/routes.js';

/**
 * What each function does to the photo bucket, always under the photos/ prefix and nothing else
 * (no ListBucket, no bucket-level action). A presigned link carries its signer's permissions, so:
 * the upload function holds s3:PutObject because that is what signs the presigned POST (it never
 * uploads itself; the POST policy pins key, type and size), and the list function s3:GetObject for
 * the download links it signs.
 */
export type PhotoAction = 's3:PutObject' | 's3:GetObject' | 's3:DeleteObject';

const ROUTES: Readonly<Record<string, readonly PhotoAction[]>> = {
  'request-photo-upload': ['s3:PutObject'],
  'list-photos': ['s3:GetObject'],
  'delete-photo': ['s3:DeleteObject'],
  // Erasure deletes the photos of the customer's orders.
  'erase-customer': ['s3:DeleteObject'],
  // The customer page signs 15-minute links to the order's customer-visible photos (a form's answer re-renders the page).
  'page-view': ['s3:GetObject'],
  'page-action': ['s3:GetObject'],
};

/** The photo check reads the first bytes of each upload and deletes what it rejects (and orphans). */
export const PHOTO_CHECK_ACCESS: readonly PhotoAction[] = ['s3:GetObject', 's3:DeleteObject'];

export function routePhotoAccess(route: Pick<ApiRoute, 'handler'>): readonly PhotoAction[] | null {
  return ROUTES[route.handler] ?? null;
}
