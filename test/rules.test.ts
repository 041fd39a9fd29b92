/**
 * The rules catalogue (src/diagnostics/rules.ts) against the tests and docs/errors.md: every rule
 * is produced by real output somewhere — an expected diagnostic of a golden fixture or a hostile
 * case running the CLI, or an `expect(…)` statement that names it — and documented. A rule
 * merely mentioned in a test (a comment, a fixture name) does not count.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/diagnostics/rules.js';
import { repoRoot } from './harness/tools.js';

const read = (f: string) => readFileSync(path.join(repoRoot, f), 'utf8');

/** Where a rule counts as triggered: `[rule]` in an expected diagnostic of a CLI-level case. */
const cliCases = [...fg.sync('fixtures/*/diagnostics.txt', { cwd: repoRoot }), 'test/hostile/hostile.test.ts']
  .map(read)
  .join('\n');
/** Unit tests and other suites: a rule counts only where an `expect(…)` statement names it. */
const unitTests = fg
  .sync(['src/**/*.test.ts', 'test/**/*.test.ts'], { cwd: repoRoot, ignore: ['test/rules.test.ts'] })
  .map(read)
  .join('\n');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `expect(` … the rule as a string literal …, within one statement (no `;` at a line end between). */
const assertedIn = (text: string, rule: string) =>
  new RegExp(`expect\\((?:(?!;\\n)[\\s\\S])*?['\`]${escapeRe(rule)}['\`]`).test(text);
const errorsPage = read('docs/errors.md');

describe('rules catalogue', () => {
  it.each(Object.keys(RULES))('%s is triggered by a test', (rule) => {
    const byCli = cliCases.includes(`[${rule}]`) || cliCases.includes(`\\[${rule}\\]`);
    const byUnit = assertedIn(unitTests, rule);
    expect(byCli || byUnit, `no fixture, hostile case or test assertion produces ${rule}`).toBe(true);
  });

  it.each(Object.keys(RULES))('%s has its row in docs/errors.md', (rule) => {
    const text = RULES[rule as keyof typeof RULES];
    const warning = text.startsWith('warning: ');
    const row = `| \`${rule}\` | ${warning ? 'warning' : 'error'} | ${warning ? text.slice('warning: '.length) : text} |`;
    expect(errorsPage.split('\n').includes(row), `docs/errors.md needs exactly this row:\n${row}`).toBe(true);
  });
});
