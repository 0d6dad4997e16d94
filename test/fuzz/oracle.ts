/**
 * What every fuzzed response must satisfy, and the table check behind "nothing is written on a 4xx":
 * the table is brought back to a known baseline after every case, so each case starts from the same
 * state and a before/after comparison of the whole (small) table shows any write at all.
 */
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Raw body text ('' when none). */
  body: string;
}

/**
 * The contract for any input: never a 5xx (nor 1xx/3xx); a 4xx is problem+json whose body has
 * `status` equal to the HTTP status, a string `type` and a string `title` (and `errors`, when present,
 * lists `{ path, message }`); a 2xx is JSON. Returns what is wrong, so a failure reads as a list.
 */
export function responseViolations(response: RawResponse, options: { bodyless?: boolean; page?: boolean } = {}): string[] {
  const { status, headers, body } = response;
  const excerpt = body.length > 300 ? `${body.slice(0, 300)}…` : body;
  if (!Number.isInteger(status) || status >= 500) return [`server error ${status}: ${excerpt}`];
  // The customer page answers a form with 303 back to the page.
  if (options.page && status === 303) return headers.location ? [] : ['303 without a Location'];
  if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) return [`unexpected status ${status}: ${excerpt}`];
  // A HEAD response has no body to check: only the status is meaningful.
  if (options.bodyless) return [];
  const contentType = headers['content-type'] ?? '';
  // The customer page's own answers are HTML pages (its 4xx name the field in the customer's
  // language); what the gateway answers before the handler (no such route, too large) stays problem+json.
  if (options.page && (status < 400 || /^text\/html/i.test(contentType))) return pageViolations(response, excerpt);
  const problems: string[] = [];
  if (status >= 400) {
    if (!/^application\/problem\+json(\s*;|$)/i.test(contentType)) problems.push(`${status} with content-type "${contentType}" (want application/problem+json): ${excerpt}`);
    const parsed = parseJson(body);
    if (!parsed.ok) return [...problems, `${status} body is not JSON: ${excerpt}`];
    const problem = parsed.value as Record<string, unknown> | null;
    if (problem === null || typeof problem !== 'object' || Array.isArray(problem)) return [...problems, `${status} body is not an object: ${excerpt}`];
    if (problem.status !== status) problems.push(`${status} body.status is ${JSON.stringify(problem.status)}`);
    if (typeof problem.type !== 'string' || problem.type === '') problems.push(`${status} body.type is ${JSON.stringify(problem.type)}`);
    if (typeof problem.title !== 'string' || problem.title === '') problems.push(`${status} body.title is ${JSON.stringify(problem.title)}`);
    if (problem.errors !== undefined) {
      const ok =
        Array.isArray(problem.errors) &&
        problem.errors.every((e: unknown) => typeof (e as { path?: unknown })?.path === 'string' && typeof (e as { message?: unknown })?.message === 'string');
      if (!ok) problems.push(`${status} body.errors is not a list of { path, message }: ${excerpt}`);
    }
    return problems;
  }
  if (!/^application\/json(\s*;|$)/i.test(contentType)) problems.push(`${status} with content-type "${contentType}" (want application/json)`);
  if (!parseJson(body).ok) problems.push(`${status} body is not JSON: ${excerpt}`);
  return problems;
}

/** The customer page routes (HTML for people), by path template. */
export function isPageRoute(route: { path: string }): boolean {
  return route.path.startsWith('/r/') || route.path === '/track';
}

function pageViolations({ status, headers, body }: RawResponse, excerpt: string): string[] {
  const problems: string[] = [];
  if (headers['content-type'] !== 'text/html; charset=utf-8') problems.push(`${status} with content-type "${headers['content-type']}" (want text/html)`);
  if (!/^<!doctype html><html lang="[a-z]{2}">/.test(body)) problems.push(`${status} is not one of the page's documents: ${excerpt}`);
  if (headers['cache-control'] !== 'no-store') problems.push(`${status} page without Cache-Control: no-store`);
  if (/Exception|node_modules|at \S+\.ts/.test(body)) problems.push(`${status} page shows internals: ${excerpt}`);
  return problems;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

// ---------------------------------------------------------------------------------------------
// Table snapshots

type RawItem = Record<string, AttributeValue>;

/** Canonical JSON (sorted keys), so equal items compare equal whatever order DynamoDB lists attributes in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export interface Snapshot {
  /** `pk|sk` → canonical item. */
  items: Map<string, string>;
  raw: Map<string, RawItem>;
}

const itemKey = (item: RawItem) => `${item.pk?.S ?? '?'}|${item.sk?.S ?? '?'}`;

export async function snapshot(client: DynamoDBClient, tableName: string): Promise<Snapshot> {
  const items = new Map<string, string>();
  const raw = new Map<string, RawItem>();
  let start: RawItem | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      items.set(itemKey(item), canonical(item));
      raw.set(itemKey(item), item);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, raw };
}

export interface TableDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

export function diff(before: Snapshot, after: Snapshot): TableDiff {
  const added = [...after.items.keys()].filter((k) => !before.items.has(k));
  const removed = [...before.items.keys()].filter((k) => !after.items.has(k));
  const changed = [...after.items.keys()].filter((k) => before.items.has(k) && before.items.get(k) !== after.items.get(k));
  return { added, removed, changed };
}

export const isEmptyDiff = (d: TableDiff) => d.added.length + d.removed.length + d.changed.length === 0;

/** Undoes a diff: deletes what was added, puts back what was changed or removed. */
export async function restore(client: DynamoDBClient, tableName: string, baseline: Snapshot, current: Snapshot): Promise<void> {
  const d = diff(baseline, current);
  const requests = [
    ...d.added.map((k) => {
      const item = current.raw.get(k) as RawItem;
      return { DeleteRequest: { Key: { pk: item.pk as AttributeValue, sk: item.sk as AttributeValue } } };
    }),
    ...[...d.changed, ...d.removed].map((k) => ({ PutRequest: { Item: baseline.raw.get(k) as RawItem } })),
  ];
  for (let i = 0; i < requests.length; i += 25) {
    let batch: Record<string, (typeof requests)[number][]> | undefined = { [tableName]: requests.slice(i, i + 25) };
    while (batch && Object.keys(batch).length) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: batch }));
      batch = result.UnprocessedItems as typeof batch;
    }
  }
}

export function describeDiff(d: TableDiff): string {
  const list = (keys: string[]) => (keys.length ? keys.slice(0, 5).join(', ') + (keys.length > 5 ? ` (+${keys.length - 5})` : '') : '-');
  return `added: ${list(d.added)}; removed: ${list(d.removed)}; changed: ${list(d.changed)}`;
}
