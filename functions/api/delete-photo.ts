import { apiHandler } from '../../shared/http/api-handler.js';
import { photoDeps } from '../../shared/media/container.js';
import { PhotoPath } from '../../shared/schemas/photos.js';
import { deletePhoto } from '../../shared/usecases/photos.js';

export const handler = apiHandler({ path: PhotoPath }, async ({ storeId, path }) => {
  await deletePhoto(photoDeps, storeId, path.id, path.photoId);
  return { status: 204, body: null };
});
