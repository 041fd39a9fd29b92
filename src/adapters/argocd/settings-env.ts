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

/** Settings key → (env name suffix, CLI flag, value kind). */
const KEYS = [
  ['profile', 'PROFILE', '--profile', 'string'],
  ['namespace', 'NAMESPACE', '--namespace', 'string'],
  ['validate', 'VALIDATE', '--validate', 'string'],
  ['crdDefaults', 'CRD_DEFAULTS', '--crd-defaults', 'bool'],
  ['controllerUrl', 'CONTROLLER_URL', '--controller-url', 'string'],
  ['imageRegistry', 'IMAGE_REGISTRY', '--image-registry', 'string'],
  ['imageTag', 'IMAGE_TAG', '--image-tag', 'string'],
  ['proxyUrl', 'PROXY_URL', '--proxy-url', 'string'],
  ['defaultServiceAccount', 'DEFAULT_SERVICE_ACCOUNT', '--default-service-account', 'string'],
  ['imagePullSecret', 'IMAGE_PULL_SECRET', '--image-pull-secret', 'string'],
  ['otelEnv', 'OTEL_ENV', '--otel-env', 'map'],
  ['defaultAgentPodLabels', 'DEFAULT_AGENT_POD_LABELS', '--default-agent-pod-labels', 'map'],
  ['allowSecretValues', 'ALLOW_SECRET_VALUES', '--allow-secret-values', 'bool'],
  ['agents', 'AGENTS', '--agent', 'list'],
] as const;

export const ENV_PREFIX = 'KAGENT_RENDER_';

type Value = string | string[] | Record<string, string>;

/** CLI flags for the settings found in the Argo CD environment, in a fixed order. */
export function flagsFromArgoEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const values = new Map<string, Value>();
  for (const p of parseParameters(env.ARGOCD_APP_PARAMETERS)) values.set(p.name, p.value);
  for (const [key, suffix] of KEYS) {
    const v = env[`ARGOCD_ENV_${ENV_PREFIX}${suffix}`] ?? env[`${ENV_PREFIX}${suffix}`];
    if (v !== undefined && v !== '') values.set(key, v);
  }
  // Objects without a namespace land in the Application's destination namespace, as Argo CD
  // itself does for namespace-less manifests.
  if (!values.has('namespace') && env.ARGOCD_APP_NAMESPACE) values.set('namespace', env.ARGOCD_APP_NAMESPACE);

  const flags: string[] = [];
  for (const [key, , flag, kind] of KEYS) {
    const v = values.get(key);
    if (v === undefined) continue;
    if (kind === 'bool') {
      const on = asBool(key, v);
      if (key === 'crdDefaults') flags.push(on ? '--crd-defaults' : '--no-crd-defaults');
      else if (on) flags.push(flag);
    } else if (kind === 'map') {
      for (const pair of asPairs(key, v)) flags.push(flag, pair);
    } else if (kind === 'list') {
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
  const known = new Set<string>(KEYS.map(([k]) => k));
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
