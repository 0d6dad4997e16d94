import fc from 'fast-check';
import { dayDeltas, percentileOf } from '../../shared/domain/metrics.js';
import { TURNAROUND_BUCKETS, TURNAROUND_OVERFLOW_MINUTES, TurnaroundHistogram, turnaroundBucket } from '../../shared/domain/turnaround-histogram.js';
import { decodeHistogram, encodeHistogram } from '../../shared/store/turnaround-codec.js';

const HOUR = 60;
const DAY = 24 * HOUR;

test.each([
  [0, 0, 10],
  [-5, 0, 10],
  [9, 0, 10],
  [10, 10, 20],
  [119, 110, 120],
  [120, 120, 150],
  [359, 330, 360],
  [360, 360, 420],
  [2 * DAY - 1, 2 * DAY - HOUR, 2 * DAY],
  [2 * DAY, 2 * DAY, 2 * DAY + 6 * HOUR],
  [7 * DAY - 1, 7 * DAY - 6 * HOUR, 7 * DAY],
  [7 * DAY, 7 * DAY, 8 * DAY],
  [28 * DAY, 28 * DAY, 35 * DAY],
  [91 * DAY - 1, 84 * DAY, 91 * DAY],
  [91 * DAY, 91 * DAY, null],
  [10_000_000, 91 * DAY, null],
])('%d minutes fall in [%d, %s)', (minutes, from, to) => {
  expect(turnaroundBucket(minutes)).toMatchObject({ from, to });
});

test('113 buckets: 10 min to 2 h, 30 min to 6 h, an hour to 2 days, 6 h to a week, a day to 4 weeks, a week to 13 weeks, then one open-ended', () => {
  expect(TURNAROUND_BUCKETS).toBe(12 + 8 + 42 + 20 + 21 + 9 + 1);
  expect(TURNAROUND_OVERFLOW_MINUTES).toBe(91 * DAY);
  expect(turnaroundBucket(TURNAROUND_OVERFLOW_MINUTES).index).toBe(TURNAROUND_BUCKETS - 1);
});

test.each([
  ['no samples', [], 50, null],
  ['a lone sample reads as its bucket’s middle', [42], 50, 45],
  ['nearest rank picks the bucket: the 1st of two', [40, 55], 50, 45],
  ['nearest rank picks the bucket: the 2nd of two', [40, 55], 90, 55],
  ['a rank among several in one bucket is spread over it', [60, 61, 62, 63, 64, 65, 66, 67, 68, 69], 90, 68],
  ['a mail-in of 3 days', [3 * DAY], 50, 3 * DAY + 3 * HOUR],
  ['beyond 13 weeks: the open bucket’s lower edge', [200 * DAY], 90, 91 * DAY],
])('percentile: %s', (_name, samples, p, expected) => {
  expect(TurnaroundHistogram.of(samples).percentile(p)).toBe(expected);
});

/** Mostly walk-in minutes, some days, a few beyond the last edge. */
const turnaround = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 8 * HOUR }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 30 * DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 * DAY }) },
);
const samples = fc.array(turnaround, { minLength: 1, maxLength: 300 });

test('a percentile lies in the bucket of the exact nearest-rank percentile: less than one bucket width off', () => {
  fc.assert(
    fc.property(samples, fc.integer({ min: 1, max: 100 }), (values, p) => {
      const estimate = TurnaroundHistogram.of(values).percentile(p)!;
      const exact = percentileOf(values, p)!;
      const bucket = turnaroundBucket(exact);
      expect(turnaroundBucket(estimate).index).toBe(bucket.index);
      if (bucket.to === null) expect(estimate).toBe(TURNAROUND_OVERFLOW_MINUTES);
      else expect(Math.abs(estimate - exact)).toBeLessThan(bucket.to - bucket.from);
    }),
    { numRuns: 300 },
  );
});

test('merging is the histogram of the samples together, and leaves the other as it was', () => {
  fc.assert(
    fc.property(fc.array(turnaround, { maxLength: 200 }), fc.array(turnaround, { maxLength: 200 }), (a, b) => {
      const other = TurnaroundHistogram.of(b);
      const merged = TurnaroundHistogram.of(a).merge(other);
      expect(merged.counts()).toEqual(TurnaroundHistogram.of([...a, ...b]).counts());
      expect(other.counts()).toEqual(TurnaroundHistogram.of(b).counts());
      for (const p of [50, 90]) expect(merged.percentile(p)).toBe(TurnaroundHistogram.of([...b, ...a]).percentile(p));
    }),
  );
});

test('no count is lost: every sample is in exactly one bucket, and the stored form reads back the same', () => {
  fc.assert(
    fc.property(fc.array(turnaround, { maxLength: 500 }), (values) => {
      const histogram = TurnaroundHistogram.of(values);
      expect(histogram.total).toBe(values.length);
      const stored = encodeHistogram(histogram);
      expect(stored.byteLength).toBe(TURNAROUND_BUCKETS * 2);
      expect(decodeHistogram(stored).counts()).toEqual(histogram.counts());
    }),
  );
});

test('the stored form is the same size for 1 repair and 65 535 in a bucket; past that it widens, losing nothing', () => {
  expect(encodeHistogram(TurnaroundHistogram.empty().add(45)).byteLength).toBe(226);
  expect(encodeHistogram(TurnaroundHistogram.empty().add(45, 0xffff).add(3 * DAY, 0xffff)).byteLength).toBe(226);
  const huge = TurnaroundHistogram.empty().add(45, 70_000).add(3 * DAY, 3);
  expect(encodeHistogram(huge).byteLength).toBe(452);
  expect(decodeHistogram(encodeHistogram(huge)).counts()).toEqual(huge.counts());
  expect(() => decodeHistogram(new Uint8Array(100))).toThrow(RangeError);
  expect(() => TurnaroundHistogram.fromCounts([1, 2, 3])).toThrow(RangeError);
});

test('contributions add up per store and day, completions into the histogram', () => {
  const deltas = dayDeltas([
    { storeId: 'S1', day: '2026-11-01', counts: { opened: 1 } },
    { storeId: 'S1', day: '2026-11-01', counts: { completed: 1, slaEligible: 1, slaMet: 1 }, turnaroundMinutes: 40 },
    { storeId: 'S2', day: '2026-11-01', counts: { opened: 1 } },
    { storeId: 'S1', day: '2026-11-01', counts: { completed: 1, slaEligible: 1, slaMet: 0 }, turnaroundMinutes: 3 * DAY },
    { storeId: 'S1', day: '2026-11-02', counts: { completed: 1 }, turnaroundMinutes: 45 },
  ]);
  expect(deltas.map(({ storeId, day, counts, turnaround }) => ({ storeId, day, counts, completions: turnaround?.total ?? null }))).toEqual([
    { storeId: 'S1', day: '2026-11-01', counts: { opened: 1, completed: 2, slaEligible: 2, slaMet: 1 }, completions: 2 },
    { storeId: 'S2', day: '2026-11-01', counts: { opened: 1 }, completions: null },
    { storeId: 'S1', day: '2026-11-02', counts: { completed: 1 }, completions: 1 },
  ]);
  expect(deltas[0]!.turnaround!.counts()).toEqual(TurnaroundHistogram.of([40, 3 * DAY]).counts());
});
