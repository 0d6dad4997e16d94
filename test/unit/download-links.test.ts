import { jest } from '@jest/globals';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DownloadLinkSigner } from '../../shared/media/download-links.js';
import { photoObjectKey } from '../../shared/media/object-keys.js';

const AT = new Date('2026-12-01T10:15:30Z');
const KEYS = [photoObjectKey('01JDX3M0000000000000000000', 'ph_01JDX3M1'), photoObjectKey('01JDX3M0000000000000000001', 'ph_01JDX3M2'), 'photos/a/b.c_d-e'];

const clients = {
  'deployed (virtual-hosted, session token)': () =>
    new S3Client({ region: 'ap-south-1', credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'IQoJb3JpZ2luX2VjE+/token==' } }),
  'local (path style, a port)': () =>
    new S3Client({ region: 'ap-south-1', endpoint: 'http://127.0.0.1:4569', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  'another region': () => new S3Client({ region: 'eu-central-1', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' } }),
};

describe.each(Object.entries(clients))('download links, %s', (_name, client) => {
  const bucket = 'repair-api-prod-photos-123456789012-ap-south-1';

  test('every link is the URL getSignedUrl gives for that key, byte for byte (first, later, and after other keys)', async () => {
    const s3 = client();
    const reference = client();
    const signer = new DownloadLinkSigner(s3, bucket);
    // getSignedUrl clones the client's middleware stack for each link: the signer only for its first.
    const longWay = jest.spyOn(s3.middlewareStack, 'clone');
    for (const expiresIn of [900, 60]) {
      for (const key of [...KEYS, ...KEYS]) {
        const expected = await getSignedUrl(reference, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn, signingDate: AT });
        expect(await signer.url(key, { expiresIn, signingDate: AT })).toBe(expected);
      }
    }
    expect(longWay).toHaveBeenCalledTimes(1);
  });

  test('keys differ in their links: the path and the signature', async () => {
    const signer = new DownloadLinkSigner(client(), bucket);
    const [a, b] = [await signer.url(KEYS[0]!, { expiresIn: 900, signingDate: AT }), await signer.url(KEYS[1]!, { expiresIn: 900, signingDate: AT })];
    expect(new URL(a).pathname).toMatch(new RegExp(`/${KEYS[0]}$`));
    expect(new URL(b).pathname).toMatch(new RegExp(`/${KEYS[1]}$`));
    expect(new URL(a).searchParams.get('X-Amz-Signature')).not.toBe(new URL(b).searchParams.get('X-Amz-Signature'));
  });
});

test('a key that would need escaping takes the long way and is still the SDK URL', async () => {
  const s3 = clients['deployed (virtual-hosted, session token)']();
  const signer = new DownloadLinkSigner(s3, 'b');
  await signer.url(KEYS[0]!, { expiresIn: 900, signingDate: AT });
  const odd = 'photos/with space+plus/ü';
  expect(await signer.url(odd, { expiresIn: 900, signingDate: AT })).toBe(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: odd }), { expiresIn: 900, signingDate: AT }));
});
