// Bundles the CLI into dist/kagent-render.mjs (committed: see bin/kagent-render.mjs).
import { build } from 'esbuild';

export const options = {
  entryPoints: ['src/adapters/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/kagent-render.mjs',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  minifyWhitespace: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build(options);
}
