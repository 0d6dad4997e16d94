import { apiHandler } from '../../shared/http/api-handler.js';
import { photoDeps } from '../../shared/media/container.js';
import { CustomerPhonePath } from '../../shared/schemas/privacy.js';
import { customerData } from '../../shared/store/container.js';
import { eraseOrderPhotos } from '../../shared/usecases/photos.js';
import { erasePersonalData } from '../../shared/usecases/privacy.js';

const erasePhotos = (storeId: string, orderId: string) => eraseOrderPhotos(photoDeps, storeId, orderId);

export const handler = apiHandler({ path: CustomerPhonePath }, async ({ storeId, path }) => ({
  status: 200,
  body: await erasePersonalData(customerData, storeId, path.phone, new Date(), erasePhotos),
}));
