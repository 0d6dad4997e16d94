import { z } from 'zod';

/**
 * The environment, parsed once per container. A missing or malformed variable stops the
 * function at init with a message naming it, instead of failing later on a request.
 */
const Env = z.object({
  TABLE_NAME: z.string().min(1),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
});

export type Config = { tableName: string };

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const config = { tableName: parsed.data.TABLE_NAME };
  if (env === process.env) cached = config;
  return config;
}
