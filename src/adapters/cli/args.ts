/** argv → command, paths and settings overrides. Every settings key of SPEC §5 has a flag. */
import { UsageError } from '../../diagnostics/errors.js';
import type { Settings } from '../../settings/settings.js';

export interface BuildArgs {
  paths: string[];
  output?: string;
  check: boolean;
  format: 'yaml' | 'json';
  settings: Partial<Settings>;
}

const ENUMS: Record<string, string[]> = { '--profile': ['gitops', 'controller'], '--validate': ['strict', 'warn'], '--format': ['yaml', 'json'] };

const STRING_FLAGS: Record<string, keyof Settings> = {
  '--profile': 'profile',
  '--validate': 'validate',
  '--namespace': 'namespace',
  '--controller-url': 'controllerUrl',
  '--image-registry': 'imageRegistry',
  '--image-tag': 'imageTag',
  '--proxy-url': 'proxyUrl',
  '--default-service-account': 'defaultServiceAccount',
  '--image-pull-secret': 'imagePullSecret',
};

/** Flags that take a value (the pre-commit hook passes build flags through and must know). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set([...Object.keys(STRING_FLAGS), '-o', '--output', '--format', '--agent', '--otel-env', '--default-agent-pod-labels']);

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
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${arg} needs a value`);
      if (ENUMS[arg] && !ENUMS[arg].includes(v)) throw new UsageError(`${arg} must be one of ${ENUMS[arg].join(', ')}, got '${v}'`);
      return v;
    };
    if (arg in STRING_FLAGS) s[STRING_FLAGS[arg]] = value();
    else if (arg === '-o' || arg === '--output') out.output = value();
    else if (arg === '--format') out.format = value() as 'yaml' | 'json';
    else if (arg === '--check') out.check = true;
    else if (arg === '--crd-defaults') s.crdDefaults = true;
    else if (arg === '--no-crd-defaults') s.crdDefaults = false;
    else if (arg === '--keep-inputs') s.keepInputs = true;
    else if (arg === '--allow-secret-values') s.allowSecretValues = true;
    else if (arg === '--agent') {
      const v = value();
      if (!/^[^/\s]+\/[^/\s]+$/.test(v)) throw new UsageError(`--agent wants NAMESPACE/NAME, got '${v}'`);
      s.agents = [...((s.agents as string[]) ?? []), v];
    } else if (arg === '--otel-env' || arg === '--default-agent-pod-labels') {
      const key = arg === '--otel-env' ? 'otelEnv' : 'defaultAgentPodLabels';
      const map = { ...((s[key] as Record<string, string>) ?? {}) };
      for (const pair of value().split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`${arg} wants KEY=VALUE pairs, got '${pair}'`);
        map[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      s[key] = map;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown flag ${arg}; see kagent-render --help`);
    else out.paths.push(arg);
  }
  if (out.check && !out.output) throw new UsageError('--check needs -o DIR: it compares DIR with what build would write');
  return out;
}
