import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/**
 * Everything stored under an order's partition (`ORDER#<id>`): the order row and its events,
 * read straight from the table so a test can tell what a request really wrote.
 */
export async function orderPartition(doc: DynamoDBDocumentClient, tableName: string, orderId: string): Promise<Item[]> {
  const result = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `ORDER#${orderId}` },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
}

/** The order row and its event rows, split. */
export async function storedOrder(doc: DynamoDBDocumentClient, tableName: string, orderId: string) {
  const items = await orderPartition(doc, tableName, orderId);
  return {
    order: items.find((item) => item.sk === 'ORDER'),
    events: items.filter((item) => String(item.sk).startsWith('ORDER#EVENT#')),
    items,
  };
}

/** Every item of the table (test tables are small). */
export async function scanTable(doc: DynamoDBDocumentClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
