// Loads the bundled CLI (dist/kagent-render.cjs: no build step at install time, which
// pre-commit's `language: node` install cannot run). On Node >= 22.1 Node's own compile cache
// keeps the bundle's bytecode between runs (in the OS temp directory; NODE_DISABLE_COMPILE_CACHE=1
// turns it off); on Node 20 the bundle is compiled at every start. No cache file is shipped:
// a committed V8 cache only fits the exact Node that made it (docs/benchmarks.md).
import module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const BUNDLE = fileURLToPath(new URL('../dist/kagent-render.cjs', import.meta.url));

/** @returns {{ main: (argv: string[], io: object) => Promise<number> }} */
export function loadBundle() {
  module.enableCompileCache?.();
  return createRequire(import.meta.url)(BUNDLE);
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
