import * as z from 'zod';
import { MAX_CAPTION_LENGTH, MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES, PHOTO_STAGES } from '../domain/photo.js';

export const PhotoStage = z.enum(PHOTO_STAGES).meta({ id: 'PhotoStage' });
export const PhotoContentType = z.enum(PHOTO_CONTENT_TYPES).meta({ id: 'PhotoContentType' });

export const RequestPhotoUploadBody = z
  .object({
    stage: PhotoStage,
    contentType: PhotoContentType,
    sizeBytes: z
      .number()
      .int('must be a whole number of bytes')
      .min(1, `must be from 1 to ${MAX_PHOTO_BYTES} bytes (10 MB)`)
      .max(MAX_PHOTO_BYTES, `must be from 1 to ${MAX_PHOTO_BYTES} bytes (10 MB)`)
      .meta({ description: 'The file size; the upload form accepts no larger file' }),
    caption: z.string().trim().min(1, 'must not be empty').max(MAX_CAPTION_LENGTH, `must be at most ${MAX_CAPTION_LENGTH} characters`).optional(),
    customerVisible: z.boolean().optional().meta({ description: 'Shown on the customer page once ready (default false)' }),
  })
  .strict()
  .meta({ id: 'RequestPhotoUpload' });

export const PhotoPath = z.object({ id: z.string().min(1).max(64), photoId: z.string().min(1).max(64) });

export const PhotoUploadView = z
  .object({
    id: z.string(),
    state: z.literal('pending'),
    upload: z
      .object({
        url: z.string().meta({ description: 'POST multipart/form-data here' }),
        fields: z.record(z.string(), z.string()).meta({ description: 'Send every entry as a form field, then the file as `file` (last)' }),
        expiresAt: z.string().meta({ description: 'The form is refused after this (10 minutes)' }),
      })
      .meta({ id: 'PresignedPost' }),
  })
  .meta({ id: 'PhotoUpload' });

export const PhotoView = z
  .object({
    id: z.string(),
    stage: PhotoStage,
    caption: z.string().nullable(),
    contentType: PhotoContentType,
    sizeBytes: z.number().int(),
    state: z.enum(['pending', 'ready', 'rejected']),
    rejectedReason: z.string().nullable(),
    customerVisible: z.boolean(),
    createdAt: z.string(),
    url: z.string().optional().meta({ description: 'Download link valid for 15 minutes; only when ready' }),
  })
  .meta({ id: 'Photo' });

export const PhotoList = z.object({ items: z.array(PhotoView) }).meta({ id: 'PhotoList' });
