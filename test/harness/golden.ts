/**
 * Golden fixtures (aesthetics.md §8.2): fixtures/<case>/{README.md, settings.yaml?, input/,
 * expected/ | diagnostics.txt}. Byte-exact, file set included. UPDATE_GOLDEN=1 rewrites what
 * differs and FAILS every case it rewrote, so a regenerate run is never green.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatText } from '../../src/diagnostics/format.js';
import { planOutputTree } from '../../src/emit/files.js';
import { unifiedDiff } from '../../src/emit/diff.js';
import { renderTree } from '../../src/adapters/run.js';
import type { Settings } from '../../src/settings/settings.js';

export const fixturesDir = path.resolve(new URL('../../fixtures', import.meta.url).pathname);
const CASE_FILES = new Set(['README.md', 'settings.yaml', 'input', 'expected', 'diagnostics.txt']);

export function listCases(): string[] {
  return readdirSync(fixturesDir).sort();
}

/** Problems with the layout of one case (stray files, missing parts). */
export function layoutProblems(name: string): string[] {
  const dir = path.join(fixturesDir, name);
  if (!statSync(dir).isDirectory()) return [`fixtures/${name} is not a directory`];
  const problems: string[] = [];
  for (const f of readdirSync(dir)) if (!CASE_FILES.has(f)) problems.push(`stray file fixtures/${name}/${f}`);
  if (!existsSync(path.join(dir, 'README.md'))) problems.push(`fixtures/${name} has no README.md`);
  if (!existsSync(path.join(dir, 'input'))) problems.push(`fixtures/${name} has no input/`);
  return problems;
}

export interface CaseResult {
  tree: Map<string, string>;
  stderr: string;
  ok: boolean;
}

export async function runCase(name: string, override: Partial<Settings> = {}): Promise<CaseResult> {
  return runDirectory(path.join(fixturesDir, name), override);
}

/**
 * A case directory anywhere (settings.yaml? and input/), rendered in-process through the
 * adapters' one entry, as `build input -o` would.
 */
export async function runDirectory(dir: string, override: Partial<Settings> = {}): Promise<CaseResult> {
  const config = existsSync(path.join(dir, 'settings.yaml')) ? 'settings.yaml' : undefined;
  const sources = Object.fromEntries(Object.keys(override).map((k) => [k, 'test override']));
  const tree = await renderTree({ cwd: dir, paths: ['input'], config, overrides: [{ settings: override, sources }] });
  const bad = tree.diagnostics.filter((d) => d.rule === 'settings-invalid' || d.file === 'settings.yaml');
  if (bad.length > 0) throw new Error(`${dir}/settings.yaml: ${bad.map(formatText).join('; ')}`);
  return {
    tree: tree.failed ? new Map() : planOutputTree(tree.result.rendered),
    stderr: tree.diagnostics.map((d) => `${formatText(d)}\n`).join(''),
    ok: !tree.failed,
  };
}

function readTree(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) readTree(p, base, out);
    else out.set(path.relative(base, p).split(path.sep).join('/'), readFileSync(p, 'utf8'));
  }
  return out;
}

/** Compare a case with its golden files; returns a failure report (empty when equal). */
export async function checkCase(name: string): Promise<string> {
  const dir = path.join(fixturesDir, name);
  const expectedDir = path.join(dir, 'expected');
  const diagnosticsFile = path.join(dir, 'diagnostics.txt');
  const hasExpected = existsSync(expectedDir);
  const hasDiagnostics = existsSync(diagnosticsFile);
  const update = process.env.UPDATE_GOLDEN === '1';
  const result = await runCase(name);

  if (!hasExpected && !hasDiagnostics && !update)
    return `fixtures/${name} has neither expected/ nor diagnostics.txt (run UPDATE_GOLDEN=1 and review)`;
  let report = '';
  const wantTree = readTree(expectedDir);
  const gotTree = result.tree;
  for (const f of [...new Set([...wantTree.keys(), ...gotTree.keys()])].sort()) {
    const want = wantTree.get(f);
    const got = gotTree.get(f);
    if (want !== got)
      report +=
        unifiedDiff(
          want ?? '',
          got ?? '',
          want === undefined ? '/dev/null' : `expected/${f}`,
          got === undefined ? '/dev/null' : `actual/${f}`,
        ) || `${f}: differs\n`;
  }
  const wantDiagnostics = hasDiagnostics ? readFileSync(diagnosticsFile, 'utf8') : '';
  if (wantDiagnostics !== result.stderr)
    report +=
      unifiedDiff(wantDiagnostics, result.stderr, 'expected diagnostics.txt', 'actual stderr') ||
      'diagnostics differ\n';
  if (!result.ok && hasExpected && gotTree.size === 0 && wantTree.size > 0)
    report += 'the case now fails, but expected/ says it renders\n';

  if (report && update) {
    rmSync(expectedDir, { recursive: true, force: true });
    for (const [f, content] of gotTree) {
      mkdirSync(path.dirname(path.join(expectedDir, f)), { recursive: true });
      writeFileSync(path.join(expectedDir, f), content);
    }
    if (result.stderr) writeFileSync(diagnosticsFile, result.stderr);
    else rmSync(diagnosticsFile, { force: true });
    return `UPDATE_GOLDEN=1 rewrote fixtures/${name}; review the diff (git diff fixtures/${name}) and run again without it\n${report}`;
  }
  return report;
}
