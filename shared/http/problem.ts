import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  ConflictError,
  DomainError,
  InvalidTransitionError,
  NotFoundError,
  PreconditionFailedError,
  RuleViolationError,
  TemporarilyUnavailableError,
} from '../domain/errors.js';
import { InvalidCursorError } from '../usecases/ports.js';

/** Problem type URIs: stable identifiers clients can switch on (documented in the OpenAPI). */
export const PROBLEM_BASE = 'https://problems.repair-api.example/';

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** An HTTP-level refusal raised by the request pipeline (validation, auth, size). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function validationProblem(errors: FieldError[]): HttpProblem {
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  return new HttpProblem(400, 'validation-error', 'Your request is not valid', detail, { errors });
}

export function problemResponse(
  status: number,
  slug: string,
  title: string,
  detail: string,
  options: { instance?: string | undefined; extensions?: Record<string, unknown>; headers?: Record<string, string> } = {},
): APIGatewayProxyResult {
  const body: ProblemBody = { type: PROBLEM_BASE + slug, title, status, detail, ...options.extensions };
  if (options.instance) body.instance = options.instance;
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...options.headers },
    body: JSON.stringify(body),
  };
}

/**
 * The one place where failures become HTTP. Typed errors carry what the client needs; anything
 * else is a fault of ours: logged by the caller, answered with a generic 500 and no internals.
 */
export function toProblem(error: unknown, instance?: string): { response: APIGatewayProxyResult; unexpected: boolean } {
  const opts = { instance };
  if (error instanceof HttpProblem) {
    return {
      response: problemResponse(error.status, error.slug, error.title, error.message, { ...opts, extensions: error.extensions, headers: error.headers }),
      unexpected: false,
    };
  }
  if (error instanceof InvalidCursorError) {
    return { response: toProblem(validationProblem([{ path: 'cursor', message: 'is not a cursor this list returned' }]), instance).response, unexpected: false };
  }
  if (error instanceof DomainError) return { response: domainProblem(error, instance), unexpected: false };
  const idempotency = idempotencyProblem(error, instance);
  if (idempotency) return { response: idempotency, unexpected: false };
  return {
    response: problemResponse(500, 'internal-error', 'Something went wrong on our side', 'The error was logged; retrying later may help', opts),
    unexpected: true,
  };
}

function domainProblem(error: DomainError, instance: string | undefined): APIGatewayProxyResult {
  const opts = { instance };
  if (error instanceof NotFoundError) return problemResponse(404, 'not-found', 'Not found', error.message, opts);
  if (error instanceof InvalidTransitionError) {
    return problemResponse(409, 'invalid-transition', 'This status change is not allowed', error.message, {
      ...opts,
      extensions: { currentStatus: error.from, requestedStatus: error.to, allowed: error.allowed },
    });
  }
  if (error instanceof RuleViolationError) {
    return toProblem(validationProblem([{ path: error.path, message: error.message }]), instance).response;
  }
  if (error instanceof ConflictError) {
    return problemResponse(409, 'conflict', 'Not possible in the current state', error.message, { ...opts, extensions: { currentState: error.currentState } });
  }
  if (error instanceof PreconditionFailedError) {
    return problemResponse(412, 'precondition-failed', 'The order has changed', error.message, {
      ...opts,
      extensions: error.currentVersion === null ? {} : { currentVersion: error.currentVersion },
    });
  }
  if (error instanceof TemporarilyUnavailableError) {
    return problemResponse(503, 'temporarily-unavailable', 'Service temporarily unavailable', error.message, {
      ...opts,
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    });
  }
  return problemResponse(400, error.kind, 'Request refused', error.message, opts);
}

/** Powertools idempotency refusals, recognised by name so this module stays free of the library. */
function idempotencyProblem(error: unknown, instance: string | undefined): APIGatewayProxyResult | null {
  switch ((error as Error | undefined)?.name) {
    case 'IdempotencyKeyReusedError': // the same refusal, found by the key's claim when the record is gone
    case 'IdempotencyValidationError':
      return problemResponse(422, 'idempotency-key-reused', 'Idempotency-Key reused with another body', 'This Idempotency-Key was first used with a different request body; use a new key for a new request', { instance });
    case 'IdempotencyAlreadyInProgressError':
      return problemResponse(409, 'idempotency-in-progress', 'The first request with this Idempotency-Key is still running', 'Retry shortly to get its response', { instance, headers: { 'retry-after': '1' } });
    default:
      return null;
  }
}
