import type { Context, S3Event } from 'aws-lambda';
import { lambdaContext } from '../../local/api-gateway.js';
import { startS3Local, type S3Local } from '../../local/s3-local.js';

/**
 * A local S3 (s3rver, temporary folder) for one test file, its events fed to the real photo check
 * handler. Call before the first handler import: the photo adapters read the endpoint at load.
 * Events can be held back (`deliver: false`) so a test can deliver them itself, e.g. twice.
 */
export async function startTestS3(options: { deliver?: boolean } = {}): Promise<S3Local & { events: S3Event[] }> {
  const events: S3Event[] = [];
  const s3 = await startS3Local({
    onEvent: async (event) => {
      events.push(event);
      if (options.deliver !== false) await runPhotoCheck(event);
    },
  });
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: s3.endpoint, PHOTOS_BUCKET: s3.bucket });
  return Object.assign(s3, { events });
}

export async function runPhotoCheck(event: S3Event): Promise<void> {
  const { handler } = (await import('../../functions/photo-check.js')) as { handler: (event: S3Event, context: Context) => Promise<void> };
  await handler(event, lambdaContext('photo-check'));
}

/** The presigned POST as a store app sends it: every field, then the file last. */
export async function uploadWithForm(upload: { url: string; fields: Record<string, string> }, bytes: Uint8Array, contentType: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'photo');
  return fetch(upload.url, { method: 'POST', body: form });
}

/** Bytes that start like the type says (the check reads only the signature). */
export function imageBytes(type: 'image/jpeg' | 'image/png' | 'image/webp', size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const signature =
    type === 'image/jpeg' ? [0xff, 0xd8, 0xff, 0xe0] : type === 'image/png' ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50];
  bytes.set(signature, 0);
  return bytes;
}
