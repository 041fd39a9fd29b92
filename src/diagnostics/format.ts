import type { Diagnostic } from './diagnostic.js';

/** `path:line:col: error[rule-id]: message` — the CLI contract (SPEC §6), one line whatever the input holds. */
export function formatText(d: Diagnostic): string {
  return `${visible(d.file)}:${d.line}:${d.col}: ${d.severity}[${d.rule}]: ${visible(d.message)}`;
}

/**
 * Control characters, line and paragraph separators and bidirectional overrides that a
 * message quotes from input, shown as escapes (`\n`, `\x1b`, `\u202e`): a name holding
 * `\n…error[…]` cannot forge a diagnostic line, nor `ESC ] 52` drive the terminal.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const INVISIBLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

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
