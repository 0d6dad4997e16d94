import * as z from 'zod';
import type { ApiResult } from './api.js';

/** The schema with every object strict (no undeclared keys), however deep. */
export function strict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    return z.strictObject(Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, strict(field as z.ZodType)])));
  }
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return strict(schema.unwrap() as z.ZodType).optional();
  return schema;
}

/** Parses the body strictly; on failure the message lists every mismatch with its path. */
export function expectConforms(result: ApiResult, schema: z.ZodType, status: number) {
  expect(result.status).toBe(status);
  const parsed = strict(schema).safeParse(result.body);
  expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
}

