import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event } from 'aws-lambda';
import { lambdaContext } from '../local/api-gateway.js';
import { LOCAL_AWS_ENV } from '../local/dynamodb-local.js';
import { postPresignedForm, sampleImage } from '../local/photo-form.js';
import { S3PhotoStorage } from '../shared/media/s3-photo-storage.js';
import { SIGNATURE_BYTES } from '../shared/domain/photo.js';
import { repairBody, startBenchStack } from './local.js';
import { median, percentile, type BenchRow } from './table.js';

const SIZE = 5 * 1024 * 1024;
const WARMUP = 3;
const SAMPLES = 12;

/**
 * The photo check on a 5 MB JPEG: the real handler, invoked with the S3 event of each upload, one
 * photo each (the check settles a photo once). It reads 12 bytes with one ranged GET; the baseline
 * is one GET of the whole object from the same local S3, what a check reading the file would pay.
 */
export async function run(): Promise<BenchRow[]> {
  const bench = await startBenchStack({ photoChecks: 'on-drain' });
  const s3 = new S3Client({
    endpoint: bench.stack.photos.endpoint,
    forcePathStyle: true,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
  try {
    const { handler } = (await import('../functions/photo-check.js')) as { handler: (event: S3Event, context: Context) => Promise<void> };
    const order = (await bench.api.expect(201, 'POST', '/v1/repairs', repairBody(1))).body as { id: string };
    const bytes = sampleImage('image/jpeg', SIZE);
    const storage = new S3PhotoStorage(s3, bench.stack.photos.bucket);
    const checks: number[] = [];
    const checkDynamo: number[] = [];
    const rangedReads: number[] = [];
    const wholeReads: number[] = [];
    let bytesRead = 0;
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const asked = (await bench.api.expect(201, 'POST', `/v1/repairs/${order.id}/photos`, { stage: 'intake', contentType: 'image/jpeg', sizeBytes: SIZE })).body as {
        upload: { url: string; fields: Record<string, string> };
      };
      const posted = await postPresignedForm(asked.upload, bytes, 'image/jpeg');
      if (!posted.ok) throw new Error(`upload refused: ${posted.status}`);
      const key = asked.upload.fields.key!;
      const event = { Records: [{ eventName: 'ObjectCreated:Post', s3: { bucket: { name: bench.stack.photos.bucket }, object: { key, size: SIZE } } }] } as unknown as S3Event;
      bench.recorder.take();
      let started = performance.now();
      await handler(event, lambdaContext('photo-check'));
      const checkMs = performance.now() - started;
      const { dynamoMs } = bench.recorder.take();
      // The check's S3 read on its own, against reading the whole object.
      started = performance.now();
      const inspected = await storage.inspect(key, SIGNATURE_BYTES);
      const rangedMs = performance.now() - started;
      started = performance.now();
      const whole = await s3.send(new GetObjectCommand({ Bucket: bench.stack.photos.bucket, Key: key }));
      await whole.Body!.transformToByteArray();
      const wholeMs = performance.now() - started;
      if (i >= WARMUP) {
        checks.push(checkMs);
        checkDynamo.push(dynamoMs);
        rangedReads.push(rangedMs);
        wholeReads.push(wholeMs);
        bytesRead = Math.max(bytesRead, inspected?.head.length ?? 0);
        if (inspected?.sizeBytes !== SIZE) throw new Error(`inspect saw ${inspected?.sizeBytes} bytes, not ${SIZE}`);
      }
    }
    const listed = (await bench.api.expect(200, 'GET', `/v1/repairs/${order.id}/photos`)).body as { items: { state: string }[] };
    const ready = listed.items.filter((p) => p.state === 'ready').length;
    if (ready !== WARMUP + SAMPLES) throw new Error(`expected every photo ready, got ${ready}`);
    return [
      {
        section: 'photo check',
        item: 'check of a 5 MB JPEG p50 (the handler: list Query, ranged GET, conditional Update)',
        value: median(checks),
        baseline: median(checkDynamo),
        unit: 'ms',
        note: `p99 ${percentile(checks, 99).toFixed(1)} ms; baseline = its DynamoDB Local calls (far slower than DynamoDB)`,
      },
      {
        section: 'photo check',
        item: 'its S3 read of a 5 MB JPEG p50 (ranged GET)',
        value: median(rangedReads),
        baseline: median(wholeReads),
        unit: 'ms',
        target: `≤ ${SIGNATURE_BYTES} bytes read, < whole-object GET`,
        ok: bytesRead <= SIGNATURE_BYTES && median(rangedReads) < median(wholeReads),
        note: `${bytesRead} bytes read, the size from Content-Range; baseline: one GET of the whole 5 MB from the same local S3`,
      },
    ];
  } finally {
    s3.destroy();
    await bench.stop();
  }
}
