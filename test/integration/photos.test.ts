import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { callApi, newRepairBody } from '../support/api.js';
import { createTestStore } from '../support/stores.js';
import { orderPartition } from '../support/table-items.js';
import { imageBytes, runPhotoCheck, startTestS3, uploadWithForm } from '../support/s3.js';
import { LOCAL_AWS_ENV } from '../../local/dynamodb-local.js';
import { keys } from '../../shared/store/keys.js';
import { photoObjectKey } from '../../shared/media/object-keys.js';
import type { S3Local } from '../../local/s3-local.js';
import type { S3Event } from 'aws-lambda';
import { expectConforms } from '../support/contract.js';
import { PhotoList, PhotoUploadView } from '../../shared/schemas/photos.js';
import { Problem } from '../../shared/schemas/common.js';

let table: TestTable;
let s3: S3Local & { events: S3Event[] };
let s3Client: S3Client;
let storeId: string;
let otherStoreId: string;

beforeAll(async () => {
  table = await createTestTable();
  s3 = await startTestS3();
  s3Client = new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  storeId = (await createTestStore('Photo Store')).storeId;
  otherStoreId = (await createTestStore('Other Photo Store')).storeId;
}, 30_000);
afterAll(async () => {
  s3Client?.destroy();
  await s3?.stop();
  await table?.drop();
});

const JPEG = 'image/jpeg';
const PHONE = '+919812300077';

async function newOrder(phone = PHONE): Promise<string> {
  const created = await callApi('POST', '/v1/repairs', { storeId, body: newRepairBody({ customer: { name: 'Ravi Kumar', phone, language: 'en', smsOptIn: false } }) });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const askUpload = (orderId: string, body: Record<string, unknown>, store = storeId) => callApi('POST', `/v1/repairs/${orderId}/photos`, { storeId: store, body });
const list = (orderId: string, store = storeId) => callApi('GET', `/v1/repairs/${orderId}/photos`, { storeId: store });

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3Client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFound') return false;
    throw error;
  }
}

/** Asks for a slot, uploads the bytes with the form, waits for the check. */
async function uploadPhoto(orderId: string, bytes: Uint8Array, declared: Record<string, unknown> = {}) {
  const asked = await askUpload(orderId, { stage: 'intake', contentType: JPEG, sizeBytes: bytes.length, ...declared });
  expect(asked.status).toBe(201);
  const posted = await uploadWithForm(asked.body.upload, bytes, String(declared.contentType ?? JPEG));
  expect(posted.status).toBeLessThan(300);
  await s3.drain();
  return asked.body.id as string;
}

test('a real multipart upload with the presigned fields becomes ready; its link returns the same bytes', async () => {
  const orderId = await newOrder();
  const bytes = imageBytes(JPEG, 50_000);
  const asked = await askUpload(orderId, { stage: 'intake', contentType: JPEG, sizeBytes: bytes.length, caption: 'Crack, top left', customerVisible: true });
  expectConforms(asked, PhotoUploadView, 201);
  expect(asked.body).toMatchObject({ state: 'pending', upload: { url: expect.stringContaining(s3.endpoint), fields: expect.objectContaining({ key: photoObjectKey(orderId, asked.body.id), 'Content-Type': JPEG }) } });
  const expiresIn = Date.parse(asked.body.upload.expiresAt) - Date.now();
  expect(expiresIn).toBeGreaterThan(9 * 60_000);
  expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);
  // The policy carries the declared type and a size range up to the declared size.
  const policy = JSON.parse(Buffer.from(asked.body.upload.fields.Policy, 'base64').toString('utf8'));
  expect(policy.conditions).toEqual(expect.arrayContaining([['content-length-range', 1, bytes.length], ['eq', '$Content-Type', JPEG]]));

  expect((await list(orderId)).body.items).toEqual([expect.objectContaining({ id: asked.body.id, state: 'pending' })]);
  expect((await list(orderId)).body.items[0].url).toBeUndefined();

  expect((await uploadWithForm(asked.body.upload, bytes, JPEG)).status).toBeLessThan(300);
  await s3.drain();
  const listed = await list(orderId);
  expectConforms(listed, PhotoList, 200);
  expect(listed.body.items).toEqual([
    expect.objectContaining({ id: asked.body.id, stage: 'intake', caption: 'Crack, top left', contentType: JPEG, sizeBytes: bytes.length, state: 'ready', customerVisible: true, url: expect.any(String) }),
  ]);
  const url = new URL(listed.body.items[0].url);
  expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(15 * 60);
  const downloaded = await fetch(url);
  expect(downloaded.status).toBe(200);
  expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(bytes);

  // The photo is beside the order, but outside what an order read fetches.
  const order = await callApi('GET', `/v1/repairs/${orderId}`, { storeId });
  expect(order.status).toBe(200);
  expect(JSON.stringify(order.body)).not.toContain(asked.body.id);
});

