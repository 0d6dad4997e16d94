/**
 * The capture every test file runs under (test/support/log-capture.ts): it sees INFO lines even
 * when a file turns the level down, it tells phones from ids, and it flags a line with a phone.
 */
import { linesWithPhones } from '../support/phones.js';

const lines = () => (globalThis as { capturedLogLines?: string[] }).capturedLogLines ?? [];
const phoneLines = () => (globalThis as { capturedPhoneLines?: string[] }).capturedPhoneLines ?? [];

test('a file that sets POWERTOOLS_LOG_LEVEL=ERROR before loading a handler still has its INFO lines captured', async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const { logger } = await import('../../shared/observability/logger.js');
  const before = lines().length;
  logger.info('captured at info', { probe: 'log-capture' });
  logger.debug('captured at debug', { probe: 'log-capture' });
  const written = lines().slice(before).map((line) => JSON.parse(line) as { level: string; message: string });
  expect(written.map((line) => [line.level, line.message])).toEqual([
    ['INFO', 'captured at info'],
    ['DEBUG', 'captured at debug'],
  ]);
});

test('phones are E.164 numbers and bare 10–15-digit runs; ids, keys, codes and timestamps are not', () => {
  const phones = ['+919812345678', 'call 9812345678 now', '"to":"919812345678"', 'imei 356938035643809', '+995551234567', '13812345678'];
  const notPhones = [
    '01JD7ZQ3M5K8X2V4B6N9P0R1S3', // ULID
    'ea1f0c2b-1234-4c56-9876-0123456789ab', // UUID
    '2026-11-22T06:30:00.000Z',
    'rt_AbC0123456789012345xYz-_q', // API key
    'K7Q-4M2X-P9H',
    'store_01JD7ZQ3M5K8X2V4B6N9P0R1S3',
    '01JD7ZQ3M5K8X2V4B6N9P0R1S3-F1',
    '"readUnits":25.5,"examined":50',
    'SEED0000012345',
    'DynamoDB Local:  http://127.0.0.1:41233',
    '+91••••••5678',
  ];
  expect(phones.filter((text) => linesWithPhones(text).length === 0)).toEqual([]);
  expect(notPhones.filter((text) => linesWithPhones(text).length > 0)).toEqual([]);
});

test('a line with a phone written to stdout or stderr is flagged (this file would fail)', () => {
  const before = phoneLines().length;
  process.stdout.write('{"level":"INFO","message":"sent to +919812345678"}\n');
  process.stderr.write('plain text 9812345678\n');
  const flagged = phoneLines().splice(before);
  expect(flagged).toEqual(['{"level":"INFO","message":"sent to +919812345678"}', 'plain text 9812345678']);
});
