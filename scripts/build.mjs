// Bundles the CLI into dist/kagent-render.cjs (committed: see bin/kagent-render.mjs), then
// makes its V8 code cache (dist/kagent-render.cjs.cache, see bin/load-bundle.mjs) from a
// training run over the shipped examples, every fixture and a generated repository.
// CommonJS because Node 20 can attach a code cache to a vm.Script, not to an ES module.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  charset: 'ascii',
  logLevel: 'warning',
};

/** The loader decodes the bundle as latin1, which is exact only for ASCII. */
export function assertAscii(text, file) {
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) throw new Error(`${file} is not ASCII at offset ${at} (${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}): write the character as an escape in the source`);
}

/** Runs the CLI in-process over representative inputs, so V8 has compiled what a real run needs. */
async function train(main, root) {
  const sink = { write: () => true };
  const io = (cwd) => ({ cwd, env: {}, stdout: sink, stderr: sink });
  const { generateRepo } = await import('../bench/generate.mjs');
  const scratch = mkdtempSync(path.join(tmpdir(), 'kagent-render-train-'));
  try {
    const repo = path.join(scratch, 'repo');
    generateRepo(repo, 200);
    const out = path.join(scratch, 'out');
    for (const argv of [
      ['build', repo, '-o', out], // fresh tree
      ['build', repo, '-o', out], // up to date
      ['build', repo, '-o', out, '--check'],
      ['build', repo, '--format', 'json'],
      ['validate', repo],
      ['graph', repo],
    ]) await main(argv, io(root));
    for (const example of readdirSync(path.join(root, 'examples'))) await main(['build', path.join(root, 'examples', example)], io(root));
    for (const fixture of readdirSync(path.join(root, 'fixtures'))) await main(['build', 'input'], io(path.join(root, 'fixtures', fixture)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(new URL('..', import.meta.url).pathname);
  await build({ ...options, absWorkingDir: root });
  const { BUNDLE, CACHE, cacheHeader, loadBundle } = await import('../bin/load-bundle.mjs');
  const bytes = readFileSync(BUNDLE);
  assertAscii(bytes.toString('latin1'), BUNDLE);
  // V8 does not write the same cache bytes twice: keep one that still fits, so an unchanged
  // bundle does not get a new committed binary.
  if (loadBundle().cache !== 'accepted') {
    const { exports, script } = loadBundle({ useCache: false });
    await train(exports.main, root);
    writeFileSync(CACHE, Buffer.concat([Buffer.from(cacheHeader(bytes), 'latin1'), script.createCachedData()]));
  }
}
