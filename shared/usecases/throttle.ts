/**
 * Spaces out what a job sends: at most `perSecond` uses, each a fixed gap after the last one on
 * `clock`. Only what is used takes a slot (a skipped item costs no wait); `pace` does the waiting.
 */
export function throttle(perSecond: number, clock: () => number, pace: (ms: number) => Promise<void>) {
  const gap = 1000 / perSecond;
  let next = Number.NEGATIVE_INFINITY;
  return {
    /** Waits until the next slot is free. */
    async ready(): Promise<void> {
      const wait = next - clock();
      if (wait > 0) await pace(wait);
    },
    /** A slot was used: the next one is free a gap later. */
    used(): void {
      next = clock() + gap;
    },
  };
}
