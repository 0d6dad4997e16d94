import type { Photo, PhotoState } from '../domain/photo.js';

/** Photo records beside their order (shared/store/photo-repository.ts). */
export interface PhotoRepository {
  /** Every photo record of the order (at most one per slot: 20), abandoned ones included. */
  listByOrder(orderId: string): Promise<Photo[]>;
  /**
   * Puts the photo in its slot only if the slot is still as the caller read it (empty, or held by
   * `replaces`): two concurrent requests can never both take the 20th slot. False when it was taken.
   */
  claimSlot(photo: Photo, replaces: Photo | null): Promise<boolean>;
  /** The check's verdict, only while the slot still holds this photo in the state read; false otherwise (a repeated event). */
  settle(photo: Photo, outcome: { state: Exclude<PhotoState, 'pending'>; sizeBytes: number; reason: string | null; at: Date }): Promise<boolean>;
  /** Removes the record if the slot still holds this photo. */
  remove(photo: Photo): Promise<void>;
}

export interface UploadForm {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** The photo bucket (shared/media/s3-photo-storage.ts). */
export interface PhotoStorage {
  /** A presigned POST for exactly this key and content type, with a size range of 1..maxBytes. */
  uploadForm(key: string, contentType: string, maxBytes: number, expiresInSeconds: number): Promise<UploadForm>;
  /** A presigned GET link. */
  downloadUrl(key: string, expiresInSeconds: number): Promise<string>;
  /** The object's real size and its first bytes, or null when there is no such object. */
  inspect(key: string, headBytes: number): Promise<{ sizeBytes: number; head: Uint8Array } | null>;
  /** Deleting a missing object is fine. */
  remove(key: string): Promise<void>;
}
