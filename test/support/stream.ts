import type { DynamoDBRecord } from 'aws-lambda';
import { StreamPoller } from '../../local/stream-poller.js';
import { lambdaContext } from '../../local/api-gateway.js';

/**
 * Reads the test table's real DynamoDB stream (through the local stack's poller) and hands back
 * the records written since the last call, so a test can deliver them to a handler itself —
 * once, twice, or with a poison record slipped in.
 */
export async function streamReader(tableName: string) {
  let captured: DynamoDBRecord[] = [];
  const poller = new StreamPoller(
    tableName,
    async (event) => {
      captured.push(...event.Records);
      return { batchItemFailures: [] };
    },
    () => lambdaContext('capture'),
  );
  await poller.start({ autoPoll: false });
  return {
    async next(): Promise<DynamoDBRecord[]> {
      await poller.drain();
      const records = captured;
      captured = [];
      return records;
    },
    stop: () => poller.stop(),
  };
}
