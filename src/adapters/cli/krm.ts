/** `kagent-render krm`: all of stdin in, one ResourceList out (the KRM adapter does the work). */
import { readFileSync } from 'node:fs';
import type { CliIO } from '../io.js';

export async function runKrmCommand(io: CliIO): Promise<number> {
  let input = '';
  try {
    input = readFileSync(0, 'utf8');
  } catch {
    input = '';
  }
  const { runKrm } = await import('../krm/main.js');
  const r = runKrm(input);
  io.stdout.write(r.stdout);
  io.stderr.write(r.stderr);
  return r.exitCode;
}
