/**
 * The command line (SPEC §6). The only place that maps outcomes to exit codes:
 * 0 ok, 1 invalid input or out of date, 2 usage error (and internal errors, with a "please report").
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { InternalError, OutputError, UsageError } from '../../diagnostics/errors.js';
import { formatText } from '../../diagnostics/format.js';
import type { CliIO } from '../io.js';
import { sourceMappedStack } from '../stack.js';
import { HELP } from './help.js';
import { VERSION } from './version.js';

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kagent-render: ${e.message}\n`);
      return 2;
    }
    if (e instanceof OutputError) {
      io.stderr.write(`kagent-render: error: ${e.message}\n`);
      return 1;
    }
    const err = e as Error;
    io.stderr.write(`kagent-render: internal error: ${err?.message ?? String(e)}\nplease report this (kagent-render ${VERSION})\n${e instanceof InternalError ? '' : sourceMappedStack(err?.stack ?? '')}\n`);
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  switch (command) {
    case 'build':
    case 'validate':
    case 'graph':
      return (await import('./build.js')).runBuild(command, rest, io, loadSettingsFile);
    case 'diff':
      return (await import('./diff.js')).runDiff(rest, io, loadSettingsFile);
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

/** `kagent-render.yaml` in the working directory: settings of SPEC §5, validated. */
async function loadSettingsFile(cwd: string): Promise<{ settings: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  const file = path.join(cwd, 'kagent-render.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { settings: {}, diagnostics: [] };
  const { parseSettings } = await import('../../settings/parse.js');
  const { parseSingleDocument } = await import('../../read/parse.js');
  const parsed = parseSingleDocument({ path: 'kagent-render.yaml', text: text.replace(/^\uFEFF/, '') });
  if (parsed.diagnostics.length > 0) return { settings: {}, diagnostics: parsed.diagnostics };
  return parseSettings(parsed.value, 'kagent-render.yaml', parsed.origin);
}

export { formatText };
