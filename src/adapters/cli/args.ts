/**
 * argv → paths, command flags and settings overrides, for the commands of the table in
 * commands.ts. A flag that the command does not have is a usage error, as is a value outside
 * the flag's list. Accepted spellings: `--flag VALUE`, `--flag=VALUE`, `-o VALUE`, `-oVALUE`;
 * `-` alone is a path (stdin).
 */
import { UsageError } from '../../diagnostics/errors.js';
import { SETTING_FLAGS, type SettingFlag } from '../../settings/flags.js';
import type { Settings } from '../../settings/settings.js';
import { COMMANDS, commandSpec, type CommandFlag, type CommandName } from './commands.js';

export interface ParsedArgs {
  paths: string[];
  output?: string;
  check: boolean;
  format?: string;
  config?: string;
  printSettings: boolean;
  quiet: boolean;
  settings: Partial<Settings>;
  /** Per settings key: the flag that set it (for --print-settings). */
  sources: Record<string, string>;
}

const SETTING_BY_FLAG = new Map<string, SettingFlag>(
  SETTING_FLAGS.flatMap((f) =>
    f.kind === 'bool' && f.negated
      ? [
          [f.flag, f],
          [f.negated, f],
        ]
      : [[f.flag, f]],
  ),
);

function takesValue(f: CommandFlag): boolean {
  return f.metavar !== undefined || f.values !== undefined;
}

export function parseBuildArgs(argv: string[]): ParsedArgs {
  return parseArgs('build', argv);
}

export function parseArgs(command: CommandName, argv: string[]): ParsedArgs {
  const spec = commandSpec(command)!;
  const own = new Map<string, CommandFlag>();
  for (const f of spec.flags) {
    own.set(f.flag, f);
    if (f.short) own.set(f.short, f);
  }
  const out: ParsedArgs = { paths: [], check: false, printSettings: false, quiet: false, settings: {}, sources: {} };
  const s = out.settings as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    if (arg === '--') {
      // The end of flags: a directory named `-x` or `--dry-run` is a PATH after it.
      out.paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    } else if (/^-[a-z]./.test(arg) && own.get(arg.slice(0, 2)) && takesValue(own.get(arg.slice(0, 2))!)) {
      inline = arg.slice(2); // -oDIR
      arg = arg.slice(0, 2);
    }
    const value = (allowed?: readonly string[]): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-') && v !== '-'))
        throw new UsageError(`${arg} needs a value; see kagent-render ${command} --help`);
      if (allowed && !allowed.includes(v))
        throw new UsageError(`${arg} must be one of ${allowed.join(', ')}, got '${v}'`);
      return v;
    };
    const flag = own.get(arg);
    const setting = spec.settings ? SETTING_BY_FLAG.get(arg) : undefined;
    if (flag) {
      if (!takesValue(flag) && inline !== undefined) throw new UsageError(`${arg} takes no value`);
      if (flag.flag === '--output') out.output = value();
      else if (flag.flag === '--format') out.format = value(flag.values);
      else if (flag.flag === '--config') out.config = value();
      else if (flag.flag === '--check') out.check = true;
      else if (flag.flag === '--print-settings') out.printSettings = true;
      else if (flag.flag === '--quiet') out.quiet = true;
    } else if (setting) {
      out.sources[setting.key] = `flag ${arg}`;
      if (setting.kind === 'string') s[setting.key] = value(setting.values);
      else if (setting.kind === 'bool') {
        if (inline !== undefined) throw new UsageError(`${arg} takes no value`);
        s[setting.key] = arg === setting.flag;
      } else if (setting.kind === 'list')
        s[setting.key] = [...((s[setting.key] as string[]) ?? []), agentRef(value(), arg)];
      else s[setting.key] = { ...((s[setting.key] as Record<string, string>) ?? {}), ...pairs(value(), arg) };
    } else if (arg.startsWith('-') && arg !== '-') {
      const elsewhere = COMMANDS.filter(
        (c) => c.flags.some((f) => f.flag === arg || f.short === arg) || (c.settings && SETTING_BY_FLAG.has(arg)),
      );
      const hint = elsewhere.length > 0 ? ` (it belongs to ${elsewhere.map((c) => c.name).join(', ')})` : '';
      throw new UsageError(`${command} has no flag ${arg}${hint}; see kagent-render ${command} --help`);
    } else out.paths.push(arg);
  }
  if (out.check && !out.output && command === 'build')
    throw new UsageError('--check needs -o DIR: it compares DIR with what build would write');
  if (command === 'build' && out.output && out.format)
    throw new UsageError('--format applies to stdout only; -o DIR always writes YAML files');
  if (out.paths.filter((p) => p === '-').length > (command === 'pre-commit' ? 0 : 1)) {
    throw new UsageError(
      command === 'pre-commit' ? "pre-commit reads the repository, not stdin ('-')" : "'-' (stdin) may be given once",
    );
  }
  return out;
}

export function agentRef(v: string, flag = '--agent'): string {
  if (!/^[^/\s]+\/[^/\s]+$/.test(v)) throw new UsageError(`${flag} wants NAMESPACE/NAME, got '${v}'`);
  return v;
}

/** `a=1,b=2` → {a: '1', b: '2'}. */
export function pairs(v: string, where: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${where} wants KEY=VALUE pairs, got '${pair}'`);
    map[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return map;
}
