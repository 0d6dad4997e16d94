import { TURNAROUND_BUCKETS, TurnaroundHistogram } from '../domain/turnaround-histogram.js';

/**
 * A day's turnaround histogram as one Binary attribute of fixed width: a count per bucket,
 * little-endian, 2 bytes each (226 bytes) — 4 each only if a bucket of one store-day ever
 * passed 65 535 repairs. A Number per bucket would grow a byte with every hundredfold of its
 * count, and with it the day item and the league table's read units.
 */
export function encodeHistogram(histogram: TurnaroundHistogram): Uint8Array {
  const counts = histogram.counts();
  const width = counts.some((n) => n > 0xffff) ? 4 : 2;
  const bytes = new Uint8Array(TURNAROUND_BUCKETS * width);
  const view = new DataView(bytes.buffer);
  counts.forEach((n, i) => {
    if (n > 0xffff_ffff) throw new RangeError('a turnaround bucket cannot hold more than 2^32 - 1 repairs');
    if (width === 2) view.setUint16(i * 2, n, true);
    else view.setUint32(i * 4, n, true);
  });
  return bytes;
}

export function decodeHistogram(bytes: Uint8Array): TurnaroundHistogram {
  const width = bytes.byteLength / TURNAROUND_BUCKETS;
  if (width !== 2 && width !== 4) throw new RangeError(`a stored turnaround histogram has ${TURNAROUND_BUCKETS} counts of 2 or 4 bytes, not ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return TurnaroundHistogram.fromCounts(Array.from({ length: TURNAROUND_BUCKETS }, (_, i) => (width === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true))));
}
