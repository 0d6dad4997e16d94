import { apiHandler } from '../../shared/http/api-handler.js';
import { photoView } from '../../shared/http/views.js';
import { photoDeps } from '../../shared/media/container.js';
import { RepairIdPath } from '../../shared/schemas/repair.js';
import { listPhotos } from '../../shared/usecases/photos.js';

export const handler = apiHandler({ path: RepairIdPath }, async ({ storeId, path }) => ({
  status: 200,
  body: { items: (await listPhotos(photoDeps, storeId, path.id)).map(photoView) },
}));
