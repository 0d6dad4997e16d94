import { apiHandler } from '../../shared/http/api-handler.js';
import { CustomerPhonePath } from '../../shared/schemas/privacy.js';
import { customerData } from '../../shared/store/container.js';
import { erasePersonalData } from '../../shared/usecases/privacy.js';

export const handler = apiHandler({ path: CustomerPhonePath }, async ({ storeId, path }) => ({
  status: 200,
  body: await erasePersonalData(customerData, storeId, path.phone, new Date()),
}));
