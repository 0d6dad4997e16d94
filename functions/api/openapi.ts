import { apiHandler } from '../../shared/http/api-handler.js';
import { openApiDocument } from '../../shared/schemas/openapi.js';

/** Generated once per container from the zod schemas the handlers validate with. */
const document = openApiDocument();

export const handler = apiHandler({}, async () => ({
  status: 200,
  headers: { 'cache-control': 'public, max-age=300' },
  body: document,
}));
