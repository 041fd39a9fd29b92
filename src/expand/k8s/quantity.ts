/**
 * Kubernetes resource.Quantity canonical form (k8s.io/apimachinery resource/quantity.go
 * CanonicalizeBytes): the controller's objects go through Quantity, so `3000m` is written
 * `"3"` and `1024Mi` `"1Gi"`. The format (binary, decimal SI, decimal exponent) of the input
 * is kept; the mantissa is made integral with the largest suffix that allows it.
 */
const BINARY: Array<[string, bigint]> = [['Ei', 2n ** 60n], ['Pi', 2n ** 50n], ['Ti', 2n ** 40n], ['Gi', 2n ** 30n], ['Mi', 2n ** 20n], ['Ki', 2n ** 10n]];
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIXES: Array<[string, number]> = [['E', 18], ['P', 15], ['T', 12], ['G', 9], ['M', 6], ['k', 3], ['', 0], ['m', -3], ['u', -6], ['n', -9]];

const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export function canonicalQuantity(input: string | number): string {
  const text = String(input).trim();
  const m = PATTERN.exec(text);
  if (!m) return text; // not a quantity: leave it for schema validation to report
  const [, sign, num, suffix = '', exp] = m;
  const [int, frac = ''] = num.split('.');
  // value = digits × 10^scale (exact).
  let digits = BigInt((int || '0') + frac);
  let scale = -frac.length;
  const binary = BINARY.find(([s]) => s === suffix);
  if (binary) {
    // Exact value in bytes × 10^scale.
    digits *= binary[1];
    return formatBinary(sign, digits, scale);
  }
  scale += exp !== undefined ? Number(exp) : DECIMAL[suffix];
  if (digits === 0n) return '0';
  // Normalise trailing zeros into the exponent.
  while (digits % 10n === 0n) {
    digits /= 10n;
    scale++;
  }
  // Kubernetes rounds up below nano.
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    digits = (digits + div - 1n) / div;
    scale = -9;
  }
  if (exp !== undefined) {
    // DecimalExponent: exponent a multiple of 3 with an integral mantissa.
    let e = scale - (((scale % 3) + 3) % 3);
    const mant = digits * 10n ** BigInt(scale - e);
    return `${sign === '-' ? '-' : ''}${mant}${e === 0 ? '' : `e${e}`}`;
  }
  for (const [s, e] of DECIMAL_SUFFIXES) {
    if (scale >= e) return `${sign === '-' ? '-' : ''}${digits * 10n ** BigInt(scale - e)}${s}`;
  }
  return `${sign === '-' ? '-' : ''}${digits}n`;
}

/**
 * A BinarySI quantity, as Quantity.CanonicalizeBytes writes it: DecimalSI when the value is
 * not a whole number of bytes ("don't lose precision") or lies strictly between -1024 and
 * 1024; otherwise the largest power of 1024 that divides it, or the plain number of bytes.
 */
function formatBinary(sign: string, digits: bigint, scale: number): string {
  const neg = sign === '-' ? '-' : '';
  // Exact value = digits × 10^scale bytes.
  const div = scale < 0 ? 10n ** BigInt(-scale) : 1n;
  const bytesNum = scale > 0 ? digits * 10n ** BigInt(scale) : digits;
  if (bytesNum % div !== 0n) return canonicalQuantity(`${neg}${decimalText(bytesNum, -scale)}`);
  const bytes = bytesNum / div;
  if (bytes < 1024n) return canonicalQuantity(`${neg}${bytes}`);
  for (const [s, f] of BINARY) if (bytes % f === 0n) return `${neg}${bytes / f}${s}`;
  return `${neg}${bytes}`;
}

/** `digits × 10^-fractionDigits` written exactly as decimal text. */
function decimalText(digits: bigint, fractionDigits: number): string {
  const text = digits.toString().padStart(fractionDigits + 1, '0');
  return `${text.slice(0, text.length - fractionDigits)}.${text.slice(text.length - fractionDigits)}`;
}

/** Field order of ResourceRequirements in k8s.io/api (Limits, Requests, Claims): Go writes struct fields in this order. */
const RESOURCE_FIELDS = ['limits', 'requests', 'claims'];

/**
 * Canonicalise every quantity of a ResourceRequirements-like object (limits/requests maps),
 * with its fields in Go struct order whatever order the input wrote them in.
 */
export function canonicalResources<T>(resources: T): T {
  if (!resources || typeof resources !== 'object') return resources;
  const input = structuredClone(resources) as Record<string, unknown>;
  const r: Record<string, unknown> = {};
  for (const key of [...RESOURCE_FIELDS, ...Object.keys(input)]) if (key in input && !(key in r)) r[key] = input[key];
  for (const key of ['limits', 'requests']) {
    const m = r[key];
    if (m && typeof m === 'object') {
      const sorted: Record<string, string> = {};
      for (const k of Object.keys(m).sort()) sorted[k] = canonicalQuantity((m as Record<string, string>)[k]);
      r[key] = sorted;
    }
  }
  return r as T;
}
