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
  // Read as one typed array (the league table decodes thousands at once); a big-endian host would swap bytes first.
  const aligned = bytes.slice();
  if (!LITTLE_ENDIAN_HOST) for (let i = 0; i < aligned.length; i += width) aligned.subarray(i, i + width).reverse();
  return TurnaroundHistogram.fromCounts(width === 2 ? new Uint16Array(aligned.buffer) : new Uint32Array(aligned.buffer));
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