test('bytes that are not the declared image are rejected and the object deleted; PNG and WebP pass', async () => {
  const orderId = await newOrder();
  const fake = new TextEncoder().encode('<html>definitely not a photo</html>'.repeat(10));
  const fakeId = await uploadPhoto(orderId, fake);
  const pngAsJpeg = await uploadPhoto(orderId, imageBytes('image/png', 2_000));
  const png = await uploadPhoto(orderId, imageBytes('image/png', 2_000), { contentType: 'image/png' });
  const webp = await uploadPhoto(orderId, imageBytes('image/webp', 2_000), { contentType: 'image/webp', stage: 'after' });
  const all = await list(orderId);
  expectConforms(all, PhotoList, 200); // rejected ones too: rejectedReason, no url
  const items = all.body.items as Array<{ id: string; state: string; rejectedReason: string | null; url?: string }>;
  const byId = new Map(items.map((item) => [item.id, item]));
  expect(byId.get(fakeId)).toMatchObject({ state: 'rejected', rejectedReason: 'the file is not image/jpeg' });
  expect(byId.get(fakeId)?.url).toBeUndefined();
  expect(byId.get(pngAsJpeg)).toMatchObject({ state: 'rejected', rejectedReason: 'the file is not image/jpeg (it is image/png)' });
  expect(byId.get(png)?.state).toBe('ready');
  expect(byId.get(webp)?.state).toBe('ready');
  expect(await objectExists(photoObjectKey(orderId, fakeId))).toBe(false);
  expect(await objectExists(photoObjectKey(orderId, pngAsJpeg))).toBe(false);
  expect(await objectExists(photoObjectKey(orderId, png))).toBe(true);
});

test('a file larger than declared is rejected by the check (s3rver does not enforce the policy range; S3 does)', async () => {
  const orderId = await newOrder();
  const asked = await askUpload(orderId, { stage: 'repair', contentType: JPEG, sizeBytes: 1_000 });
  await uploadWithForm(asked.body.upload, imageBytes(JPEG, 5_000), JPEG);
  await s3.drain();
  expect((await list(orderId)).body.items[0]).toMatchObject({ state: 'rejected', rejectedReason: 'the file is larger than the 1000 bytes declared' });
  expect(await objectExists(photoObjectKey(orderId, asked.body.id))).toBe(false);
});

test('a duplicated S3 event changes nothing; a reused form with bad bytes is rejected again', async () => {
  const orderId = await newOrder();
  const bytes = imageBytes(JPEG, 3_000);
  const asked = await askUpload(orderId, { stage: 'intake', contentType: JPEG, sizeBytes: bytes.length });
  await uploadWithForm(asked.body.upload, bytes, JPEG);
  await s3.drain();
  const event = s3.events.at(-1)!;
  const before = await orderPartition(table.doc, table.tableName, orderId);
  await runPhotoCheck(event);
  await runPhotoCheck(event);
  expect(await orderPartition(table.doc, table.tableName, orderId)).toEqual(before);
  expect(await objectExists(photoObjectKey(orderId, asked.body.id))).toBe(true);

  // The same form again within its window, with bytes that are no photo: the check sees the new bytes.
  await uploadWithForm(asked.body.upload, new Uint8Array(100).fill(65), JPEG);
  await s3.drain();
  expect((await list(orderId)).body.items[0]).toMatchObject({ state: 'rejected' });
  expect(await objectExists(photoObjectKey(orderId, asked.body.id))).toBe(false);
  await runPhotoCheck(s3.events.at(-1)!); // a repeat of the rejection: still nothing there
  expect(await objectExists(photoObjectKey(orderId, asked.body.id))).toBe(false);
});

