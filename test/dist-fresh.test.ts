/** dist/ is committed (pre-commit installs cannot build); it must be exactly what `npm run build` makes from src/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { options } from '../scripts/build.mjs';

const root = path.resolve(new URL('..', import.meta.url).pathname);

describe('dist/', () => {
  it('is fresh: rebuild with `npm run build` and commit when this fails', async () => {
    const result = await build({ ...options, absWorkingDir: root, write: false });
    for (const out of result.outputFiles ?? []) {
      const rel = path.relative(root, out.path);
      const committed = readFileSync(path.join(root, rel), 'utf8');
      expect(committed === out.text, `${rel} is stale`).toBe(true);
    }
    expect(result.outputFiles?.length).toBe(2);
  });
});
