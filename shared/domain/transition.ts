import { allowedMoves, type RepairStatus } from './status.js';
import { InvalidTransitionError, RuleViolationError } from './errors.js';

export interface TransitionRequest {
  to: RepairStatus;
  reason?: string | undefined;
}

/** Checks one move against the lifecycle; throws a typed error listing what is allowed instead. */
export function assertTransition(from: RepairStatus, request: TransitionRequest): void {
  const allowed = allowedMoves(from);
  if (!allowed.includes(request.to)) throw new InvalidTransitionError(from, request.to, allowed);
  if (request.to === 'cancelled' && !request.reason?.trim()) {
    throw new RuleViolationError('reason', 'A reason is required to cancel an order');
  }
}
