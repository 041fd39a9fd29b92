/** Go time.ParseDuration (metav1.Duration in CRDs) → seconds as a float, as config.json wants. */
// Go accepts both micro signs: U+00B5 (micro sign) and U+03BC (Greek mu).
const UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  '\u00b5s': 1e-6,
  '\u03bcs': 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

export function durationSeconds(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  const body = s.replace(/^[-+]/, '');
  while ((m = re.exec(body)) !== null) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== body.length) return undefined;
  // Go keeps nanosecond precision; round away binary noise the same way.
  const seconds = Math.round(total * 1e9) / 1e9;
  return s.startsWith('-') ? -seconds : seconds;
}
