/**
 * What a store app does with the answer of POST /v1/repairs/{id}/photos: a multipart POST of every
 * presigned field, then the file (last, as S3 requires). Used by the tests, the bench and the README's demo.
 */
export async function postPresignedForm(upload: { url: string; fields: Record<string, string> }, bytes: Uint8Array, contentType: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'photo');
  return fetch(upload.url, { method: 'POST', body: form });
}

/** Bytes that start with the type's signature (all the photo check reads), then filler. */
export function sampleImage(type: 'image/jpeg' | 'image/png' | 'image/webp', size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const signature =
    type === 'image/jpeg' ? [0xff, 0xd8, 0xff, 0xe0] : type === 'image/png' ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50];
  bytes.set(signature, 0);
  return bytes;
}
