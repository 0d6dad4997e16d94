/**
 * A read started now and awaited later, so independent reads overlap: its error surfaces where it
 * is awaited (after the reads that must answer first), never as an unhandled rejection meanwhile.
 */
export function startRead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}
