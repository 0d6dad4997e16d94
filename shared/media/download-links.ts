import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner';

type SignableRequest = Parameters<S3RequestPresigner['presign']>[0];

/** The query parameters SigV4 presigning writes itself; every other one in a link is the request's own. */
const SIGNING_PARAMS = new Set([
  'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256',
]);

/** Keys in the shape photo keys have (shared/media/object-keys.ts): they appear in a URL path unescaped. */
const PLAIN_KEY = /^[0-9A-Za-z_\-/.]+$/;

interface Template {
  /** The first link's request without its path and signature: what the links to every key of the bucket share. */
  request: Omit<SignableRequest, 'path'>;
  /** The path before the key: "/" (virtual-hosted) or "/<bucket>/" (path style, locally). */
  pathPrefix: string;
  signingRegion: string;
  signingService: string;
}

interface LinkOptions {
  expiresIn: number;
  signingDate?: Date;
}

/**
 * Presigned GET links to one bucket's objects, often several per request (a photo list signs one
 * per photo, the customer page one per visible photo). `getSignedUrl` clones the client's
 * middleware stack and resolves the endpoint for every link (≈ 250 µs each on the bench machine),
 * yet the links to keys of one bucket differ only by the key. So a container's first link is made
 * by `getSignedUrl` and its request kept (endpoint, path style, the SDK's own query parameters such
 * as x-amz-checksum-mode, the signing region and service); every later link is the SDK's
 * `S3RequestPresigner` signing that request with its own key: the same URL, byte for byte, as
 * test/unit/download-links.test.ts checks against `getSignedUrl`. Other keys go the long way.
 */
export class DownloadLinkSigner {
  /** undefined until the first link; null when its URL did not have the expected shape (then always the long way). */
  private template: Template | null | undefined;
  private readonly presigner: S3RequestPresigner;

  constructor(private readonly s3: S3Client, private readonly bucket: string) {
    this.presigner = new S3RequestPresigner({ ...s3.config, signingName: 's3' });
  }

  async url(key: string, options: LinkOptions): Promise<string> {
    if (!PLAIN_KEY.test(key) || this.template === null) return this.longWay(key, options);
    if (this.template === undefined) {
      const url = await this.longWay(key, options);
      this.template ??= templateOf(url, key);
      return url;
    }
    const { request, pathPrefix, signingRegion, signingService } = this.template;
    const signed = await this.presigner.presign({ ...request, headers: { ...request.headers }, query: { ...request.query }, path: `${pathPrefix}${key}` } as SignableRequest, {
      ...options,
      signingRegion,
      signingService,
    });
    return formatLink(signed);
  }

  private longWay(key: string, options: LinkOptions): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), options);
  }
}

function templateOf(link: string, key: string): Template | null {
  const url = new URL(link);
  if (!url.pathname.endsWith(`/${key}`)) return null;
  const [, , signingRegion, signingService] = (url.searchParams.get('X-Amz-Credential') ?? '').split('/');
  if (!signingRegion || !signingService) return null;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!SIGNING_PARAMS.has(name)) query[name] = value;
  return {
    request: {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port && { port: Number(url.port) }),
      query,
      headers: { host: url.host },
    } as Omit<SignableRequest, 'path'>,
    pathPrefix: url.pathname.slice(0, url.pathname.length - key.length),
    signingRegion,
    signingService,
  };
}

/** RFC 3986 escaping as the SDK's query strings use it. */
const escapeUri = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The presigned request as a URL, written as the SDK writes one (formatUrl: query parameters sorted by name). */
function formatLink(request: SignableRequest): string {
  const query = Object.keys(request.query ?? {})
    .sort()
    .map((name) => `${escapeUri(name)}=${escapeUri(String(request.query![name]))}`)
    .join('&');
  return `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${query ? `?${query}` : ''}`;
}
