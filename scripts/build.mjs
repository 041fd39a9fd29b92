// Bundles the CLI into dist/kagent-render.cjs (committed: see bin/load-bundle.mjs), with its
// source map (internal-error stacks are mapped through it on demand: src/adapters/stack.ts).
// CommonJS so that Node's compile cache (module.enableCompileCache, Node >= 22.1) applies.
import path from 'node:path';
import { build } from 'esbuild';

export const options = {
  entryPoints: ['src/adapters/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/kagent-render.cjs',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  minifyWhitespace: true,
  logLevel: 'warning',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({ ...options, absWorkingDir: path.resolve(new URL('..', import.meta.url).pathname) });
}
