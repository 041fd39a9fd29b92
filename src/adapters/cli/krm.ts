/** `kagent-render krm`: all of stdin in (within the input limit), one ResourceList out (the KRM adapter works). */
import type { CliIO } from '../io.js';
import { readFdCapped } from '../read-capped.js';

export async function runKrmCommand(io: CliIO): Promise<number> {
  const input = readFdCapped(0, 'the ResourceList on stdin');
  const { failure, runKrm } = await import('../krm/main.js');
  const r = input.ok ? runKrm(input.text) : failure(`kagent-render krm: ${input.problem}`);
  io.stdout.write(r.stdout);
  io.stderr.write(r.stderr);
  return r.exitCode;
}
