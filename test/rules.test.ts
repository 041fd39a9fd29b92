/**
 * The rules catalogue (src/diagnostics/rules.ts) against the tests and the README: every rule
 * is triggered somewhere — a golden fixture or a hostile case running the CLI, or, for
 * checks of our own output that correct input cannot reach, a unit test — and documented in
 * docs/errors.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/diagnostics/rules.js';
import { repoRoot } from './harness/tools.js';

const read = (f: string) => readFileSync(path.join(repoRoot, f), 'utf8');

/** Where a rule counts as triggered: `[rule]` in an expected diagnostic of a CLI-level case. */
const cliCases = [...fg.sync('fixtures/*/diagnostics.txt', { cwd: repoRoot }), 'test/hostile/hostile.test.ts'].map(read).join('\n');
/** Unit tests that assert a rule (`rule: 'x'` or `'x'` in an expectation). */
const unitTests = fg.sync(['src/**/*.test.ts'], { cwd: repoRoot }).map(read).join('\n');
const errorsDoc = read('docs/errors.md');

describe('rules catalogue', () => {
  it.each(Object.keys(RULES))('%s is triggered by a test', (rule) => {
    const byCli = cliCases.includes(`[${rule}]`);
    const byUnit = rule.startsWith('output-') && new RegExp(`rule: '${rule}'|'${rule}'`).test(unitTests);
    expect(byCli || byUnit, `no fixture, hostile case (or, for output-*, unit test) produces ${rule}`).toBe(true);
  });

  it.each(Object.keys(RULES))('%s has its row in docs/errors.md', (rule) => {
    const text = RULES[rule as keyof typeof RULES];
    const warning = text.startsWith('warning: ');
    const row = `| \`${rule}\` | ${warning ? 'warning' : 'error'} | ${warning ? text.slice('warning: '.length) : text} |`;
    expect(errorsDoc.split('\n').includes(row), `docs/errors.md needs exactly this row:\n${row}`).toBe(true);
  });
});
