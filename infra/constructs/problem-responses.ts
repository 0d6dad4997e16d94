import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { PROBLEM_BASE } from '../../shared/http/problem.js';

interface GatewayProblem {
  readonly type: ResponseType;
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  /** Fixed text, or `undefined` to pass on API Gateway's own message. */
  readonly detail?: string;
  /** Extra response headers, as literal values. */
  readonly headers?: Record<string, string>;
}

/**
 * Refusals API Gateway answers itself, before any handler runs. Slugs and titles match what the
 * handlers and the local gateway return, so a client sees one error format whichever layer refused.
 */
const PROBLEMS: readonly GatewayProblem[] = [
  {
    type: ResponseType.UNAUTHORIZED, status: 401, slug: 'unauthorized', title: 'Unauthorized',
    detail: 'Send Authorization: Bearer <your store API key>',
  },
  {
    type: ResponseType.ACCESS_DENIED, status: 403, slug: 'forbidden', title: 'Forbidden',
    detail: 'This API key may not call this route',
  },
  {
    type: ResponseType.THROTTLED, status: 429, slug: 'too-many-requests', title: 'Too many requests',
    detail: 'The API is over its request rate; retry after a short wait',
  },
  // Per-store usage plan: the store used up its daily quota, which resets at 00:00 UTC.
  {
    type: ResponseType.QUOTA_EXCEEDED, status: 429, slug: 'too-many-requests', title: 'Too many requests',
    detail: "This store's daily request quota is used up; it resets at 00:00 UTC",
  },
  // The store's usage key is missing from the usage plan: an operator has to issue it (README, Operations).
  {
    type: ResponseType.INVALID_API_KEY, status: 403, slug: 'forbidden', title: 'Forbidden',
    detail: 'This store is not enabled for this stage yet; contact the operator',
  },
  // With no IAM auth on the API, this is what API Gateway answers for a route it does not have.
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: 404, slug: 'not-found', title: 'Not found',
    detail: 'No such route: check the method and the path',
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE, status: 413, slug: 'payload-too-large', title: 'Request too large',
    detail: 'The body exceeds 10 MB',
  },
  // The authorizer itself failed (e.g. its key lookup was throttled): transient, so say when to retry.
  {
    type: ResponseType.AUTHORIZER_FAILURE, status: 503, slug: 'temporarily-unavailable', title: 'Service temporarily unavailable',
    detail: 'The request could not be authorized just now; retry after a short wait', headers: { 'Retry-After': '1' },
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT, status: 504, slug: 'gateway-timeout', title: 'Gateway timeout',
    detail: 'The request took too long; retry later',
  },
  // The catch-alls pin a status so the body's `status` always equals the HTTP status (RFC 9457).
  { type: ResponseType.DEFAULT_4XX, status: 400, slug: 'bad-request', title: 'Bad request' },
  {
    type: ResponseType.DEFAULT_5XX, status: 500, slug: 'internal-error', title: 'Something went wrong on our side',
    detail: 'Retrying later may help',
  },
];

/** `$context.error.messageString` is already a quoted, escaped JSON string. */
const GATEWAY_MESSAGE = '$context.error.messageString';

function problemTemplate(problem: GatewayProblem): string {
  const body = { type: PROBLEM_BASE + problem.slug, title: problem.title, status: problem.status, detail: problem.detail ?? GATEWAY_MESSAGE };
  return JSON.stringify(body).replace(JSON.stringify(GATEWAY_MESSAGE), GATEWAY_MESSAGE);
}

/** Renders every gateway-generated error as `application/problem+json`, like the handlers' errors. */
export function addProblemResponses(api: RestApi): void {
  for (const problem of PROBLEMS) {
    api.addGatewayResponse(`Problem${problem.type.responseType}`, {
      type: problem.type,
      statusCode: String(problem.status),
      responseHeaders: {
        'Content-Type': "'application/problem+json'",
        ...Object.fromEntries(Object.entries(problem.headers ?? {}).map(([name, value]) => [name, `'${value}'`])),
      },
      // Keyed by the usual application/json; the Content-Type header above says what the body really is.
      templates: { 'application/json': problemTemplate(problem) },
    });
  }
}
