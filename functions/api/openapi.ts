import type { APIGatewayProxyResult } from 'aws-lambda';
import { runtimeFile } from '../../shared/runtime-files.js';

/** Generated at build time (`npm run generate:api`) from the zod schemas, minified; shipped beside the bundle. */
const DOCUMENT = 'shared/schemas/openapi.min.json';

/**
 * The OpenAPI document, generated at build time from the zod schemas and read from its file on the
 * first request (then kept): as code, its 150 KB cost every cold start a parse and a source-map line
 * table (4.4× a bare handler's load on this machine); as a file, a ~0.4 ms read when first asked for.
 * The one function outside the apiHandler pipeline, on purpose: it takes no input, has no store,
 * cannot fail and answers a constant, so the pipeline (middy, the logger, the problem mapper)
 * would be its whole cold start (15× a bare handler) for nothing it uses. API Gateway's access log
 * records its requests.
 */
export const handler = async (): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
  body: runtimeFile(DOCUMENT),
});
