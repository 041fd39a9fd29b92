/**
 * dist/ is committed (pre-commit installs cannot build): the bundle must be exactly what
 * `npm run build` makes from src/, and it must work from a copy installed anywhere.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { options } from '../scripts/build.mjs';
import { tempDir } from './harness/tools.js';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const REBUILD = 'rebuild with `npm run build` and commit dist/';

describe('dist/', () => {
  it(`is fresh: ${REBUILD} when this fails`, async () => {
    const result = await build({ ...options, absWorkingDir: root, write: false });
    for (const out of result.outputFiles ?? []) {
      const rel = path.relative(root, out.path);
      const committed = readFileSync(path.join(root, rel), 'utf8');
      expect(committed === out.text, `${rel} is stale`).toBe(true);
    }
    expect(result.outputFiles?.map((f) => path.basename(f.path)).sort()).toEqual([
      'kagent-render.cjs',
      'kagent-render.cjs.map',
    ]);
  });

  // A copy elsewhere stands for an installed package: the source map must travel with it.
  it.each([
    ['in this checkout', false],
    ['installed elsewhere', true],
  ])('maps an internal error inside the bundle, %s, to the TypeScript line', (_name, elsewhere) => {
    let home = root;
    if (elsewhere) {
      home = tempDir('installed');
      for (const dir of ['bin', 'dist']) cpSync(path.join(root, dir), path.join(home, dir), { recursive: true });
    }
    const buildTs = path.join(home, 'src/adapters/cli/build.ts');
    const line =
      readFileSync(path.join(root, 'src/adapters/cli/build.ts'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes("io.stdout.write(args.format === 'json'")) + 1;
    expect(line).toBeGreaterThan(0);
    const script = `import { loadBundle } from ${JSON.stringify(path.join(home, 'bin/load-bundle.mjs'))};
let err = '';
const code = await loadBundle().main(['build', 'examples/mcp-tls'], { cwd: ${JSON.stringify(root)}, env: {}, stdout: { write: () => { throw new Error('stdout is gone'); } }, stderr: { write: (s) => { err += s; } } });
process.stdout.write(JSON.stringify({ code, err }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const { code, err } = JSON.parse(r.stdout) as { code: number; err: string };
    expect(code).toBe(2);
    expect(err).toContain('internal error: stdout is gone');
    expect(err).toContain(`${buildTs}:${line}:`);
    expect(err).not.toContain('kagent-render.cjs:');
  });
});
