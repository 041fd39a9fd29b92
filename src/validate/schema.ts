/** JSON Schema validation of kagent inputs against schemas/input/*.json. */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { InputObject } from '../model/source.js';

export function schemaDiagnostics(_o: InputObject, _severity: Severity): Diagnostic[] {
  return [];
}
