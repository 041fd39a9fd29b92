/**
 * The command line (SPEC §6). The only place that maps outcomes to exit codes:
 * 0 ok, 1 invalid input or out of date, 2 usage error (and internal errors, with a "please report").
 */
import { InternalError, OutputError, UsageError } from '../../diagnostics/errors.js';
import { formatText, visible } from '../../diagnostics/format.js';
import type { CliIO } from '../io.js';
import { readFdCapped } from '../read-capped.js';
import { sourceMappedStack } from '../stack.js';
import { commandHelp, globalHelp, shortUsage } from './help.js';
import { VERSION } from './version.js';

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kagent-render: ${visible(e.message)}\n`);
      return 2;
    }
    if (e instanceof OutputError) {
      io.stderr.write(`kagent-render: error: ${visible(e.message)}\n`);
      return 1;
    }
    const err = e as Error;
    io.stderr.write(
      `kagent-render: internal error: ${err?.message ?? String(e)}\nplease report this (kagent-render ${VERSION})\n${e instanceof InternalError ? '' : sourceMappedStack(err?.stack ?? '')}\n`,
    );
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined) {
    io.stderr.write(shortUsage());
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write((rest[0] && commandHelp(rest[0])) || globalHelp());
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command) ?? globalHelp());
    return 0;
  }
  switch (command) {
    case 'build':
    case 'validate':
    case 'graph':
      return (await import('./build.js')).runBuild(command, rest, withStdin(io));
    case 'diff':
      return (await import('./diff.js')).runDiff(rest, io);
    case 'krm':
      return (await import('./krm.js')).runKrmCommand(io);
    case 'kustomize-plugin':
      return (await import('../krm/kustomize.js')).runKustomizePlugin(rest, io);
    case 'argocd':
      return (await import('../argocd/main.js')).runArgocd(rest, io);
    case 'pre-commit':
      return (await import('../precommit/main.js')).runPrecommit(rest, io);
    default:
      throw new UsageError(`unknown command '${command}'; see kagent-render --help`);
  }
}

/** stdin for `-` inputs, read within the input limit (a larger stream stops there). */
function withStdin(io: CliIO): CliIO {
  if (io.readStdin) return io;
  return {
    ...io,
    readStdin: () => {
      const read = readFdCapped(0, 'standard input');
      if (!read.ok) throw new OutputError(read.problem);
      return Buffer.from(read.text, 'utf8');
    },
  };
}

export { formatText };
