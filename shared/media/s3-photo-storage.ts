import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { PhotoStorage, UploadForm } from '../usecases/photo-ports.js';
import { DownloadLinkSigner } from './download-links.js';

/**
 * One client per container. Locally AWS_ENDPOINT_URL_S3 points at s3rver (the SDK reads it
 * itself), which serves buckets by path only; presigned URLs then name that endpoint too.
 */
export function photoS3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  return new S3Client({ forcePathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined });
}

const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name;

export class S3PhotoStorage implements PhotoStorage {
  private readonly links: DownloadLinkSigner;

  constructor(private readonly s3: S3Client, private readonly bucket: string) {
    this.links = new DownloadLinkSigner(s3, bucket);
  }

  /**
   * The policy pins the key, the content type and the size range: the form cannot upload anything
   * else. S3 checks it at upload time, so an expired form is refused by S3 itself.
   */
  async uploadForm(key: string, contentType: string, maxBytes: number, expiresInSeconds: number): Promise<UploadForm> {
    const expiresAt = new Date(Date.now() + expiresInSeconds * 1000).toISOString();
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [['content-length-range', 1, maxBytes], ['eq', '$Content-Type', contentType]],
      Fields: { 'Content-Type': contentType },
      Expires: expiresInSeconds,
    });
    return { url, fields, expiresAt };
  }

  downloadUrl(key: string, expiresInSeconds: number): Promise<string> {
    return this.links.url(key, { expiresIn: expiresInSeconds });
  }

  /** One ranged GET: the first bytes and, from Content-Range, the whole size; never the whole object. */
  async inspect(key: string, headBytes: number): Promise<{ sizeBytes: number; head: Uint8Array } | null> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${headBytes - 1}` }));
      const head = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
      return { sizeBytes: total !== undefined ? Number(total) : (object.ContentLength ?? head.length), head };
    } catch (error) {
      if (errorName(error) === 'NoSuchKey') return null;
      // A range from byte 0 is unsatisfiable only on an empty object.
      if (errorName(error) === 'InvalidRange') return { sizeBytes: 0, head: new Uint8Array() };
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
