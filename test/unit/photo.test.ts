import { checkUpload, freePhotoSlots, isAbandoned, MAX_PHOTO_BYTES, newPendingPhoto, PHOTO_RETENTION_DAYS, photoPurgeAt, sniffImageType, type Photo } from '../../shared/domain/photo.js';
import { parsePhotoObjectKey, photoObjectKey } from '../../shared/media/object-keys.js';
import { ConflictError } from '../../shared/domain/errors.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const bytes = (...values: number[]) => Uint8Array.from(values);
const JPEG_HEAD = bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0);
const PNG_HEAD = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
const WEBP_HEAD = bytes(0x52, 0x49, 0x46, 0x46, 0x24, 0x10, 0, 0, 0x57, 0x45, 0x42, 0x50);

function photo(slot: number, overrides: Partial<Photo> = {}): Photo {
  return { ...newPendingPhoto({ id: `P${slot}`, orderId: 'O1', storeId: 'S1', slot }, { stage: 'intake', contentType: 'image/jpeg', sizeBytes: 1000 }, NOW), ...overrides };
}

test('signatures: JPEG, PNG and WebP by their magic numbers; anything else is none of them', () => {
  expect(sniffImageType(JPEG_HEAD)).toBe('image/jpeg');
  expect(sniffImageType(PNG_HEAD)).toBe('image/png');
  expect(sniffImageType(WEBP_HEAD)).toBe('image/webp');
  expect(sniffImageType(bytes(0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45))).toBeNull(); // RIFF WAVE
  expect(sniffImageType(bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61))).toBeNull(); // GIF
  expect(sniffImageType(bytes(0xff, 0xd8))).toBeNull();
  expect(sniffImageType(bytes())).toBeNull();
});

test('the check: ready only for the declared type within 1 byte..the declared size (≤ 10 MB)', () => {
  const declared = { contentType: 'image/png' as const, sizeBytes: 5000 };
  expect(checkUpload(declared, { sizeBytes: 5000, head: PNG_HEAD })).toEqual({ state: 'ready', sizeBytes: 5000 });
  expect(checkUpload(declared, { sizeBytes: 10, head: PNG_HEAD })).toEqual({ state: 'ready', sizeBytes: 10 });
  expect(checkUpload(declared, { sizeBytes: 5001, head: PNG_HEAD }).state).toBe('rejected');
  expect(checkUpload(declared, { sizeBytes: 0, head: bytes() })).toEqual({ state: 'rejected', reason: 'the file is empty' });
  expect(checkUpload(declared, { sizeBytes: 100, head: JPEG_HEAD })).toEqual({ state: 'rejected', reason: 'the file is not image/png (it is image/jpeg)' });
  expect(checkUpload({ contentType: 'image/jpeg', sizeBytes: MAX_PHOTO_BYTES + 5 }, { sizeBytes: MAX_PHOTO_BYTES + 1, head: JPEG_HEAD }).state).toBe('rejected');
});

test('slots: empty ones first, then abandoned uploads, then rejected photos; 20 held → 409', () => {
  const open = { status: 'in_repair' as const, updatedAt: NOW.toISOString() };
  expect(freePhotoSlots(open, [], NOW)).toHaveLength(20);
  const abandoned = photo(1, { uploadExpiresAt: new Date(NOW.getTime() - 3_600_000).toISOString() });
  const rejected = photo(2, { state: 'rejected', checkedAt: NOW.toISOString() });
  const held = Array.from({ length: 17 }, (_, i) => photo(i + 3, { state: 'ready' }));
  expect(freePhotoSlots(open, [abandoned, rejected, ...held], NOW)).toEqual([0, 1, 2]);
  expect(() => freePhotoSlots(open, [photo(0), photo(1), photo(2, { state: 'ready' }), ...held], NOW)).toThrow(ConflictError);
  // A pending upload is not abandoned until its window and the grace after it have passed.
  expect(isAbandoned(photo(0), new Date(NOW.getTime() + 10 * 60_000))).toBe(false);
  expect(isAbandoned(photo(0), new Date(NOW.getTime() + 13 * 60_000))).toBe(true);
  expect(isAbandoned(photo(0, { state: 'ready' }), new Date(NOW.getTime() + 86_400_000))).toBe(false);
});

test('a finished order takes photos for 30 days after it ended; an open one whatever its age', () => {
  const ended = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
  expect(freePhotoSlots({ status: 'completed', updatedAt: ended(29.9) }, [], NOW)).toHaveLength(20);
  expect(() => freePhotoSlots({ status: 'cancelled', updatedAt: ended(30.1) }, [], NOW)).toThrow('ended more than 30 days ago');
  expect(freePhotoSlots({ status: 'awaiting_parts', updatedAt: ended(400) }, [], NOW)).toHaveLength(20);
});

test('object keys: ours parse back; anything else is refused', () => {
  expect(parsePhotoObjectKey(photoObjectKey('01JORDER', '01JPHOTO'))).toEqual({ orderId: '01JORDER', photoId: '01JPHOTO' });
  for (const key of ['other/01J/01K', 'photos/01J', 'photos/01J/01K/extra', 'photos/../01K', 'photos/a%2Fb/c', 'photos/%E0%A4%A/x', 'photos//x']) {
    expect(parsePhotoObjectKey(key)).toBeNull();
  }
});

describe('photo retention', () => {
  const DAY = 86_400_000;
  test('90 days after the repair warranty expires; 90 days after the end without one', () => {
    const endedAt = new Date('2026-12-01T10:00:00Z');
    const warrantyExpiresAt = new Date('2027-02-28T18:30:00Z'); // midnight in Kolkata after the last day
    expect(photoPurgeAt(endedAt, warrantyExpiresAt).toISOString()).toBe(new Date(warrantyExpiresAt.getTime() + 90 * DAY).toISOString());
    expect(photoPurgeAt(endedAt, null).toISOString()).toBe('2027-03-01T10:00:00.000Z');
    expect(PHOTO_RETENTION_DAYS).toBe(90);
  });
});
