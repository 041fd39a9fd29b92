/**
 * Secret values never reach diff output: every value of every input Secret (both sides,
 * `data` decoded and `stringData`) is looked for in what a change would print.
 */
import type { InputObject } from '../model/source.js';

/** What a redacted string inside a printed subtree is replaced by. */
export const REDACTED = '<input Secret value, not shown>';

/** Values shorter than this only count when a whole string equals them (a 1-char value would hide everything). */
const MIN_SUBSTRING = 4;

export class Redactor {
  private readonly whole = new Set<string>();
  private readonly substrings: string[] = [];

  constructor(values: Iterable<string>) {
    for (const v of values) {
      if (v === '') continue;
      this.whole.add(v);
      if (v.length >= MIN_SUBSTRING) this.substrings.push(v);
      // A value used as a Go template (systemMessageFrom) or re-indented reaches the output changed:
      // each of its lines and each text between template actions is looked for on its own.
      for (const piece of fragments(v)) this.substrings.push(piece);
    }
    // Longest first, and one copy each: the check stops at the first hit.
    this.substrings = [...new Set(this.substrings)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  }

  isSecret(s: string): boolean {
    if (this.whole.has(s)) return true;
    for (const v of this.substrings) if (s.includes(v)) return true;
    return false;
  }

  /** `value` with every secret string (and map key) replaced; `hit` tells whether anything was. */
  scrub(value: unknown): { value: unknown; hit: boolean } {
    let hit = false;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (!this.isSecret(v)) return v;
        hit = true;
        return REDACTED;
      }
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[this.isSecret(k) ? REDACTED : k] = walk(x);
        return out;
      }
      return v;
    };
    const out = walk(value);
    return { value: out, hit };
  }
}

/** The lines of a multi-line value and the texts between its `{{ }}` actions, trimmed, long enough to look for. */
function fragments(v: string): string[] {
  if (!v.includes('\n') && !v.includes('{{')) return [];
  return v
    .split(/\{\{[\s\S]*?\}\}|\r?\n/)
    .map((x) => x.trim())
    .filter((x) => x.length >= MIN_SUBSTRING && x !== v);
}

/** Every value of the input Secrets: `stringData` as written, `data` base64-decoded and as written. */
export function inputSecretValues(inputs: readonly InputObject[]): string[] {
  const values = new Set<string>();
  for (const o of inputs) {
    if (o.kind !== 'Secret' || o.apiVersion !== 'v1') continue;
    for (const field of ['data', 'stringData'] as const) {
      const map = o.body[field];
      if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const raw of Object.values(map as Record<string, unknown>)) {
        if (typeof raw !== 'string') continue;
        values.add(raw);
        if (field === 'data') {
          const decoded = decodeBase64(raw);
          if (decoded !== undefined) {
            values.add(decoded);
            // A value read from a Secret file usually ends in a newline the consumer trims.
            values.add(decoded.trim());
          }
        } else values.add(raw.trim());
      }
    }
  }
  return [...values].filter((v) => v !== '').sort();
}

export function decodeBase64(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}