test('bad input is a 400 naming the field', async () => {
  const orderId = await newOrder();
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ stage: 'intake', contentType: 'image/gif', sizeBytes: 10 }, 'contentType'],
    [{ stage: 'intake', contentType: JPEG, sizeBytes: 10 * 1024 * 1024 + 1 }, 'sizeBytes'],
    [{ stage: 'intake', contentType: JPEG, sizeBytes: 0 }, 'sizeBytes'],
    [{ stage: 'intake', contentType: JPEG, sizeBytes: -5 }, 'sizeBytes'],
    [{ stage: 'intake', contentType: JPEG, sizeBytes: 1.5 }, 'sizeBytes'],
    [{ stage: 'before', contentType: JPEG, sizeBytes: 10 }, 'stage'],
    [{ stage: 'intake', contentType: JPEG, sizeBytes: 10, caption: 'x'.repeat(201) }, 'caption'],
    [{ stage: 'intake', contentType: JPEG, sizeBytes: 10, storeId: otherStoreId }, 'storeId'],
  ];
  for (const [body, field] of cases) {
    const answer = await askUpload(orderId, body);
    expect({ field, status: answer.status, type: answer.headers['content-type'] }).toEqual({ field, status: 400, type: 'application/problem+json' });
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  }
  expect((await askUpload(orderId, { stage: 'intake', contentType: JPEG, sizeBytes: 10 * 1024 * 1024, caption: 'x'.repeat(200) })).status).toBe(201);
});

