/**
 * Runs `fn` and returns what it threw. If it returns normally the test fails here, so a
 * test that inspects the error can never pass vacuously (no `expect` hidden in a `catch`).
 */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned normally');
}

/** Like `thrownBy`, and also checks the class of the error, returning it typed. */
export function errorOf<E>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(type);
  return error as E;
}
