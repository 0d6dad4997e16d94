/**
 * Typed failures of the domain and its use cases. The HTTP layer maps each one to a
 * problem+json response in one place (shared/http/problem.ts); nothing here knows HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: string;
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(readonly resource: string, readonly id: string) {
    super(`${resource} ${id} was not found`);
  }
}

export class InvalidTransitionError extends DomainError {
  readonly kind = 'invalid-transition';
  constructor(readonly from: string, readonly to: string, readonly allowed: readonly string[]) {
    super(
      allowed.length === 0
        ? `An order in status ${from} is final and cannot move to ${to}`
        : `An order in status ${from} cannot move to ${to}; allowed: ${allowed.join(', ')}`,
    );
  }
}

/** A business-rule violation tied to one input field (e.g. a cancellation without a reason). */
export class RuleViolationError extends DomainError {
  readonly kind = 'rule-violation';
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** The resource is not in a state that allows this (a call already recorded, an escalation already resolved). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, readonly currentState: string) {
    super(message);
  }
}

/** The caller's view of the order is out of date (stale If-Match, or a lost race). */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
  constructor(readonly currentVersion: number | null) {
    super(
      currentVersion === null
        ? 'The order changed while this request was being processed; read it again and retry'
        : `The order is at version ${currentVersion}; read it again and retry with If-Match: "${currentVersion}"`,
    );
  }
}

/** Storage is temporarily unable to take the request (throttling); safe to retry later. */
export class TemporarilyUnavailableError extends DomainError {
  readonly kind = 'temporarily-unavailable';
  constructor(readonly retryAfterSeconds: number) {
    super('The service is busy; retry after a short wait');
  }
}
