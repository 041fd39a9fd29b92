/**
 * A changed object as diff lines (`-` base, `+` head, ` ` context), shared by the text and
 * Markdown formats: one location line or a `-`/`+` pair per change, compound values as YAML,
 * multi-line strings as a line diff, long values around what changed, Secret values never.
 */
import { diffLines } from '../emit/diff.js';
import { isHashAnnotation } from './impact.js';
import type { FieldChange, ObjectDiff } from './model.js';
import {
  aroundDifference,
  blockLines,
  escapeString,
  inlineValue,
  isCompound,
  LONG_VALUE,
  OP_WORDS,
  pathString,
} from './show.js';

export type Mark = ' ' | '+' | '-';

export interface Line {
  mark: Mark;
  text: string;
  /** `document`: the header of an embedded document's changes; `note`: an explanation, not data. */
  role?: 'document' | 'note';
}

/** Unchanged lines kept around each changed line of a multi-line string. */
const TEXT_CONTEXT = 2;

export function objectLines(d: ObjectDiff): Line[] {
  const out: Line[] = [];
  let document: string | undefined;
  for (const c of d.changes) {
    const docKey = c.document ? `${pathString(c.document.field)}` : undefined;
    if (docKey !== document) {
      document = docKey;
      if (c.document)
        out.push({
          mark: ' ',
          text: `${docKey} (${c.document.name.endsWith('.json') ? 'JSON' : 'YAML'} document, by its own paths):`,
          role: 'document',
        });
    }
    changeLines(c, c.document ? '  ' : '', out);
  }
  return out;
}

function changeLines(c: FieldChange, indent: string, out: Line[]): void {
  const at = pathString(c.path) || '(document)';
  const push = (mark: Mark, text: string, role?: Line['role']) =>
    out.push(role ? { mark, text: indent + text, role } : { mark, text: indent + text });
  if (c.redacted) {
    const what = OP_WORDS[c.op];
    push(c.op === 'add' ? '+' : c.op === 'remove' ? '-' : ' ', `${at}: ${what} (Secret value, not shown)`, 'note');
    return;
  }
  if (c.consequenceOf && isHashAnnotation(c)) {
    push(
      ' ',
      `${at}: ${inlineValue(c.old)} → ${inlineValue(c.new)} (follows from ${c.consequenceOf.join(', ')})`,
      'note',
    );
    return;
  }
  if (c.op !== 'change' && c.path.length === 0 && isCompound(c.op === 'add' ? c.new : c.old)) {
    // A whole embedded document came or went: its lines, under the document's heading.
    for (const l of blockLines(c.op === 'add' ? c.new : c.old)) push(c.op === 'add' ? '+' : '-', l);
    return;
  }
  if (c.op !== 'change') {
    value(c.op === 'add' ? '+' : '-', at, c.op === 'add' ? c.new : c.old, push);
    return;
  }
  if (typeof c.old === 'string' && typeof c.new === 'string') {
    if (c.old.includes('\n') || c.new.includes('\n')) {
      push(' ', `${at}: (text)`);
      textDiff(c.old, c.new, (mark, text) => push(mark, `  ${text}`));
      return;
    }
    if (Array.from(c.old).length > LONG_VALUE || Array.from(c.new).length > LONG_VALUE) {
      const [a, b] = aroundDifference(c.old, c.new);
      push('-', `${at}: ${escapeIfNeeded(a)}`);
      push('+', `${at}: ${escapeIfNeeded(b)}`);
      return;
    }
  }
  value('-', at, c.old, push);
  value('+', at, c.new, push);
}

function escapeIfNeeded(s: string): string {
  return inlineValue(s);
}

function value(mark: Mark, at: string, v: unknown, push: (mark: Mark, text: string) => void): void {
  if (isCompound(v)) {
    push(mark, `${at}:`);
    for (const l of blockLines(v)) push(mark, `  ${l}`);
    return;
  }
  if (typeof v === 'string' && v.includes('\n')) {
    push(mark, `${at}: |`);
    for (const l of v.replace(/\n$/, '').split('\n')) push(mark, `  ${inlineText(l)}`);
    return;
  }
  const shown = inlineValue(v);
  push(mark, `${at}: ${Array.from(shown).length > LONG_VALUE ? aroundDifference(shown, '')[0] : shown}`);
}

/** A line of text as written, unless it holds characters that must be escaped. */
function inlineText(l: string): string {
  const e = escapeString(l);
  return e.slice(1, -1) === l.replace(/["\\]/g, (c) => `\\${c}`) ? l : e;
}

function textDiff(a: string, b: string, push: (mark: Mark, text: string) => void): void {
  const ops = diffLines(a.split('\n'), b.split('\n'));
  const keep = ops.map(() => false);
  ops.forEach((o, i) => {
    if (o.kind === ' ') return;
    for (let k = Math.max(0, i - TEXT_CONTEXT); k <= Math.min(ops.length - 1, i + TEXT_CONTEXT); k++) keep[k] = true;
  });
  let skipped = 0;
  for (let i = 0; i < ops.length; i++) {
    if (!keep[i]) {
      skipped++;
      continue;
    }
    if (skipped > 0) push(' ', `… (${skipped} unchanged lines)`);
    skipped = 0;
    push(ops[i].kind, inlineText(ops[i].text));
  }
  if (skipped > 0) push(' ', `… (${skipped} unchanged lines)`);
}
