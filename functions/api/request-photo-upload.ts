import { apiHandler } from '../../shared/http/api-handler.js';
import { photoDeps } from '../../shared/media/container.js';
import { RequestPhotoUploadBody } from '../../shared/schemas/photos.js';
import { RepairIdPath } from '../../shared/schemas/repair.js';
import { requestPhotoUpload } from '../../shared/usecases/photos.js';

export const handler = apiHandler({ path: RepairIdPath, body: RequestPhotoUploadBody }, async ({ storeId, path, body }) => {
  const { photo, upload } = await requestPhotoUpload(photoDeps, storeId, path.id, body);
  return { status: 201, body: { id: photo.id, state: photo.state, upload } };
});
