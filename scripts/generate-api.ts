/**
 * `npm run generate:api`: regenerates the OpenAPI document and the TypeScript client's types
 * from the zod schemas. Run it after changing a schema or a route's documentation, and commit both.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../infra/constructs/base-function.js';
import { apiArtifacts } from './api-artifacts.js';

for (const { path, contents } of await apiArtifacts()) {
  writeFileSync(join(REPO_ROOT, path), contents);
  console.log(`wrote ${path}`);
}
