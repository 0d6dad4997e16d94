import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { routeFor } from '../../functions/routes.js';
import { decideAccess, principalFromContext, type Principal } from '../domain/access.js';
import { HttpProblem, validationProblem, type FieldError } from './problem.js';

/** zod issues → `{ path, message }` with dotted paths clients can map back to their fields. */
export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'is not a field of this request' }));
    }
    return [{ path: base || prefix || 'body', message: issue.message }];
  });
}

/** Missing fields read "is required" rather than zod's "expected string, received undefined" (or an enum's option list). */
const errorMap = (issue: { code: string; input?: unknown }) =>
  (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined ? 'is required' : undefined;
const PARSE_PARAMS = { error: errorMap };

export function parseWith<T extends z.ZodType>(schema: T, input: unknown, prefix?: string): z.output<T> {
  const result = schema.safeParse(input, PARSE_PARAMS);
  if (!result.success) throw validationProblem(fieldErrors(result.error, prefix));
  return result.data;
}

/**
 * The largest body any route takes, with room to spare: the longest legitimate one (an intake
 * with a 2000-character description, every character a \u escape) is about 16 KB. The same
 * limit as the deployed stage's web ACL, with the same answer, so either layer refuses alike.
 */
export const MAX_BODY_BYTES = 64 * 1024;

export function payloadTooLarge(): HttpProblem {
  return new HttpProblem(413, 'payload-too-large', 'Request too large', `The body exceeds ${MAX_BODY_BYTES / 1024} KB`);
}

/** Refuses a body over MAX_BODY_BYTES before anything parses, hashes or stores it. */
export function assertBodyWithinLimit(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>): void {
  if (!event.body) return;
  const bytes = event.isBase64Encoded ? Buffer.byteLength(event.body, 'base64') : Buffer.byteLength(event.body, 'utf8');
  if (bytes > MAX_BODY_BYTES) throw payloadTooLarge();
}

/**
 * The deepest nesting a body may have. This API's bodies nest four levels at most; JSON.parse
 * accepts any depth, but whatever walks the value recursively afterwards (the Idempotency-Key
 * payload hash, JSON.stringify) would overflow the stack on thousands of levels: a 500.
 */
export const MAX_BODY_DEPTH = 32;

export function parseJsonBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === undefined || event.body === '') {
    throw validationProblem([{ path: 'body', message: 'is required: send a JSON object' }]);
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw validationProblem([{ path: 'body', message: 'is not valid JSON' }]);
  }
  if (nestsDeeperThan(raw, MAX_BODY_DEPTH)) {
    throw validationProblem([{ path: 'body', message: `nests deeper than ${MAX_BODY_DEPTH} levels` }]);
  }
  return parsed;
}

/** Whether valid JSON text opens more than `limit` objects/arrays inside each other (brackets in strings do not count). */
function nestsDeeperThan(json: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** `If-Match: "3"` (or W/"3", or *) → the version the writer has seen, or null when it states none. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) throw validationProblem([{ path: 'If-Match', message: 'must be an ETag of this API, e.g. "3"' }]);
  return Number(match[1]);
}

export function etag(version: number): string {
  return `"${version}"`;
}

/**
 * The one place a function decides who may call it: the route table's declaration for this
 * method and template (event.resource), against the principal the authorizer put in the context.
 * A route missing from the table is refused (fail closed). Returns the caller, null on a public route.
 */
export function authorizeRequest(event: APIGatewayProxyEvent): Principal | null {
  const route = routeFor(event.httpMethod, event.resource);
  if (!route) throw new HttpProblem(403, 'forbidden', 'Forbidden', 'This route declares no access');
  if (route.access === 'public') return null;
  const principal = principalFromContext(event.requestContext?.authorizer);
  const decision = decideAccess(route.access, principal);
  if (!decision.allowed) {
    if (decision.status === 401) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', decision.detail);
    const slug = decision.reason === 'store-suspended' ? 'store-suspended' : 'forbidden';
    throw new HttpProblem(403, slug, decision.reason === 'store-suspended' ? 'Store suspended' : 'Forbidden', decision.detail);
  }
  return principal;
}
