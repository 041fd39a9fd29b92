import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { sourceMappedStack } from './stack.js';

describe('sourceMappedStack', () => {
  it.each(['esm', 'cjs'] as const)(
    'maps the frames of a bundled, minified %s module back to the TypeScript line and column',
    async (format) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'stack-'));
      const source = path.join(dir, 'thrower.ts');
      writeFileSync(
        source,
        'export function outer(): void {\n  inner(1);\n}\n\nfunction inner(n: number): void {\n  if (n > 0) throw new Error(`boom ${n}`);\n}\n',
      );
      const bundle = path.join(dir, format === 'esm' ? 'bundle.mjs' : 'bundle.cjs');
      await build({
        entryPoints: [source],
        bundle: true,
        format,
        platform: 'node',
        sourcemap: true,
        sourcesContent: false,
        minifyWhitespace: true,
        outfile: bundle,
        logLevel: 'silent',
      });
      // In a plain Node process: the test runner maps stacks of its own.
      const script = `const { outer } = await import(${JSON.stringify(pathToFileURL(bundle).href)}); try { outer(); } catch (e) { process.stdout.write(e.stack); }`;
      const stack = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout;
      expect(stack).toContain(`${path.basename(bundle)}:`);
      const mapped = sourceMappedStack(stack);
      expect(mapped).toContain('Error: boom 1');
      expect(mapped).toContain(`${source}:6:20`); // the `throw` in inner
      expect(mapped).toContain(`${source}:2:3`); // the call in outer
      expect(mapped).not.toContain(`${path.basename(bundle)}:`);
    },
  );

  it('leaves frames without a map beside their file as they are', () => {
    const stack = 'Error: x\n    at f (/nowhere/file.mjs:1:2)\n    at node:internal/process:3:4';
    expect(sourceMappedStack(stack)).toBe(stack);
  });
});
