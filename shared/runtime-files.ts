/**
 * Data a function reads from a file when it needs it, instead of carrying it in its bundle: the
 * customer page's words (one language a request) and the OpenAPI document. Code costs a cold start
 * its parse and its source map's line table whether it runs or not; a file read is paid only by a
 * request that uses it, and costs a fraction of either (~0.4 ms for the 150 KB document, once).
 *
 * A runtime file keeps its repository path inside a function's bundle: the bundling copies every
 * file under {@link RUNTIME_FILE_DIRS} that the bundle names beside its index.mjs
 * (infra/constructs/base-function.ts), so running from the sources (`npm start`, the tests) and
 * from a bundle read the same path.
 */
export const RUNTIME_FILE_DIRS = ['shared/web/i18n', 'shared/schemas'] as const;

/** From the sources this module is shared/runtime-files.ts, under the repository root; bundled, it is part of <bundle>/index.mjs. */
const ROOT = new URL(import.meta.url.endsWith('.ts') ? '../' : './', import.meta.url);

/** A runtime file's text, read once per container (a path under one of {@link RUNTIME_FILE_DIRS}). */
export function runtimeFile(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    // Fetched here, not imported: a static import of node:fs costs every importer ~2 ms of its cold
    // start (Node builds the ES module facade of fs's exports), for a read most requests never make.
    text = process.getBuiltinModule('node:fs').readFileSync(new URL(path, ROOT), 'utf8');
    cache.set(path, text);
  }
  return text;
}
const cache = new Map<string, string>();
