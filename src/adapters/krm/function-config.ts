/** A ConfigMap functionConfig (kpt's `-- key=value`) holds only strings: turn them into typed settings. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { parseSettings, SETTINGS_KEYS } from '../../settings/parse.js';
import type { Settings } from '../../settings/settings.js';

export function settingsFromStringMap(
  data: Record<string, string>,
  file: string,
): { settings: Partial<Settings>; diagnostics: Diagnostic[] } {
  // Null-prototype objects: keys named __proto__, constructor or toString are only unknown settings.
  const typed: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(data && typeof data === 'object' ? data : {})) {
    const kind = Object.hasOwn(SETTINGS_KEYS, k) ? SETTINGS_KEYS[k]!.kind : undefined;
    if (kind === 'bool') typed[k] = v === 'true' ? true : v === 'false' ? false : v;
    else if (kind === 'list')
      typed[k] = String(v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (kind === 'map') {
      const m: Record<string, string> = Object.create(null);
      for (const pair of String(v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const eq = pair.indexOf('=');
        m[eq > 0 ? pair.slice(0, eq) : pair] = eq > 0 ? pair.slice(eq + 1) : '';
      }
      typed[k] = { ...m };
    } else typed[k] = v;
  }
  return parseSettings(typed, file);
}
