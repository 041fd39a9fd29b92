/** What every adapter prints about a run on stderr/stdout, the same way. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatText } from '../diagnostics/format.js';
import type { CliIO } from './io.js';
import { effectiveSettings, formatSettings, type RenderRequest } from './run.js';

/** `--print-settings`: the effective settings on stdout; exit 1 when the settings file is invalid. */
export function printSettings(request: RenderRequest, io: CliIO): number {
  const eff = effectiveSettings(request);
  for (const d of eff.diagnostics) io.stderr.write(`${formatText(d)}\n`);
  if (eff.diagnostics.some((d) => d.severity === 'error')) return 1;
  io.stdout.write(formatSettings(eff));
  return 0;
}

/** Diagnostics on stderr, sorted already; `quiet` keeps errors only. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], quiet: boolean, io: CliIO): void {
  for (const d of diagnostics) if (!quiet || d.severity === 'error') io.stderr.write(`${formatText(d)}\n`);
}
