/** `kagent-render krm`: all of stdin in, one ResourceList out (the KRM adapter does the work). */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../diagnostics/errors.js';
import type { CliIO } from '../io.js';

export async function runKrmCommand(io: CliIO): Promise<number> {
  let input = '';
  try {
    input = readFileSync(0, 'utf8');
  } catch {
    input = '';
  }
  let mod: { runKrm?: (stdin: string) => { stdout: string; stderr: string; exitCode: number } };
  try {
    mod = await import('../krm/main.js');
  } catch {
    throw new UsageError('the krm command is not available in this build');
  }
  if (!mod.runKrm) throw new UsageError('the krm command is not available in this build');
  const r = mod.runKrm(input);
  io.stdout.write(r.stdout);
  io.stderr.write(r.stderr);
  return r.exitCode;
}
