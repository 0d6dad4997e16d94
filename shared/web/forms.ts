import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { FieldProblem } from './model.js';
import { PAGE_COMMENT_MAX as MAX_COMMENT_CHARS, PAGE_PROBLEM_MAX as MAX_PROBLEM_CHARS } from '../domain/customer-page-forms.js';

/** A form the customer must correct: the page comes back (400) naming the field in their language. */
export class FormProblem extends Error {
  constructor(readonly problem: FieldProblem) {
    super(`form field ${problem.field}: ${problem.kind}`);
  }
}

/** application/x-www-form-urlencoded (what a plain HTML form posts) → its fields; one value per name. */
export function formFields(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers'>): Map<string, string> {
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (event.body && type !== 'application/x-www-form-urlencoded') throw new FormProblem({ field: 'form', kind: 'invalid' });
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(raw)) if (!fields.has(name)) fields.set(name, value);
  return fields;
}

/** Free text as typed: line breaks normalised, trimmed, counted in characters (code points). */
function text(fields: Map<string, string>, name: 'comment' | 'problem', max: number, required: boolean): string | null {
  const value = (fields.get(name) ?? '').replace(/\r\n?/g, '\n').trim();
  if (!value) {
    if (required) throw new FormProblem({ field: name, kind: 'required' });
    return null;
  }
  if ([...value].length > max) throw new FormProblem({ field: name, kind: 'tooLong', max });
  return value;
}

export function parseRatingForm(fields: Map<string, string>): { rating: number; comment: string | null } {
  const rating = fields.get('rating');
  if (!rating || !/^[1-5]$/.test(rating)) throw new FormProblem({ field: 'rating', kind: 'choose' });
  return { rating: Number(rating), comment: text(fields, 'comment', MAX_COMMENT_CHARS, false) };
}

export function parseProblemForm(fields: Map<string, string>): { description: string } {
  return { description: text(fields, 'problem', MAX_PROBLEM_CHARS, true) as string };
}

/** The version the page showed; a missing or odd one counts as stale (nothing changes). */
export function parseVersion(fields: Map<string, string>): number | null {
  const version = fields.get('version');
  return version && /^[1-9]\d{0,8}$/.test(version) ? Number(version) : null;
}

export function parseLookupForm(fields: Map<string, string>): { code: string; last4: string } {
  const code = (fields.get('code') ?? '').trim();
  const last4 = (fields.get('last4') ?? '').trim();
  if (!code) throw new FormProblem({ field: 'code', kind: 'required' });
  if (code.length > 20) throw new FormProblem({ field: 'code', kind: 'tooLong', max: 20 });
  if (!last4) throw new FormProblem({ field: 'last4', kind: 'required' });
  if (!/^\d{4}$/.test(last4)) throw new FormProblem({ field: 'last4', kind: 'invalid' });
  return { code, last4 };
}
