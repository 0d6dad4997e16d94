import { apiHandler, JsonText } from '../../shared/http/api-handler.js';
import document from '../../shared/schemas/openapi.json' with { type: 'json' };

/**
 * Generated at build time (`npm run generate:api`) from the zod schemas, so the function never
 * loads zod-to-openapi; serialized once per container.
 */
const body = new JsonText(JSON.stringify(document));

export const handler = apiHandler({ public: true }, async () => ({
  status: 200,
  headers: { 'cache-control': 'public, max-age=300' },
  body,
}));
