import type { FieldPath, ObjectKey, Origin, Position } from '../model/source.js';
import type { RuleId } from './rules.js';

/** KRM result words (`warning`, not `warn`). */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  rule: RuleId;
  severity: Severity;
  /** Lower-case; what is wrong, what was expected, what to do. Never a Secret value. */
  message: string;
  file: string;
  line: number;
  col: number;
  object?: ObjectKey;
  /** Dotted field path inside `object` (`spec.declarative.tools.0.mcpServer.name`). */
  field?: string;
  /** Every other place involved (the other duplicate, the referenced object, ...). */
  related?: Position[];
}

export function fieldString(path: FieldPath): string {
  return path.map(String).join('.');
}

/** Build a diagnostic located at `path` inside the object that `origin` describes. */
export function at(
  origin: Origin,
  path: FieldPath,
  severity: Severity,
  rule: RuleId,
  message: string,
  object?: ObjectKey,
  related?: Position[],
): Diagnostic {
  const p = origin.at(path);
  const d: Diagnostic = { rule, severity, message, file: p.file, line: p.line, col: p.col };
  if (object) d.object = object;
  if (path.length > 0) d.field = fieldString(path);
  if (related && related.length > 0) d.related = related;
  return d;
}

/** Stable order: file, line, col, rule, message (as kyaml Results.Sort, with positions). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return cmp(a.file, b.file) || a.line - b.line || a.col - b.col || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Collects diagnostics across stages; stages keep going past errors. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  add(d: Diagnostic): void {
    this.items.push(d);
  }
  addAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.items.push(d);
  }
  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
  sorted(): Diagnostic[] {
    // Deduplicate identical lines: two stages may notice the same thing.
    const seen = new Set<string>();
    return [...this.items].sort(compareDiagnostics).filter((d) => {
      const k = `${d.file}\0${d.line}\0${d.col}\0${d.severity}\0${d.rule}\0${d.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
}
