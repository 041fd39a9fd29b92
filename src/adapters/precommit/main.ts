/**
 * pre-commit hook (.pre-commit-hooks.yaml): `kagent-render pre-commit [--output DIR] [--check] [PATH...]`.
 * Renders the repository's kagent objects into a committed directory (default `rendered/`)
 * and exits 1 when that changed any file: pre-commit does not notice newly created
 * untracked files by itself (pre-commit#1489), so the hook must say so. `--check` writes
 * nothing and fails with a diff when the directory is out of date (for CI).
 */
import path from 'node:path';
import { UsageError } from '../../diagnostics/errors.js';
import { VALUE_FLAGS } from '../cli/args.js';
import { generatedFiles } from '../cli/write.js';
import type { CliIO } from '../io.js';

export const DEFAULT_OUTPUT_DIR = 'rendered';

export async function runPrecommit(args: string[], io: CliIO): Promise<number> {
  let output = DEFAULT_OUTPUT_DIR;
  let check = false;
  const paths: string[] = [];
  const passThrough: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--output' || a === '-o') {
      const v = args[++i];
      if (!v) throw new UsageError(`${a} needs a directory`);
      output = v;
    } else if (a.startsWith('--output=')) output = a.slice('--output='.length);
    else if (a === '--check') check = true;
    else if (a.startsWith('-')) {
      // Any other flag is a build flag (--profile, --namespace, ...): hand it on with its value.
      passThrough.push(a);
      if (!a.includes('=') && args[i + 1] !== undefined && !args[i + 1].startsWith('-') && VALUE_FLAGS.has(a)) passThrough.push(args[++i]);
    } else paths.push(a);
  }
  const { main } = await import('../cli/main.js');
  const argv = ['build', ...(paths.length ? paths : ['.']), '-o', output, ...passThrough];
  if (check) return main([...argv, '--check'], io);

  const before = await snapshot(io.cwd, output);
  const code = await main(argv, { ...io, stdout: io.stderr });
  if (code !== 0) return code;
  const after = await snapshot(io.cwd, output);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f)).sort();
  for (const f of changed) io.stderr.write(`kagent-render: ${after.has(f) ? 'updated' : 'removed'} ${output}/${f}\n`);
  if (changed.length > 0) io.stderr.write(`kagent-render: ${output}/ changed; review and 'git add ${output}' before committing\n`);
  return changed.length > 0 ? 1 : 0;
}

/** The generated files in DIR, read as `--check` reads them: no link followed, nothing else read. */
async function snapshot(cwd: string, dir: string): Promise<Map<string, string>> {
  return generatedFiles(path.resolve(cwd, dir), dir);
}
