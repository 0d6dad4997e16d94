import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Language } from '../domain/vocabulary.js';
import { httpPipeline } from '../http/api-handler.js';
import { toProblem } from '../http/problem.js';
import { logger } from '../observability/logger.js';
import { FormProblem, formFields } from './forms.js';
import { pageHeaders } from './headers.js';
import { pageLanguage } from './i18n/index.js';
import { renderBadRequest, renderNotFound, renderUnavailable } from './views/other-pages.js';

export interface PageRequest {
  event: APIGatewayProxyEvent;
  path: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The posted form's fields (empty for a GET). */
  form: Map<string, string>;
  /** ?lang= (or the form's lang field) when it names one of the 11 languages; undefined otherwise. */
  requestedLanguage: string | undefined;
}

export type PageResponse =
  | { status: 200 | 400 | 404; html: string; imageOrigins?: readonly string[] }
  /** After a form: back to the page (303 See Other, so a reload never posts again). */
  | { status: 303; location: string };

/** The language of a page that knows no order (errors, 404): ?lang=, the form's lang, else the browser's, else English. */
function requestLanguage(event: APIGatewayProxyEvent | undefined, form?: Map<string, string>): Language {
  const asked = event?.queryStringParameters?.lang ?? form?.get('lang');
  const browser = event?.headers?.['accept-language']?.split(',')[0]?.split(/[-;]/)[0];
  return pageLanguage(asked, pageLanguage(browser));
}

function htmlResult(status: number, body: string, extra: Record<string, string> = {}, imageOrigins: readonly string[] = []): APIGatewayProxyResult {
  return { statusCode: status, headers: { ...pageHeaders(imageOrigins), ...extra }, body };
}

/**
 * Errors become pages, never JSON and never a 500: the same classification as the API's
 * (toProblem, the one place failures become HTTP), rendered in the customer's language. Not found
 * is the one 404 page; a bad form or body names the field; a fault of ours or a busy table is a
 * "try again" page (503, logged when it is ours).
 */
const pageErrors = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const language = requestLanguage(request.event);
    const error = request.error;
    if (error instanceof FormProblem) {
      request.response = htmlResult(400, renderBadRequest(language, error.problem));
      return;
    }
    const { response, unexpected } = toProblem(error);
    if (unexpected) logger.error('unhandled error', { error: error as Error });
    const status = response.statusCode;
    if (status === 404) request.response = htmlResult(404, renderNotFound(language));
    else if (status === 400 || status === 413 || status === 422) {
      request.response = htmlResult(status, renderBadRequest(language, { field: 'form', kind: status === 413 ? 'tooLong' : 'invalid' }));
    } else request.response = htmlResult(503, renderUnavailable(language), { 'retry-after': response.headers?.['retry-after']?.toString() ?? '5' });
  },
});

/** The customer page's pipeline: the API's shared steps (logging, normalizers, body limit), HTML answers. */
export function pageHandler(run: (request: PageRequest) => Promise<PageResponse>) {
  return httpPipeline(pageErrors()).handler(async (event) => {
    const form = event.httpMethod === 'POST' ? formFields(event) : new Map<string, string>();
    const query = (event.queryStringParameters ?? {}) as Record<string, string | undefined>;
    const requested = query.lang ?? form.get('lang');
    const result = await run({
      event,
      path: (event.pathParameters ?? {}) as Record<string, string | undefined>,
      query,
      form,
      requestedLanguage: requested,
    });
    if (result.status === 303) return { statusCode: 303, headers: { ...pageHeaders(), location: result.location }, body: '' };
    return htmlResult(result.status, result.html, {}, result.imageOrigins);
  });
}

export { requestLanguage };