test('at most 20 per order: the 21st is a 409, a deleted or abandoned one frees its slot', async () => {
  const orderId = await newOrder();
  const asked = await Promise.all(Array.from({ length: 20 }, () => askUpload(orderId, { stage: 'repair', contentType: JPEG, sizeBytes: 100 })));
  expect(asked.map((a) => a.status)).toEqual(Array(20).fill(201));
  const over = await askUpload(orderId, { stage: 'repair', contentType: JPEG, sizeBytes: 100 });
  expectConforms(over, Problem, 409);
  expect(over.body.detail).toContain('at most 20');

  // Concurrent requests for the last slot: exactly one gets it.
  expect((await callApi('DELETE', `/v1/repairs/${orderId}/photos/${asked[0]!.body.id}`, { storeId })).status).toBe(204);
  const race = await Promise.all([1, 2, 3].map(() => askUpload(orderId, { stage: 'repair', contentType: JPEG, sizeBytes: 100 })));
  expect(race.map((a) => a.status).sort()).toEqual([201, 409, 409]);

  // A pending slot whose window passed (form expired, nothing uploaded) is gone from the list and free again.
  const stale = asked[1]!.body.id as string;
  const item = (await orderPartition(table.doc, table.tableName, orderId)).find((i) => i.id === stale)!;
  expect(item.expiresAt).toEqual(expect.any(Number)); // TTL removes the record later
  await table.doc.send(new UpdateCommand({ TableName: table.tableName, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET uploadExpiresAt = :past', ExpressionAttributeValues: { ':past': new Date(Date.now() - 3_600_000).toISOString() } }));
  const listed = (await list(orderId)).body.items as Array<{ id: string }>;
  expect(listed).toHaveLength(19);
  expect(listed.map((p) => p.id)).not.toContain(stale);
  expect((await askUpload(orderId, { stage: 'after', contentType: JPEG, sizeBytes: 100 })).status).toBe(201);
  expect((await list(orderId)).body.items).toHaveLength(20);
});

test('a finished order takes photos for 30 days after it ended, then 409', async () => {
  const orderId = await newOrder();
  for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) {
    expect((await callApi('POST', `/v1/repairs/${orderId}/status`, { storeId, body: { status } })).status).toBe(200);
  }
  expect((await askUpload(orderId, { stage: 'after', contentType: JPEG, sizeBytes: 100 })).status).toBe(201);
  const ended = new Date(Date.now() - 31 * 86_400_000).toISOString();
  await table.doc.send(new UpdateCommand({ TableName: table.tableName, Key: keys.order(orderId), UpdateExpression: 'SET updatedAt = :at', ExpressionAttributeValues: { ':at': ended } }));
  const refused = await askUpload(orderId, { stage: 'after', contentType: JPEG, sizeBytes: 100 });
  expect(refused.status).toBe(409);
  expect(refused.body.currentState).toBe('completed');
});

test("another store's order is a 404 for every photo route; delete removes object and record", async () => {
  const orderId = await newOrder();
  const photoId = await uploadPhoto(orderId, imageBytes(JPEG, 1_000));
  expect((await askUpload(orderId, { stage: 'intake', contentType: JPEG, sizeBytes: 10 }, otherStoreId)).status).toBe(404);
  expect((await list(orderId, otherStoreId)).status).toBe(404);
  expect((await callApi('DELETE', `/v1/repairs/${orderId}/photos/${photoId}`, { storeId: otherStoreId })).status).toBe(404);
  expect((await list('01JZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
  expect((await callApi('DELETE', `/v1/repairs/${orderId}/photos/01JZZZZZZZZZZZZZZZZZZZZZZZ`, { storeId })).status).toBe(404);
  expect(await objectExists(photoObjectKey(orderId, photoId))).toBe(true);

  const deleted = await callApi('DELETE', `/v1/repairs/${orderId}/photos/${photoId}`, { storeId });
  expect(deleted).toMatchObject({ status: 204, body: '' });
  expect(await objectExists(photoObjectKey(orderId, photoId))).toBe(false);
  expect((await list(orderId)).body.items).toEqual([]);
  expect((await orderPartition(table.doc, table.tableName, orderId)).filter((i) => i.type === 'photo')).toEqual([]);
  expect((await callApi('DELETE', `/v1/repairs/${orderId}/photos/${photoId}`, { storeId })).status).toBe(404);
});

test("an upload for a deleted photo's form is deleted on arrival (no record names it)", async () => {
  const orderId = await newOrder();
  const asked = await askUpload(orderId, { stage: 'intake', contentType: JPEG, sizeBytes: 500 });
  expect((await callApi('DELETE', `/v1/repairs/${orderId}/photos/${asked.body.id}`, { storeId })).status).toBe(204);
  await uploadWithForm(asked.body.upload, imageBytes(JPEG, 500), JPEG);
  await s3.drain();
  expect(await objectExists(photoObjectKey(orderId, asked.body.id))).toBe(false);
});

test("erasing a customer deletes the photos of their orders in that store, and only theirs", async () => {
  const phone = '+919812300088';
  const erased = await newOrder(phone);
  const kept = await newOrder('+919812300099');
  const photoA = await uploadPhoto(erased, imageBytes(JPEG, 1_000));
  const photoB = await uploadPhoto(erased, imageBytes(JPEG, 1_000), { stage: 'after' });
  const photoC = await uploadPhoto(kept, imageBytes(JPEG, 1_000));
  const answer = await callApi('DELETE', `/v1/customers/${encodeURIComponent(phone)}/personal-data`, { storeId: otherStoreId });
  expect(answer.body.erasedOrders).toBe(0);
  expect(await objectExists(photoObjectKey(erased, photoA))).toBe(true);

  expect((await callApi('DELETE', `/v1/customers/${encodeURIComponent(phone)}/personal-data`, { storeId })).body.erasedOrders).toBe(1);
  expect(await objectExists(photoObjectKey(erased, photoA))).toBe(false);
  expect(await objectExists(photoObjectKey(erased, photoB))).toBe(false);
  expect((await list(erased)).body.items).toEqual([]);
  expect(await objectExists(photoObjectKey(kept, photoC))).toBe(true);
  expect((await list(kept)).body.items).toHaveLength(1);
});

test("the customer page's port lists only ready, customer-visible photos with short links", async () => {
  const orderId = await newOrder();
  const shown = await uploadPhoto(orderId, imageBytes(JPEG, 800), { customerVisible: true, caption: 'Before', stage: 'intake' });
  await uploadPhoto(orderId, imageBytes(JPEG, 800), { customerVisible: false, caption: 'Internal' });
  await uploadPhoto(orderId, new Uint8Array(800), { customerVisible: true, caption: 'Broken upload' });
  await askUpload(orderId, { stage: 'after', contentType: JPEG, sizeBytes: 10, customerVisible: true }); // pending
  const { customerPhotos } = await import('../../shared/media/container.js');
  const photos = await customerPhotos.visibleFor(orderId);
  expect(photos).toEqual([{ url: expect.stringContaining(photoObjectKey(orderId, shown)), caption: 'Before', stage: 'intake' }]);
  expect((await fetch(photos[0]!.url)).status).toBe(200);
});

test('the customer page shows the ready, customer-visible photos, and its CSP admits exactly their origin', async () => {
  const orderId = await newOrder();
  await uploadPhoto(orderId, imageBytes(JPEG, 800), { customerVisible: true, caption: 'Cracked corner', stage: 'intake' });
  await uploadPhoto(orderId, imageBytes(JPEG, 800), { customerVisible: false, caption: 'Internal board photo' });
  const stored = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.order(orderId) }));
  const page = await callApi('GET', `/r/${stored.Item?.pageToken as string}?lang=en`);
  expect(page.status).toBe(200);
  expect(page.body).toContain('Cracked corner');
  expect(page.body).not.toContain('Internal board photo');
  const src = /<img[^>]+src="([^"]+)"/.exec(page.body as string)?.[1]?.replace(/&amp;/g, '&');
  expect(src).toContain(photoObjectKey(orderId, ''));
  expect((await fetch(src!)).status).toBe(200);
  expect(page.headers['content-security-policy']).toContain(`img-src 'self' ${new URL(src!).origin}`);
});

