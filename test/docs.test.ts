/**
 * docs/commands.md's flag tables and every command's --help come from one table
 * (src/adapters/cli/commands.ts + src/settings/flags.ts): the docs region is regenerated and
 * compared, and each help text is checked for every flag, default and example of the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/adapters/cli/commands.js';
import { commandHelp, flagTablesMarkdown, settingDefault } from '../src/adapters/cli/help.js';
import { main } from '../src/adapters/cli/main.js';
import { SETTING_FLAGS } from '../src/settings/flags.js';
import { repoRoot } from './harness/tools.js';

const DOC = path.join(repoRoot, 'docs/commands.md');
const BEGIN = '<!-- BEGIN GENERATED: flag tables -->\n';
const END = '<!-- END GENERATED -->';

async function helpOf(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: repoRoot,
    env: {},
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
  });
  return { code, stdout, stderr };
}

describe('docs/commands.md and --help', () => {
  it('the flag tables of docs/commands.md are the generated ones', () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BEGIN) + BEGIN.length;
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThan(BEGIN.length);
    const want = flagTablesMarkdown();
    if (process.env.UPDATE_DOCS === '1' && doc.slice(start, end) !== want) {
      writeFileSync(DOC, doc.slice(0, start) + want + doc.slice(end));
      throw new Error('docs/commands.md rewritten; review it and run again');
    }
    expect(doc.slice(start, end)).toBe(want);
  });

  it.each(COMMANDS.map((c) => c.name))(
    '%s --help lists every flag of the table with its default, and the example',
    async (name) => {
      const spec = COMMANDS.find((c) => c.name === name)!;
      const r = await helpOf([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(commandHelp(name));
      expect(r.stdout.startsWith(`Usage: ${spec.usage}\n`)).toBe(true);
      expect(r.stdout).toContain(`Example:\n  ${spec.example}\n`);
      for (const f of spec.flags) {
        expect(r.stdout).toContain(f.flag);
        if (f.defaultText) expect(r.stdout).toContain(`(default: ${f.defaultText})`);
      }
      for (const f of SETTING_FLAGS) {
        expect(r.stdout).toContain(f.flag);
        expect(r.stdout).toContain(`(default: ${settingDefault(f)})`);
      }
      // Another command's help differs: not the same global text for all.
      expect(r.stdout).not.toBe((await helpOf(['--help'])).stdout);
    },
  );

  it('no arguments: a short usage on stderr, nothing on stdout, exit 2', async () => {
    const r = await helpOf([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^usage: kagent-render build\|validate\|graph\|pre-commit\|diff\|krm\|kustomize-plugin\|argocd \[ARGS\.\.\.\]\n/,
    );
    expect(r.stderr.split('\n').length).toBeLessThanOrEqual(3);
  });
});
