/**
 * A read started now and awaited later, so independent reads overlap: its error surfaces where it
 * is awaited (after the reads that must answer first), never as an unhandled rejection meanwhile.
 */
export function startRead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

/**
 * Independent calls (reads, or writes neither of which needs the other's outcome) run together
 * and are all awaited, so none is left in flight when one fails (a Lambda would carry it into its
 * next invocation); the first failure in argument order is thrown.
 */
export async function awaitTogether<T extends readonly unknown[]>(...calls: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
