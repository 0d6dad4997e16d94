import type { APIGatewayProxyResult } from 'aws-lambda';
import { OPENAPI_JSON } from '../../shared/schemas/openapi-json.js';

/**
 * The OpenAPI document, generated at build time (`npm run generate:api`) from the zod schemas.
 * The one function outside the apiHandler pipeline, on purpose: it takes no input, has no store,
 * cannot fail and answers a constant, so the pipeline (middy, the logger, the problem mapper)
 * would be its whole cold start (15× a bare handler) for nothing it uses. API Gateway's access log
 * records its requests.
 */
export const handler = async (): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
  body: OPENAPI_JSON,
});