describe('retention: an ended order\'s photos go 90 days after its repair warranty ends, or after a cancellation', () => {
  type Job = (event: unknown, context: unknown) => Promise<{ examined: number; changed: number; failed: number }>;
  const DAY = 86_400_000;
  const runPhotosJob = async (time: Date) => {
    const { SCHEDULED_JOBS } = await import('../../functions/schedules.js');
    const { scheduledEvent } = await import('../../local/scheduler.js');
    const { lambdaContext } = await import('../../local/api-gateway.js');
    const { handler } = (await import('../../functions/jobs/photos.js')) as unknown as { handler: Job };
    const job = SCHEDULED_JOBS.find((j) => j.name === 'photos')!;
    return handler(scheduledEvent(job, time), { ...lambdaContext('photos'), getRemainingTimeInMillis: () => 300_000 });
  };
  const purgeAt = async (orderId: string) =>
    new Date((await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.photoPurge(orderId) }))).Item?.purgeAt as string);
  const move = (orderId: string, status: string, extra: Record<string, unknown> = {}) => callApi('POST', `/v1/repairs/${orderId}/status`, { storeId, body: { status, ...extra } });

  test('completed with a 90-day repair warranty: kept until 90 days after its last day, then objects and records deleted once', async () => {
    const orderId = await newOrder();
    const photo = await uploadPhoto(orderId, imageBytes(JPEG, 900));
    for (const status of ['diagnosing', 'in_repair', 'quality_check', 'ready_for_pickup', 'completed']) expect((await move(orderId, status)).status).toBe(200);
    const warranty = (await callApi('GET', `/v1/warranties/${newRepairBody().device.deviceId}`, { storeId })).body.items.find((w: { orderId: string }) => w.orderId === orderId);
    const at = await purgeAt(orderId);
    // Midnight (Kolkata) after the warranty's last day, plus 90 days.
    expect(at.toISOString()).toBe(new Date(Date.parse(`${warranty.endsAt}T00:00:00+05:30`) + DAY + 90 * DAY).toISOString());
    const early = await runPhotosJob(new Date(at.getTime() - 60_000));
    expect(early.changed).toBe(0);
    expect(await objectExists(photoObjectKey(orderId, photo))).toBe(true);
    // Earlier tests' orders ended today too: their purges fall due at the same time.
    const due = await runPhotosJob(new Date(at.getTime() + 60_000));
    expect(due.failed).toBe(0);
    expect(due.changed).toBeGreaterThanOrEqual(1);
    expect(due.changed).toBe(due.examined);
    expect(await objectExists(photoObjectKey(orderId, photo))).toBe(false);
    expect((await list(orderId)).body.items).toEqual([]);
    expect((await runPhotosJob(new Date(at.getTime() + 120_000))).examined).toBe(0);
  });

  test('cancelled: 90 days after the cancellation', async () => {
    const orderId = await newOrder();
    await uploadPhoto(orderId, imageBytes(JPEG, 900));
    const before = Date.now();
    expect((await move(orderId, 'cancelled', { reason: 'Customer took the device back' })).status).toBe(200);
    const at = (await purgeAt(orderId)).getTime();
    expect(at).toBeGreaterThanOrEqual(before + 90 * DAY);
    expect(at).toBeLessThanOrEqual(Date.now() + 90 * DAY);
  });
});
