/** argv → command, paths and settings overrides. Every settings key of SPEC §5 has a flag. */
import { UsageError } from '../../diagnostics/errors.js';
import { SETTING_FLAGS } from '../../settings/flags.js';
import type { Settings } from '../../settings/settings.js';

export interface BuildArgs {
  paths: string[];
  output?: string;
  check: boolean;
  format: 'yaml' | 'json';
  settings: Partial<Settings>;
}

const BY_FLAG = new Map(SETTING_FLAGS.flatMap((f) => (f.kind === 'bool' && f.negated ? [[f.flag, f], [f.negated, f]] : [[f.flag, f]])));
const FORMATS = ['yaml', 'json'];

/** Flags that take a value (the pre-commit hook passes build flags through and must know). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set([...SETTING_FLAGS.filter((f) => f.kind !== 'bool').map((f) => f.flag), '-o', '--output', '--format']);

export function parseBuildArgs(argv: string[]): BuildArgs {
  const out: BuildArgs = { paths: [], check: false, format: 'yaml', settings: {} };
  const s = out.settings as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    const value = (allowed?: readonly string[]): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${arg} needs a value`);
      if (allowed && !allowed.includes(v)) throw new UsageError(`${arg} must be one of ${allowed.join(', ')}, got '${v}'`);
      return v;
    };
    const setting = BY_FLAG.get(arg);
    if (setting?.kind === 'string') s[setting.key] = value(setting.values);
    else if (setting?.kind === 'bool') s[setting.key] = arg === setting.flag;
    else if (setting?.kind === 'list') {
      const v = value();
      if (!/^[^/\s]+\/[^/\s]+$/.test(v)) throw new UsageError(`--agent wants NAMESPACE/NAME, got '${v}'`);
      s[setting.key] = [...((s[setting.key] as string[]) ?? []), v];
    } else if (setting?.kind === 'map') {
      const map = { ...((s[setting.key] as Record<string, string>) ?? {}) };
      for (const pair of value().split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`${arg} wants KEY=VALUE pairs, got '${pair}'`);
        map[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      s[setting.key] = map;
    } else if (arg === '-o' || arg === '--output') out.output = value();
    else if (arg === '--format') out.format = value(FORMATS) as 'yaml' | 'json';
    else if (arg === '--check') out.check = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown flag ${arg}; see kagent-render --help`);
    else out.paths.push(arg);
  }
  if (out.check && !out.output) throw new UsageError('--check needs -o DIR: it compares DIR with what build would write');
  return out;
}
