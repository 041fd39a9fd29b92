import type { Diagnostic } from './diagnostic.js';

/** `path:line:col: error[rule-id]: message` — the CLI contract (SPEC §6). */
export function formatText(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}[${d.rule}]: ${d.message}`;
}

/** A user's value inside a message: text as it is, anything else as YAML would write it. */
export function shown(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
  return JSON.stringify(v) ?? String(v);
}

/** Like shown, with text in double quotes (`got "Scripted"`). */
export function quoted(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : shown(v);
}
