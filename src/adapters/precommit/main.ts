/**
 * pre-commit hook (.pre-commit-hooks.yaml): `kagent-render pre-commit [PATH...] [-o DIR] [--check] [build flags]`.
 * Renders the repository's kagent objects into a committed directory (default `rendered/`)
 * and exits 1 when that changed any file: pre-commit does not notice newly created
 * untracked files by itself (pre-commit#1489), so the hook must say so. `--check` writes
 * nothing and fails with a diff when the directory is out of date (for CI). The hooks run on
 * every commit (`always_run`), deletions included, so a removed Agent's files are pruned.
 */
import path from 'node:path';
import { planOutputTree } from '../../emit/files.js';
import { parseArgs } from '../cli/args.js';
import { requestOf, summary } from '../cli/build.js';
import { checkTree, outputLocation, writeTree } from '../cli/write.js';
import type { CliIO } from '../io.js';
import { printDiagnostics, printSettings } from '../report.js';
import { renderTree } from '../run.js';

export const DEFAULT_OUTPUT_DIR = 'rendered';

export async function runPrecommit(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs('pre-commit', argv);
  const output = args.output ?? DEFAULT_OUTPUT_DIR;
  // Real paths (write.ts): DIR may not be a link or the root, nor contain an input.
  const real = outputLocation(output, args.paths.length > 0 ? args.paths : ['.'], io.cwd);
  const request = requestOf(args, io, [output, real]);
  if (args.printSettings) return printSettings(request, io);
  const tree = await renderTree({ ...request, guardEmpty: 'kagent' });
  printDiagnostics(tree.diagnostics, args.quiet, io);
  if (tree.failed) return 1;

  const dir = path.resolve(io.cwd, output);
  const planned = planOutputTree(tree.result.rendered);
  if (args.check) {
    const check = checkTree(dir, planned, output);
    for (const w of check.warnings) if (!args.quiet) io.stderr.write(`kagent-render: ${w}\n`);
    for (const p of check.problems) io.stderr.write(`kagent-render: error: ${p}\n`);
    if (!check.diff && check.problems.length === 0) return 0;
    io.stdout.write(check.diff);
    io.stderr.write(
      `kagent-render: ${output} is out of date; ` +
        `run kagent-render pre-commit ${[...args.paths, '-o', output].join(' ')}\n`,
    );
    return 1;
  }
  const note = (m: string) => (args.quiet ? undefined : io.stderr.write(`kagent-render: ${m}\n`));
  const { written, removed } = await writeTree(dir, planned, { shown: output, note });
  const shown = output.replace(/\/+$/, '');
  for (const f of written) io.stderr.write(`kagent-render: updated ${shown}/${f}\n`);
  for (const f of removed) io.stderr.write(`kagent-render: removed ${shown}/${f}\n`);
  const changed = written.length + removed.length;
  if (changed > 0) {
    if (!args.quiet)
      io.stderr.write(`kagent-render: ${summary(planned.size, written.length, removed.length)} in ${shown}\n`);
    io.stderr.write(`kagent-render: ${shown}/ changed; review and 'git add ${shown}' before committing\n`);
  }
  return changed > 0 ? 1 : 0;
}
