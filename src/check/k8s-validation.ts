/**
 * The string checks of k8s.io/apimachinery pkg/util/validation (validation.go) with their
 * exact messages (reference apiserver.md §4.0; the label texts of v0.35+, "bytes" and "a
 * valid label key"). Each returns the list of messages, empty when the value is valid.
 * Note the double space before `or` in the examples: it is upstream's.
 */

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const PERCENT = /^[0-9]+%$/;

export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const RELAXED_ENV_MSG =
  "a valid environment variable name must consist only of printable ASCII characters other than '='";
export const PORT_NUM_MSG = 'must be between 1 and 65535, inclusive';
export const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

const maxLen = (n: number) => `must be no more than ${n} characters`;

export function dns1123Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!DNS1123_LABEL.test(v)) out.push(DNS1123_SUBDOMAIN.test(v) ? 'must not contain dots' : DNS1123_LABEL_MSG);
  return out;
}

export function dns1123Subdomain(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push(maxLen(253));
  if (!DNS1123_SUBDOMAIN.test(v)) out.push(DNS1123_SUBDOMAIN_MSG);
  return out;
}

export function dns1035Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!DNS1035_LABEL.test(v)) out.push(DNS1035_LABEL_MSG);
  return out;
}

/** Label and annotation keys repeat on every object: a key found valid is not checked again (bounded). */
const validQualifiedNames = new Set<string>();

/** IsQualifiedName: `[prefix/]name`, the prefix a DNS-1123 subdomain. */
export function qualifiedName(v: string): string[] {
  if (validQualifiedNames.has(v)) return [];
  const parts = v.split('/');
  const out: string[] = [];
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) out.push('prefix part must be non-empty');
    else out.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) out.push('name part must be non-empty');
  else if (Buffer.byteLength(name) > 63) out.push('name part must be no more than 63 bytes');
  if (!QUALIFIED_NAME.test(name)) out.push(`name part ${QUALIFIED_NAME_MSG}`);
  if (out.length === 0 && validQualifiedNames.size < 10_000) validQualifiedNames.add(v);
  return out;
}

export function labelValue(v: string): string[] {
  const out: string[] = [];
  if (Buffer.byteLength(v) > 63) out.push('must be no more than 63 bytes');
  if (!LABEL_VALUE.test(v)) out.push(LABEL_VALUE_MSG);
  return out;
}

/** IsConfigMapKey: data keys of ConfigMaps and Secrets, and the keys of env key selectors. */
export function configKey(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push(maxLen(253));
  if (!CONFIG_KEY.test(v)) out.push(CONFIG_KEY_MSG);
  if (v === '.') out.push("must not be '.'");
  else if (v === '..') out.push("must not be '..'");
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** IsRelaxedEnvVarName (on by default since 1.32, GA in 1.34): printable ASCII except `=`. */
export function relaxedEnvVarName(v: string): string[] {
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c > 0x7e || ch === '=') return [RELAXED_ENV_MSG];
  }
  return [];
}

/** IsValidPortName (IANA_SVC_NAME); several messages may apply at once. */
export function portName(v: string): string[] {
  const out: string[] = [];
  if (v.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(v)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  if (v.includes('--')) out.push('must not contain consecutive hyphens');
  if (v.length > 0 && (v.startsWith('-') || v.endsWith('-'))) out.push('must not begin or end with a hyphen');
  return out;
}

export function portNumber(n: number): string[] {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? [] : [PORT_NUM_MSG];
}

export function percent(v: string): string[] {
  return PERCENT.test(v) ? [] : [PERCENT_MSG];
}

/** `<Type>[: value][: detail]` of one field error, values printed as Go's field.Error prints them. */
export function errorBody(type: ErrorType, value?: unknown, detail?: string): string {
  let s: string = type;
  if (value !== undefined && type !== 'Required value' && type !== 'Forbidden' && type !== 'Too long')
    s += `: ${showValue(value)}`;
  if (detail) s += `: ${detail}`;
  return s;
}

export type ErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Duplicate value'
  | 'Not found'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Too long';

/** Ints, floats and bools as `%v`, strings as `%q`, anything else as JSON (Go sorts map keys). */
function showValue(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}
