/**
 * The published OpenAPI document (shared/schemas/openapi.json, what GET /v1/openapi.json serves)
 * as a validator of real responses: JSON Schema 2020-12 (OpenAPI 3.1's dialect) by ajv, component
 * $refs resolved inside the document. callApi (integration tests) and the typed client of the e2e
 * tests run every response they get through it, so a handler answering a status, a media type or
 * a body the document does not declare fails the test that met it; generic over the route table,
 * so a route added later is checked from its first test.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';
import { createRepairClient, type RepairClient, type RepairClientOptions } from '../../clients/typescript/index.js';
import document from '../../shared/schemas/openapi.json' with { type: 'json' };

interface MediaType {
  schema?: object;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
/** A response shared by many operations: written once in components.responses. */
interface ResponseReference {
  $ref: string;
}
interface Operation {
  responses: Record<string, ResponseObject | ResponseReference>;
}

export interface RealResponse {
  method: string;
  /** The route's path template, as in functions/routes.ts (e.g. /v1/repairs/{id}). */
  path: string;
  status: number;
  contentType: string | undefined;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

const DOCUMENT_ID = 'https://repair-tracking.invalid/openapi.json';
const ajv = new Ajv2020({ allErrors: true, strict: false });
formatsModule.default(ajv);
ajv.addSchema({ ...document, $id: DOCUMENT_ID });

const paths = document.paths as unknown as Record<string, Record<string, Operation>>;
const validators = new Map<string, ValidateFunction>();
/** `METHOD template status` of every response checked so far in this test file. */
export const checkedResponses = new Set<string>();

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const sharedResponses = (document.components as unknown as { responses?: Record<string, ResponseObject> }).responses ?? {};

/** The response object and the JSON pointer to it: in the operation, or the shared one it refers to. */
function declaredResponse(operation: Operation, method: string, path: string, statusKey: string): { declared: ResponseObject; at: string[] } {
  const entry = operation.responses[statusKey]!;
  if (!('$ref' in entry)) return { declared: entry, at: ['paths', path, method.toLowerCase(), 'responses', statusKey] };
  const name = /^#\/components\/responses\/(.+)$/.exec(entry.$ref)?.[1];
  const shared = name === undefined ? undefined : sharedResponses[name];
  if (!shared) throw new Error(`the document refers to a response it does not define: ${entry.$ref}`);
  return { declared: shared, at: ['components', 'responses', name!] };
}

export function documentedOperation(method: string, path: string): Operation | undefined {
  return paths[path]?.[method.toLowerCase()];
}

/** Everything about the response the document does not allow; empty when it conforms. */
export function responseViolations(response: RealResponse): string[] {
  const where = `${response.method} ${response.path} → ${response.status}`;
  const operation = documentedOperation(response.method, response.path);
  if (!operation) return [`${where}: the operation is not in the OpenAPI document`];
  const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find((key) => operation.responses[key]);
  if (!statusKey) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
  const { declared: documented, at } = declaredResponse(operation, response.method, response.path, statusKey);
  const content = documented.content;
  const empty = response.body === undefined || response.body === null || response.body === '';
  if (!content) {
    checkedResponses.add(`${response.method} ${response.path} ${response.status}`);
    // A response without a body (a 303 to a page, a 204) is what a response without content declares.
    return empty ? [] : [`${where}: the document declares no body for this response`];
  }
  const mediaType = (response.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = content[mediaType];
  if (!declared?.schema) return [`${where}: content type "${mediaType}" not documented (documented: ${Object.keys(content).join(', ')})`];
  const ref = `${DOCUMENT_ID}#/${pointer(...at, 'content', mediaType, 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  checkedResponses.add(`${response.method} ${response.path} ${response.status}`);
  if (validate(response.body)) return [];
  return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Throws, naming every violation, when the response is not what the document declares. */
export function assertDocumented(response: RealResponse): void {
  const violations = responseViolations(response);
  if (violations.length > 0) throw new Error(`response differs from the OpenAPI document:\n${violations.join('\n')}`);
}

/**
 * For the typed client (clients/typescript): every response it receives, whatever the test
 * expects of it, is checked against the document first; a violation rejects the call.
 */
export const documentedResponses: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const text = await response.clone().text();
    const contentType = response.headers.get('content-type') ?? undefined;
    const body = /json/.test(contentType ?? '') && text ? (JSON.parse(text) as unknown) : text;
    assertDocumented({ method: request.method, path: schemaPath, status: response.status, contentType, body });
  },
};

/** The partner stores' client with the document check on. */
export function checkedClient(options: RepairClientOptions): RepairClient {
  const client = createRepairClient(options);
  client.use(documentedResponses);
  return client;
}
