/**
 * JSON Schema validation of kagent inputs against schemas/input/*.json (derived from the
 * CRDs). Every ajv error becomes a located diagnostic; a number or boolean where a string is
 * wanted says to quote it, naming what was written (kubectl reads YAML 1.1: `0777` is 511,
 * `on` and `yes` are true, `1e3` is 1000 — never converted silently). An unknown key `true` or
 * `false` says the same of an unquoted `y`/`n`/`on`/`off` key.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { at, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { keyOf, type InputObject } from '../model/source.js';
import { quoted } from '../diagnostics/format.js';
// Compiled at build time (scripts/gen-validators.mjs): compiling the CRD-derived schemas at
// start-up cost about a second per run.
import * as generated from './validators.generated.mjs';

const VALIDATORS = generated as unknown as Record<string, ValidateFunction | undefined>;

function validator(kind: string): ValidateFunction | undefined {
  return VALIDATORS[kind];
}

export function schemaDiagnostics(o: InputObject, severity: Severity): Diagnostic[] {
  const validate = validator(o.kind);
  if (!validate || validate(o.body)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    // anyOf/oneOf branches repeat their children's errors; keep the first of each path+keyword.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const d = toDiagnostic(o, e, severity);
    const k = `${d.field}\0${d.rule}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

function toDiagnostic(o: InputObject, e: ErrorObject, severity: Severity): Diagnostic {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const field = path.join('.') || '(root)';
  const key = keyOf(o);
  // The validators are generated without ajv's `verbose` (a third of their code): the value is read back here.
  const data = valueAt(o.body, path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const full = [...path, extra];
      const boolKey =
        extra === 'true' || extra === 'false'
          ? ` (kubectl reads an unquoted key ${extra === 'true' ? 'y, yes or on' : 'n, no or off'} as ${extra}: quote the key, e.g. "${extra === 'true' ? 'y' : 'n'}":)`
          : '';
      return at(
        o.origin,
        full,
        severity,
        'schema-unknown-field',
        `unknown field ${full.join('.')} in ${o.kind} ${o.apiVersion}; remove it or fix its spelling${boolKey}`,
        key,
      );
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return at(o.origin, path, severity, 'schema-required', `${[...path, missing].join('.')} is required`, key);
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? [])
        .map((v) => JSON.stringify(v))
        .join(', ');
      return at(
        o.origin,
        path,
        severity,
        'schema-enum',
        `${field} must be one of ${allowed}, got ${quoted(data)}`,
        key,
      );
    }
    case 'type': {
      const want = String((e.params as { type: string | string[] }).type);
      const got =
        data === null
          ? 'null'
          : Array.isArray(data)
            ? 'a list'
            : typeof data === 'object'
              ? 'a mapping'
              : `the ${typeof data} ${quoted(data)}`;
      const quote =
        want.includes('string') && (typeof data === 'number' || typeof data === 'boolean')
          ? quoteAdvice(o, path, data)
          : '';
      return at(o.origin, path, severity, 'schema-type', `${field} must be ${want}, got ${got}${quote}`, key);
    }
    default:
      return at(o.origin, path, severity, 'schema-constraint', `${field} ${e.message ?? 'is invalid'}`, key);
  }
}

/**
 * ConfigMaps and Secrets in the input have no CRD schema here, but their `data`, `stringData`,
 * `binaryData`, labels and annotations are string maps: a number or boolean there (an unquoted
 * `yes`, `0777`) would be refused by the API server, and is reported with the same advice.
 */
export function coreStringMapDiagnostics(o: InputObject, severity: Severity): Diagnostic[] {
  if (o.apiVersion !== 'v1' || (o.kind !== 'ConfigMap' && o.kind !== 'Secret')) return [];
  const out: Diagnostic[] = [];
  const body = o.body as Record<string, unknown>;
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  const maps: Array<[Array<string>, unknown]> = [
    [['metadata', 'labels'], metadata.labels],
    [['metadata', 'annotations'], metadata.annotations],
    ...['data', 'stringData', 'binaryData'].map((k): [string[], unknown] => [[k], body[k]]),
  ];
  for (const [path, map] of maps) {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'number' && typeof v !== 'boolean') continue;
      const full = [...path, k];
      // A Secret's value is never printed, not even the number it was read as (a PIN, a port of a DSN).
      const message =
        o.kind === 'Secret' && path[0] !== 'metadata'
          ? `${full.join('.')} must be string, got a ${typeof v} (Secret value, not shown); quote the value to keep it a string`
          : `${full.join('.')} must be string, got the ${typeof v} ${quoted(v)}${quoteAdvice(o, full, v)}`;
      out.push(at(o.origin, full, severity, 'schema-type', message, keyOf(o)));
    }
  }
  return out;
}

/** `; kubectl reads the unquoted on as a boolean — quote it ("on") …`, with what was written where it is known. */
function quoteAdvice(o: InputObject, path: Array<string | number>, data: number | boolean): string {
  const text = o.origin.plainText?.(path);
  const what = typeof data === 'number' ? 'a number' : 'a boolean';
  if (text === undefined) return `; YAML read it as ${typeof data} — quote it ("...") to keep it a string`;
  return `; kubectl reads the unquoted ${text} as ${what} (YAML 1.1) — quote it (${JSON.stringify(text)}) to keep it a string`;
}

function valueAt(root: unknown, path: Array<string | number>): unknown {
  let cur = root;
  for (const p of path)
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}
