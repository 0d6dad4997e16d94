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

/** The presigned POST as a store app sends it, and bytes that start like the type says (local/photo-form.ts). */
export { postPresignedForm as uploadWithForm, sampleImage as imageBytes } from '../../local/photo-form.js';
