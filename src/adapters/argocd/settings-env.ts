/**
 * Argo CD hands plugin settings over as environment variables:
 * - Application `spec.source.plugin.env[]` → `ARGOCD_ENV_<NAME>` (Argo CD ≥ 2.4; older
 *   releases passed `<NAME>` unprefixed, so both spellings are read, prefixed winning);
 * - `spec.source.plugin.parameters[]` → `ARGOCD_APP_PARAMETERS` as JSON
 *   (`[{"name":"profile","string":"controller"},{"name":"agents","array":[…]},{"name":"otelEnv","map":{…}}]`).
 * Both map onto the settings keys of SPEC §5 and are validated alike: an unknown name or a bad
 * value is a usage error that names the variable or parameter the user wrote.
 */
import { UsageError } from '../../diagnostics/errors.js';
import { envName, SETTING_FLAGS, type SettingFlag } from '../../settings/flags.js';
import type { Settings } from '../../settings/settings.js';
import type { SettingsLayer } from '../run.js';
import { agentRef, pairs } from '../cli/args.js';

/**
 * The settings a plugin may set. Not `keepInputs`: the kagent objects would be applied beside
 * what they expand to, and the kagent controller would then render them a second time.
 */
const KEYS = SETTING_FLAGS.filter((f) => f.key !== 'keepInputs');
const BY_KEY = new Map<string, SettingFlag>(KEYS.map((f) => [f.key, f]));

export const ENV_PREFIX = 'KAGENT_RENDER_';
const ARGO_PREFIX = 'ARGOCD_ENV_';

type Value = string | string[] | Record<string, string>;

export interface ArgoSettings {
  /** Plugin parameters, then env: over kagent-render.yaml. */
  overrides: SettingsLayer[];
  /** The Application's destination namespace: under kagent-render.yaml. */
  defaults: SettingsLayer;
}

export function argoSettings(env: Readonly<Record<string, string | undefined>>): ArgoSettings {
  const params: SettingsLayer = { settings: {}, sources: {} };
  for (const p of parseParameters(env.ARGOCD_APP_PARAMETERS)) {
    set(params, BY_KEY.get(p.name)!, p.value, `plugin parameter '${p.name}'`);
  }
  const fromEnv: SettingsLayer = { settings: {}, sources: {} };
  const byEnvName = new Map(KEYS.map((f) => [`${ENV_PREFIX}${envName(f.key)}`, f]));
  // Unprefixed first, so the prefixed spelling wins.
  const names = Object.keys(env).filter((n) => n.startsWith(ENV_PREFIX) || n.startsWith(`${ARGO_PREFIX}${ENV_PREFIX}`));
  for (const name of names.sort(
    (a, b) => Number(a.startsWith(ARGO_PREFIX)) - Number(b.startsWith(ARGO_PREFIX)) || (a < b ? -1 : 1),
  )) {
    const bare = name.startsWith(ARGO_PREFIX) ? name.slice(ARGO_PREFIX.length) : name;
    const setting = byEnvName.get(bare);
    if (!setting) {
      const known = [...byEnvName.keys()].map((k) => `${ARGO_PREFIX}${k}`).join(', ');
      throw new UsageError(`unknown plugin variable ${name}; known: ${known}`);
    }
    const v = env[name];
    if (v !== undefined && v !== '') set(fromEnv, setting, v, name);
  }
  const defaults: SettingsLayer = { settings: {}, sources: {} };
  if (env.ARGOCD_APP_NAMESPACE)
    set(defaults, BY_KEY.get('namespace')!, env.ARGOCD_APP_NAMESPACE, 'ARGOCD_APP_NAMESPACE');
  return { overrides: [params, fromEnv], defaults };
}

/** One value into a layer, checked for its kind; `where` names the variable or parameter. */
function set(layer: SettingsLayer, setting: SettingFlag, v: Value, where: string): void {
  const s = layer.settings as Record<string, unknown>;
  layer.sources[setting.key] = where;
  if (setting.kind === 'bool') {
    if (v !== 'true' && v !== 'false')
      throw new UsageError(`${where} must be "true" or "false", got ${JSON.stringify(v)}`);
    s[setting.key] = v === 'true';
  } else if (setting.kind === 'map') {
    if (Array.isArray(v)) s[setting.key] = Object.assign({}, ...v.map((p) => pairs(p, where)));
    else if (typeof v === 'string') s[setting.key] = pairs(v, where);
    else
      s[setting.key] = Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, String(v[k])]),
      );
  } else if (setting.kind === 'list') {
    const items =
      typeof v === 'string'
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : Array.isArray(v)
          ? v
          : undefined;
    if (!items) throw new UsageError(`${where} must be a list of NAMESPACE/NAME`);
    s[setting.key] = items.map((i) => agentRef(i, where));
  } else {
    if (typeof v !== 'string') throw new UsageError(`${where} must be a string`);
    if (setting.values && !setting.values.includes(v))
      throw new UsageError(`${where} must be one of ${setting.values.join(', ')}, got '${v}'`);
    s[setting.key] = v;
  }
}

interface Parameter {
  name: keyof Settings;
  value: Value;
}

function parseParameters(json: string | undefined): Parameter[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new UsageError('ARGOCD_APP_PARAMETERS is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new UsageError('ARGOCD_APP_PARAMETERS must be a JSON list of parameters');
  const out: Parameter[] = [];
  for (const p of parsed as Array<Record<string, unknown>>) {
    const name = typeof p?.name === 'string' ? p.name : '';
    if (!BY_KEY.has(name)) {
      throw new UsageError(`unknown plugin parameter '${name}'; known: ${[...BY_KEY.keys()].join(', ')}`);
    }
    const value = (p.string ?? p.array ?? p.map) as Value | undefined;
    if (value !== undefined) out.push({ name: name as keyof Settings, value });
  }
  return out;
}
