import type { Diagnostic } from './diagnostic.js';

/** `path:line:col: error[rule-id]: message` — the CLI contract (SPEC §6). */
export function formatText(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}[${d.rule}]: ${d.message}`;
}
