/**
 * dist/ is committed (pre-commit installs cannot build): the bundle must be exactly what
 * `npm run build` makes from src/, and its V8 code cache must belong to it and change nothing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { assertAscii, options } from '../scripts/build.mjs';
// @ts-expect-error plain ESM script without types
import { BUNDLE, CACHE, cacheHeader } from '../bin/load-bundle.mjs';
import { tempDir } from './harness/tools.js';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const REBUILD = 'rebuild with `npm run build` and commit dist/';

/** Runs the CLI in a fresh Node process, with or without the code cache; says what the cache did. */
function runCli(argv: string[], useCache: boolean): { stdout: string; cache: string } {
  const script = `import { loadBundle } from ${JSON.stringify(path.join(root, 'bin/load-bundle.mjs'))};
const { exports, cache } = loadBundle({ useCache: ${useCache} });
let out = '';
const code = await exports.main(${JSON.stringify(argv)}, { cwd: process.cwd(), env: {}, stdout: { write: (s) => { out += s; } }, stderr: process.stderr });
process.stdout.write(JSON.stringify({ code, cache, out }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  expect(r.status, r.stderr).toBe(0);
  const { code, cache, out } = JSON.parse(r.stdout) as { code: number; cache: string; out: string };
  expect(code, `${argv.join(' ')} failed`).toBe(0);
  return { stdout: out, cache };
}

describe('dist/', () => {
  it(`is fresh: ${REBUILD} when this fails`, async () => {
    const result = await build({ ...options, absWorkingDir: root, write: false });
    for (const out of result.outputFiles ?? []) {
      const rel = path.relative(root, out.path);
      const committed = readFileSync(path.join(root, rel), 'utf8');
      expect(committed === out.text, `${rel} is stale`).toBe(true);
    }
    expect(result.outputFiles?.map((f) => path.basename(f.path)).sort()).toEqual(['kagent-render.cjs', 'kagent-render.cjs.map']);
  });

  it('is ASCII, which the loader decodes as latin1', () => {
    expect(() => assertAscii(readFileSync(BUNDLE, 'latin1'), BUNDLE)).not.toThrow();
    expect(() => assertAscii('const micro = "\u00b5s";', 'x.js')).toThrow(/not ASCII at offset 15/);
  });

  it(`has a code cache made from this bundle: ${REBUILD} when this fails`, () => {
    const header = cacheHeader(readFileSync(BUNDLE)) as string;
    expect(readFileSync(CACHE).subarray(0, header.length).toString('latin1')).toBe(header);
  });

  it('renders the same bytes with the code cache as without it (and V8 takes the cache)', () => {
    const repo = tempDir('cache-repo');
    spawnSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(path.join(root, 'bench/generate.mjs'))}).then((m) => m.generateRepo(${JSON.stringify(repo)}, 60))`]);
    for (const argv of [['build', repo], ['build', repo, '--profile', 'controller', '--format', 'json'], ['build', 'examples/mcp-tls'], ['graph', repo]]) {
      const cached = runCli(argv, true);
      const compiled = runCli(argv, false);
      expect(compiled.cache).toBe('absent');
      // Another Node (or V8 flags) rejects the cache and falls back: only this machine's Node must take it.
      expect(cached.cache, `the cache was made by another Node than ${process.version}: ${REBUILD}`).toBe('accepted');
      expect(cached.stdout.length).toBeGreaterThan(1000);
      expect(cached.stdout === compiled.stdout, `${argv.join(' ')}: output differs with the code cache`).toBe(true);
    }
  });

  it('falls back to compiling when the cache belongs to another bundle', () => {
    const script = `import { readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
const dir = ${JSON.stringify(tempDir('stale-cache'))};
mkdirSync(dir + '/bin'); mkdirSync(dir + '/dist');
cpSync(${JSON.stringify(path.join(root, 'bin/load-bundle.mjs'))}, dir + '/bin/load-bundle.mjs');
writeFileSync(dir + '/dist/kagent-render.cjs', readFileSync(${JSON.stringify(BUNDLE)}, 'latin1') + '\\n// changed\\n');
cpSync(${JSON.stringify(CACHE)}, dir + '/dist/kagent-render.cjs.cache');
const { loadBundle } = await import(dir + '/bin/load-bundle.mjs');
const { exports, cache } = loadBundle();
process.stdout.write(cache + ' ' + typeof exports.main);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stdout, r.stderr).toBe('stale function');
  });

  // The code cache is made in this checkout; a copy elsewhere stands for an installed package.
  it.each([
    ['with its code cache', true, false],
    ['without its code cache', false, false],
    ['with its code cache, installed elsewhere', true, true],
  ])('maps an internal error inside the bundle, %s, to the TypeScript line', (_name, useCache, elsewhere) => {
    let home = root;
    if (elsewhere) {
      home = tempDir('installed');
      for (const dir of ['bin', 'dist']) cpSync(path.join(root, dir), path.join(home, dir), { recursive: true });
    }
    const buildTs = path.join(home, 'src/adapters/cli/build.ts');
    const line = readFileSync(path.join(root, 'src/adapters/cli/build.ts'), 'utf8').split('\n').findIndex((l) => l.includes("io.stdout.write(args.format === 'json'")) + 1;
    expect(line).toBeGreaterThan(0);
    const script = `import { loadBundle } from ${JSON.stringify(path.join(home, 'bin/load-bundle.mjs'))};
let err = '';
const { exports, cache } = loadBundle({ useCache: ${useCache} });
const code = await exports.main(['build', 'examples/mcp-tls'], { cwd: ${JSON.stringify(root)}, env: {}, stdout: { write: () => { throw new Error('stdout is gone'); } }, stderr: { write: (s) => { err += s; } } });
process.stdout.write(JSON.stringify({ code, err, cache }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const { code, err, cache } = JSON.parse(r.stdout) as { code: number; err: string; cache: string };
    expect(cache).toBe(useCache ? 'accepted' : 'absent');
    expect(code).toBe(2);
    expect(err).toContain('internal error: stdout is gone');
    expect(err).toContain(`${buildTs}:${line}:`);
    expect(err).not.toContain('kagent-render.cjs:');
  });
});
