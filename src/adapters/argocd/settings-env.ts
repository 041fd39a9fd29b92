/**
 * Argo CD hands plugin settings over as environment variables:
 * - Application `spec.source.plugin.env[]` → `ARGOCD_ENV_<NAME>` (Argo CD ≥ 2.4; older
 *   releases passed `<NAME>` unprefixed, so both spellings are read, prefixed winning);
 * - `spec.source.plugin.parameters[]` → `ARGOCD_APP_PARAMETERS` as JSON
 *   (`[{"name":"profile","string":"controller"},{"name":"agents","array":[…]},{"name":"otelEnv","map":{…}}]`).
 * Both map onto the settings keys of SPEC §5; this module turns them into CLI flags so the
 * plugin runs exactly the code path of `kagent-render build`.
 */
import { UsageError } from '../../diagnostics/errors.js';
import { envName, SETTING_FLAGS } from '../../settings/flags.js';

/**
 * The settings a plugin may set. Not `keepInputs`: the kagent objects would be applied beside
 * what they expand to, and the kagent controller would then render them a second time.
 */
const KEYS = SETTING_FLAGS.filter((f) => f.key !== 'keepInputs');

export const ENV_PREFIX = 'KAGENT_RENDER_';

type Value = string | string[] | Record<string, string>;

/** CLI flags for the settings found in the Argo CD environment, in a fixed order. */
export function flagsFromArgoEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const values = new Map<string, Value>();
  for (const p of parseParameters(env.ARGOCD_APP_PARAMETERS)) values.set(p.name, p.value);
  for (const { key } of KEYS) {
    const name = `${ENV_PREFIX}${envName(key)}`;
    const v = env[`ARGOCD_ENV_${name}`] ?? env[name];
    if (v !== undefined && v !== '') values.set(key, v);
  }
  // Objects without a namespace land in the Application's destination namespace, as Argo CD
  // itself does for namespace-less manifests.
  if (!values.has('namespace') && env.ARGOCD_APP_NAMESPACE) values.set('namespace', env.ARGOCD_APP_NAMESPACE);

  const flags: string[] = [];
  for (const setting of KEYS) {
    const { key, flag } = setting;
    const v = values.get(key);
    if (v === undefined) continue;
    if (setting.kind === 'bool') {
      const on = asBool(key, v);
      if (on) flags.push(flag);
      else if (setting.negated) flags.push(setting.negated);
    } else if (setting.kind === 'map') {
      for (const pair of asPairs(key, v)) flags.push(flag, pair);
    } else if (setting.kind === 'list') {
      for (const item of asList(v)) flags.push(flag, item);
    } else {
      if (typeof v !== 'string') throw new UsageError(`plugin setting '${key}' must be a string`);
      flags.push(flag, v);
    }
  }
  return flags;
}

interface Parameter {
  name: string;
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
  const known = new Set<string>(KEYS.map((f) => f.key));
  const out: Parameter[] = [];
  for (const p of parsed as Array<Record<string, unknown>>) {
    const name = typeof p?.name === 'string' ? p.name : '';
    if (!known.has(name)) {
      throw new UsageError(`unknown plugin parameter '${name}'; known: ${[...known].join(', ')}`);
    }
    const value = (p.string ?? p.array ?? p.map) as Value | undefined;
    if (value !== undefined) out.push({ name, value });
  }
  return out;
}

function asBool(key: string, v: Value): boolean {
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UsageError(`plugin setting '${key}' must be "true" or "false"`);
}

/** `a=1,b=2` strings, JSON-ish maps and lists all become `k=v` pairs, sorted for determinism. */
function asPairs(key: string, v: Value): string[] {
  if (typeof v === 'string') {
    const pairs = v.split(',').map((s) => s.trim()).filter(Boolean);
    for (const p of pairs) if (!p.includes('=')) throw new UsageError(`plugin setting '${key}' wants k=v pairs, got '${p}'`);
    return pairs;
  }
  if (Array.isArray(v)) return v;
  return Object.keys(v)
    .sort()
    .map((k) => `${k}=${v[k]}`);
}

function asList(v: Value): string[] {
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v)) return v;
  throw new UsageError("plugin setting 'agents' must be a list");
}
