/**
 * Turnaround minutes of a store's day as a histogram of fixed buckets, so a day's aggregate has
 * the same size whether 5 repairs or 5 000 were completed on it: the league table's read cost then
 * depends on stores × days alone. The edges are part of the stored format: never move one (a new
 * layout needs a new attribute), or every day already stored would be misread.
 */

const HOUR = 60;
const DAY = 24 * HOUR;

/** Fine where repairs mostly fall (walk-ins within hours, mail-ins within days), coarse beyond. */
const SEGMENTS: readonly { upTo: number; step: number }[] = [
  { upTo: 2 * HOUR, step: 10 },
  { upTo: 6 * HOUR, step: 30 },
  { upTo: 2 * DAY, step: HOUR },
  { upTo: 7 * DAY, step: 6 * HOUR },
  { upTo: 28 * DAY, step: DAY },
  { upTo: 91 * DAY, step: 7 * DAY },
];

/** Each bucket's lower edge in minutes, ascending; the last bucket (13 weeks and more) is open-ended. */
export const TURNAROUND_EDGES: readonly number[] = (() => {
  const edges: number[] = [];
  let from = 0;
  for (const { upTo, step } of SEGMENTS) {
    for (let edge = from; edge < upTo; edge += step) edges.push(edge);
    from = upTo;
  }
  edges.push(from);
  return edges;
})();

export const TURNAROUND_BUCKETS = TURNAROUND_EDGES.length;
/** Where the open-ended bucket starts: a percentile there reads as this (a lower bound). */
export const TURNAROUND_OVERFLOW_MINUTES = TURNAROUND_EDGES[TURNAROUND_BUCKETS - 1]!;

/** The bucket holding `minutes` (negative counts as 0): its index and its range [from, to), `to` null when open-ended. */
export function turnaroundBucket(minutes: number): { index: number; from: number; to: number | null } {
  let low = 0;
  let high = TURNAROUND_BUCKETS - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (TURNAROUND_EDGES[middle]! <= minutes) low = middle;
    else high = middle - 1;
  }
  return { index: low, from: TURNAROUND_EDGES[low]!, to: TURNAROUND_EDGES[low + 1] ?? null };
}

/**
 * Counts per bucket. A percentile is read by nearest rank, as over the samples, then placed
 * inside the bucket holding that rank: so it lies in the same bucket as the exact nearest-rank
 * percentile, less than one bucket width from it (under 10 min below 2 h, 30 min below 6 h,
 * 1 h below 2 days, 6 h below a week, a day below 4 weeks, a week below 13 weeks). In the
 * open-ended bucket it reads as 131 040 (13 weeks), a lower bound.
 */
export class TurnaroundHistogram {
  /** Whole counts up to 2^53 (a Float64Array: merging thousands of days stays a tight loop). */
  private constructor(private readonly buckets: Float64Array) {}

  static empty(): TurnaroundHistogram {
    return new TurnaroundHistogram(new Float64Array(TURNAROUND_BUCKETS));
  }

  static of(samples: Iterable<number>): TurnaroundHistogram {
    const histogram = TurnaroundHistogram.empty();
    for (const minutes of samples) histogram.add(minutes);
    return histogram;
  }

  /** From stored counts (one per bucket, in edge order). */
  static fromCounts(counts: ArrayLike<number>): TurnaroundHistogram {
    if (counts.length !== TURNAROUND_BUCKETS) throw new RangeError(`a turnaround histogram has ${TURNAROUND_BUCKETS} buckets, not ${counts.length}`);
    const buckets = new Float64Array(counts);
    for (const n of buckets) if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('bucket counts must be whole numbers, not negative');
    return new TurnaroundHistogram(buckets);
  }

  /** Counts per bucket, in edge order (a copy). */
  counts(): number[] {
    return Array.from(this.buckets);
  }

  get total(): number {
    return this.buckets.reduce((sum, n) => sum + n, 0);
  }

  /** Adds `times` repairs that took `minutes` (mutates; returns this). */
  add(minutes: number, times = 1): this {
    this.buckets[turnaroundBucket(minutes).index]! += times;
    return this;
  }

  /** Adds every count of `other` (mutates; returns this): the histogram of both sets of samples. */
  merge(other: TurnaroundHistogram): this {
    for (let i = 0; i < TURNAROUND_BUCKETS; i++) this.buckets[i]! += other.buckets[i]!;
    return this;
  }

  /**
   * The p-th percentile in whole minutes, null without samples. The rank's position among its
   * bucket's counts places it inside the bucket (its middle for a lone sample), as if the
   * bucket's samples were spread evenly over its minutes.
   */
  percentile(p: number): number | null {
    const total = this.total;
    if (total === 0) return null;
    const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
    let before = 0;
    for (let i = 0; i < TURNAROUND_BUCKETS; i++) {
      const count = this.buckets[i]!;
      if (before + count >= rank) {
        const from = TURNAROUND_EDGES[i]!;
        const to = TURNAROUND_EDGES[i + 1];
        if (to === undefined) return from;
        return from + Math.floor(((to - from) * (rank - before - 0.5)) / count);
      }
      before += count;
    }
    return null; // unreachable: the ranks end within the total
  }
}
