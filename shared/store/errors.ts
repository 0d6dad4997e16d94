import { PreconditionFailedError, TemporarilyUnavailableError } from '../domain/errors.js';

/** Transient: throttling, or DynamoDB's own brief unavailability. Retrying later is the answer. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
]);

interface CancellationReason {
  Code?: string;
}

export function cancellationCodes(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}

export function isConditionFailure(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  return name === 'TransactionCanceledException' && cancellationCodes(error).includes('ConditionalCheckFailed');
}

/** Two transactions touched the same item at once: the loser lost a race, like a failed version check. */
export function isTransactionConflict(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return (
    name === 'TransactionConflictException' ||
    (name === 'TransactionCanceledException' && cancellationCodes(error).includes('TransactionConflict'))
  );
}

/** Translates storage failures a client can do something about into domain errors; rethrows the rest. */
export function translateStorageError(error: unknown): never {
  const name = (error as Error | undefined)?.name ?? '';
  if (THROTTLING.has(name) || (name === 'TransactionCanceledException' && cancellationCodes(error).some((c) => THROTTLING.has(c) || c === 'ThrottlingError'))) {
    throw new TemporarilyUnavailableError(1);
  }
  if (isTransactionConflict(error)) throw new PreconditionFailedError(null);
  throw error;
}
