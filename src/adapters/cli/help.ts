/**
 * Help texts and the flag tables of docs/commands.md, generated from the command table
 * (commands.ts) and SETTING_FLAGS: one source, so help, docs and parser agree.
 */
import { SETTING_FLAGS, type SettingFlag } from '../../settings/flags.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { COMMANDS, OTHER_COMMANDS, commandSpec, type CommandFlag } from './commands.js';

const TITLE = 'kagent-render — render kagent Agents and kmcp MCPServers into plain Kubernetes objects, offline.';
const EXIT = 'Exit codes: 0 ok, 1 invalid input or out of date, 2 usage error.';
const SETTINGS_NOTE =
  'Settings come from the nearest kagent-render.yaml above the input (up to the repository root) ' +
  'or --config FILE; flags win.';

/** `--help`: every command, one line each. */
export function globalHelp(): string {
  const lines = [TITLE, '', 'Usage:'];
  for (const c of [...COMMANDS, ...OTHER_COMMANDS]) lines.push(`  ${c.usage}`);
  lines.push(
    '  kagent-render --help | --version',
    '',
    "Run 'kagent-render COMMAND --help' for a command's flags, defaults and an example.",
    SETTINGS_NOTE,
    EXIT,
  );
  return `${lines.join('\n')}\n`;
}

/** No arguments: a short usage on stderr. */
export function shortUsage(): string {
  const names = [...COMMANDS, ...OTHER_COMMANDS].map((c) => c.name).join('|');
  return `usage: kagent-render ${names} [ARGS...]\n       kagent-render --help\n`;
}

/** `COMMAND --help`, undefined for a command without its own help. */
export function commandHelp(name: string): string | undefined {
  const spec = commandSpec(name) ?? OTHER_COMMANDS.find((c) => c.name === name);
  if (!spec) return undefined;
  const lines = [`Usage: ${spec.usage}`, '', spec.summary];
  const full = commandSpec(name);
  if (full) {
    lines.push('', 'Flags:', ...columns(full.flags.map(commandFlagRow)));
    if (full.settings)
      lines.push(
        '',
        'Settings flags (also keys of kagent-render.yaml):',
        ...columns(SETTING_FLAGS.map(settingFlagRow)),
      );
  }
  lines.push('', 'Example:', `  ${spec.example}`);
  if (full?.settings) lines.push('', SETTINGS_NOTE);
  lines.push(EXIT);
  return `${lines.join('\n')}\n`;
}

type Row = [spelling: string, help: string, defaultText: string | undefined];

function commandFlagRow(f: CommandFlag): Row {
  const name = f.short ? `${f.short}, ${f.flag}` : f.flag;
  const value = f.values ? ` ${f.values.join('|')}` : f.metavar ? ` ${f.metavar}` : '';
  return [`${name}${value}`, f.help, f.defaultText];
}

function settingFlagRow(f: SettingFlag): Row {
  const value = f.kind === 'string' && f.values ? ` ${f.values.join('|')}` : f.metavar ? ` ${f.metavar}` : '';
  const name = f.kind === 'bool' && f.negated ? `${f.flag}, ${f.negated}` : `${f.flag}${value}`;
  return [name, f.help, settingDefault(f)];
}

/** The default as help shows it: the table's text, else the value of DEFAULT_SETTINGS. */
export function settingDefault(f: SettingFlag): string | undefined {
  if (f.defaultText) return f.defaultText;
  const v = DEFAULT_SETTINGS[f.key];
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v === '' ? 'none' : v;
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.join(',');
  return Object.keys(v).length === 0 ? 'none' : JSON.stringify(v);
}

function columns(rows: Row[]): string[] {
  const width = Math.min(40, Math.max(...rows.map((r) => r[0].length)));
  return rows.map(([spelling, help, def]) => {
    const text = def ? `${help} (default: ${def})` : help;
    return spelling.length > width
      ? `  ${spelling}\n  ${' '.repeat(width)}  ${text}`
      : `  ${spelling.padEnd(width)}  ${text}`;
  });
}

/** The Markdown flag tables of docs/commands.md (test/docs.test.ts keeps them equal). */
export function flagTablesMarkdown(): string {
  const out: string[] = [];
  for (const c of COMMANDS) {
    out.push(
      `### \`${c.name}\``,
      '',
      `\`${c.usage}\``,
      '',
      c.summary,
      '',
      '| flag | does | default |',
      '|---|---|---|',
    );
    for (const [spelling, help, def] of c.flags.map(commandFlagRow))
      out.push(`| \`${md(spelling)}\` | ${md(help)} | ${def ? md(def) : ''} |`);
    if (c.settings) out.push('| settings flags | see below | |');
    out.push('', `Example: \`${c.example}\``, '');
  }
  out.push(
    '### Settings flags',
    '',
    'Every settings key (also in `kagent-render.yaml`, KRM `functionConfig`, Argo CD env and parameters):',
    '',
  );
  out.push('| flag | key | does | default |', '|---|---|---|---|');
  for (const f of SETTING_FLAGS) {
    const [spelling, help, def] = settingFlagRow(f);
    out.push(`| \`${md(spelling)}\` | \`${f.key}\` | ${md(help)} | ${def ? md(def) : ''} |`);
  }
  return `${out.join('\n')}\n`;
}

function md(s: string): string {
  return s.replace(/\|/g, '\\|');
}
