import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { PROBLEM_BASE } from '../../shared/http/problem.js';

interface GatewayProblem {
  readonly type: ResponseType;
  /** The HTTP status, and the body's `status`; absent for the catch-alls, which keep API Gateway's own status. */
  readonly status?: number;
  readonly slug: string;
  readonly title: string;
  /** Fixed text, or `undefined` to pass on API Gateway's own message. */
  readonly detail?: string;
  /** Extra response headers, as literal values. */
  readonly headers?: Record<string, string>;
}

const NOT_FOUND = { status: 404, slug: 'not-found', title: 'Not found', detail: 'No such route: check the method and the path' } as const;
const INTERNAL = { status: 500, slug: 'internal-error', title: 'Something went wrong on our side', detail: 'Retrying later may help' } as const;

/**
 * Refusals API Gateway answers itself, before any handler runs: every response type that can
 * occur, each with its real status. Slugs and titles match what the handlers and the local
 * gateway return, so a client sees one error format whichever layer refused.
 */
const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  // Store authorizer: no or malformed Authorization header, or an unknown key.
  { type: ResponseType.UNAUTHORIZED, status: 401, slug: 'unauthorized', title: 'Unauthorized', detail: 'Send Authorization: Bearer <your store API key>' },
  { type: ResponseType.ACCESS_DENIED, status: 403, slug: 'forbidden', title: 'Forbidden', detail: 'This API key may not call this route' },
  // The store's usage key is missing from the usage plan: an operator has to issue it (README, Operations).
  { type: ResponseType.INVALID_API_KEY, status: 403, slug: 'forbidden', title: 'Forbidden', detail: 'This store is not enabled for this stage yet; contact the operator' },
  // A request no method matches (unknown path, or a method the path does not have): API Gateway treats it as
  // an IAM call without a signature. No method here uses IAM, so a bad or expired signature means the same.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, ...NOT_FOUND },
  { type: ResponseType.INVALID_SIGNATURE, ...NOT_FOUND },
  { type: ResponseType.EXPIRED_TOKEN, ...NOT_FOUND },
  { type: ResponseType.RESOURCE_NOT_FOUND, ...NOT_FOUND },
  // Gateway request validators (none today: the handlers validate with zod and name each field).
  { type: ResponseType.BAD_REQUEST_BODY, status: 400, slug: 'validation-error', title: 'Your request is not valid' },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, slug: 'validation-error', title: 'Your request is not valid' },
  { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, status: 415, slug: 'unsupported-media-type', title: 'Unsupported media type', detail: 'Send the body as application/json' },
  { type: ResponseType.REQUEST_TOO_LARGE, status: 413, slug: 'payload-too-large', title: 'Request too large', detail: 'The request exceeds what API Gateway accepts (10 MB)' },
  { type: ResponseType.THROTTLED, status: 429, slug: 'too-many-requests', title: 'Too many requests', detail: 'The API is over its request rate; retry after a short wait' },
  // Per-store usage plan: the store used up its daily quota, which resets at 00:00 UTC.
  { type: ResponseType.QUOTA_EXCEEDED, status: 429, slug: 'too-many-requests', title: 'Too many requests', detail: "This store's daily request quota is used up; it resets at 00:00 UTC" },
  // A WAF block without a custom response of its own (the stage's rules all have one: 413, 429).
  { type: ResponseType.WAF_FILTERED, status: 403, slug: 'forbidden', title: 'Forbidden', detail: 'The request was refused by the firewall' },
  // The authorizer itself failed (e.g. its key lookup was throttled): transient, so say when to retry.
  {
    type: ResponseType.AUTHORIZER_FAILURE, status: 503, slug: 'temporarily-unavailable', title: 'Service temporarily unavailable',
    detail: 'The request could not be authorized just now; retry after a short wait', headers: { 'Retry-After': '1' },
  },
  { type: ResponseType.AUTHORIZER_CONFIGURATION_ERROR, ...INTERNAL },
  { type: ResponseType.API_CONFIGURATION_ERROR, ...INTERNAL },
  // The function could not be invoked or answered nonsense: like the local gateway's 502.
  { type: ResponseType.INTEGRATION_FAILURE, status: 502, slug: 'bad-gateway', title: 'Bad gateway', detail: 'The function failed; try again' },
  { type: ResponseType.INTEGRATION_TIMEOUT, status: 504, slug: 'gateway-timeout', title: 'Gateway timeout', detail: 'The request took too long; retry later' },
  // Catch-alls for anything else: no status is pinned (that would change every unlisted 4xx/5xx to
  // it) and the body leaves `status` out, because a template cannot read the status it goes out with.
  { type: ResponseType.DEFAULT_4XX, slug: 'request-refused', title: 'Request refused' },
  { type: ResponseType.DEFAULT_5XX, slug: INTERNAL.slug, title: INTERNAL.title, detail: INTERNAL.detail },
];

/** `$context.error.messageString` is already a quoted, escaped JSON string. */
const GATEWAY_MESSAGE = '$context.error.messageString';

function problemTemplate(problem: GatewayProblem): string {
  const body = {
    type: PROBLEM_BASE + problem.slug,
    title: problem.title,
    ...(problem.status === undefined ? {} : { status: problem.status }),
    detail: problem.detail ?? GATEWAY_MESSAGE,
  };
  return JSON.stringify(body).replace(JSON.stringify(GATEWAY_MESSAGE), GATEWAY_MESSAGE);
}

/** Renders every gateway-generated error as `application/problem+json`, like the handlers' errors. */
export function addProblemResponses(api: RestApi): void {
  for (const problem of GATEWAY_PROBLEMS) {
    api.addGatewayResponse(`Problem${problem.type.responseType}`, {
      type: problem.type,
      ...(problem.status === undefined ? {} : { statusCode: String(problem.status) }),
      responseHeaders: {
        'Content-Type': "'application/problem+json'",
        ...Object.fromEntries(Object.entries(problem.headers ?? {}).map(([name, value]) => [name, `'${value}'`])),
      },
      // Keyed by the usual application/json; the Content-Type header above says what the body really is.
      templates: { 'application/json': problemTemplate(problem) },
    });
  }
}
