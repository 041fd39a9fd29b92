/**
 * A settings object from any source (kagent-render.yaml, KRM functionConfig, Argo CD) →
 * Partial<Settings>, with a diagnostic per bad key, against schemas/settings.json (SPEC §5).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Origin } from '../model/source.js';
import type { Settings } from './settings.js';

import schema from '../../schemas/settings.json' with { type: 'json' };

type Kind = 'string' | 'bool' | 'map' | 'list';
type PropertySchema = { type: string; enum?: string[] };

/** The settings keys, their kinds and allowed values — read from schemas/settings.json, the one source. */
/** (A null-prototype object: a key named `constructor` or `toString` is unknown, not a lookup on Object.prototype.) */
export const SETTINGS_KEYS: Record<string, { kind: Kind; values?: string[] }> = nullPrototype(
  Object.fromEntries(
    Object.entries(schema.properties as Record<string, PropertySchema>).map(([key, p]) => [
      key,
      {
        kind: p.type === 'boolean' ? 'bool' : p.type === 'object' ? 'map' : p.type === 'array' ? 'list' : 'string',
        ...(p.enum ? { values: p.enum } : {}),
      },
    ]),
  ),
);

function nullPrototype<T extends object>(o: T): T {
  return Object.assign(Object.create(null) as T, o);
}

export function parseSettings(
  value: unknown,
  file: string,
  origin?: Origin,
): { settings: Partial<Settings>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const settings: Record<string, unknown> = Object.create(null);
  const fail = (key: string[], message: string) => {
    const p = origin ? origin.at(key) : { file, line: 1, col: 1 };
    diagnostics.push({ rule: 'settings-invalid', severity: 'error', message, file: p.file, line: p.line, col: p.col });
  };
  if (value === null || value === undefined) return { settings: {}, diagnostics };
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail([], 'settings must be a mapping of the settings keys');
    return { settings: {}, diagnostics };
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const spec = Object.hasOwn(SETTINGS_KEYS, k) ? SETTINGS_KEYS[k] : undefined;
    if (!spec) {
      fail([k], `unknown setting '${k}'; known: ${Object.keys(SETTINGS_KEYS).join(', ')}`);
      continue;
    }
    const ok =
      spec.kind === 'string'
        ? typeof v === 'string' && (!spec.values || spec.values.includes(v))
        : spec.kind === 'bool'
          ? typeof v === 'boolean'
          : spec.kind === 'list'
            ? Array.isArray(v) && v.every((x) => typeof x === 'string')
            : !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
    if (!ok) {
      const want = spec.values
        ? `one of ${spec.values.join(', ')}`
        : spec.kind === 'bool'
          ? 'true or false'
          : spec.kind === 'map'
            ? 'a map of strings'
            : spec.kind === 'list'
              ? 'a list of strings'
              : 'a string';
      fail([k], `setting '${k}' must be ${want}`);
      continue;
    }
    settings[k] = v;
  }
  return { settings: { ...settings } as Partial<Settings>, diagnostics };
}
