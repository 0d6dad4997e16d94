import type { LocalStack } from '../../local/stack.js';
import type { NetworkScope } from '../../shared/domain/access.js';

export interface HttpAnswer {
  status: number;
  body: any;
  text: string;
}

/** One request to a running local stack, with `key` as Bearer token when given. */
export async function call(stack: Pick<LocalStack, 'url'>, method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body, text };
}

/** A network key through the local admin route, as an operator bootstraps one. */
export async function networkKey(stack: Pick<LocalStack, 'url'>, label: string, scopes: readonly NetworkScope[]): Promise<{ keyId: string; apiKey: string }> {
  const answer = await call(stack, 'POST', '/_local/network-keys', { body: { label, scopes } });
  if (answer.status !== 201) throw new Error(`network key: ${answer.status} ${answer.text}`);
  return answer.body;
}

export const STORE_BODY = { name: 'Velachery Service Center', country: 'IN', timezone: 'Asia/Kolkata' };
