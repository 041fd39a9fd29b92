// Loads the bundled CLI (dist/kagent-render.cjs) with the V8 code cache that `npm run build`
// makes beside it (dist/kagent-render.cjs.cache): bytecode for every function a training run
// compiled, so a run skips parsing and compiling them (about 55 ms of a 1,000-Agent build).
// The cache is an optimization only: it is used when it was made from these exact bundle
// bytes (its first line is their SHA-1) and V8 accepts it (same V8 version and flags);
// otherwise the bundle is compiled as usual. Node 20 has no module compile cache, hence vm.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/kagent-render.cjs', import.meta.url));
export const CACHE = `${BUNDLE}.cache`;
/**
 * The name the bundle is compiled under, the same wherever it is installed: V8 keeps the name
 * a code cache was made under (here, the build machine's path), so the real path would be
 * wrong in every stack. src/adapters/stack.ts maps frames of this name through BUNDLE's map.
 */
export const SCRIPT_NAME = 'kagent-render.cjs';

/** The first line of the cache file: binds it to one bundle. */
export function cacheHeader(bundleBytes) {
  return `${createHash('sha1').update(bundleBytes).digest('hex')}\n`;
}

/**
 * @returns {{ exports: { main: Function }, script: vm.Script, cache: 'accepted' | 'rejected' | 'stale' | 'absent' }}
 *   `cache` says what happened to the code cache, for tests and for `npm run build`.
 */
export function loadBundle({ useCache = true } = {}) {
  const bytes = readFileSync(BUNDLE);
  let cachedData;
  let cache = 'absent';
  if (useCache) {
    try {
      const file = readFileSync(CACHE);
      const header = cacheHeader(bytes);
      if (file.subarray(0, header.length).toString('latin1') === header) cachedData = file.subarray(header.length);
      else cache = 'stale';
    } catch {
      // no cache beside the bundle: compile as usual
    }
  }
  // The bundle is ASCII (scripts/build.mjs makes sure), so latin1 decodes it exactly, and faster.
  // The wrapper has a line of its own, taken back by lineOffset: stack positions stay the
  // bundle's own, which its source map expects.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${bytes.toString('latin1')}\n})`, {
    filename: SCRIPT_NAME,
    lineOffset: -1,
    cachedData,
  });
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return { exports: module.exports, script, cache };
}

/**
 * A reader that stops early (`kagent-render build | head -1`) closes the pipe: the run ends
 * quietly with status 0, as `kubectl` and `jq` do, instead of an unhandled EPIPE trace.
 */
export function exitQuietlyOnEpipe() {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e?.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}
