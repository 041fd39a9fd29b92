/**
 * JSON Schema validation of kagent inputs against schemas/input/*.json (derived from the
 * CRDs). Every ajv error becomes a located diagnostic; a number or boolean where a string is
 * wanted says to quote it (YAML 1.2 reads `0777` as 777 and `1e3` as 1000 — never converted silently).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { at, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { keyOf, type InputObject } from '../model/source.js';
import agent from '../../schemas/input/agent.json' with { type: 'json' };
import mcpserver from '../../schemas/input/mcpserver.json' with { type: 'json' };
import modelconfig from '../../schemas/input/modelconfig.json' with { type: 'json' };
import remotemcpserver from '../../schemas/input/remotemcpserver.json' with { type: 'json' };

const SCHEMAS: Record<string, object> = { Agent: agent, MCPServer: mcpserver, ModelConfig: modelconfig, RemoteMCPServer: remotemcpserver };
const compiled = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

function validator(kind: string): ValidateFunction | undefined {
  const schema = SCHEMAS[kind];
  if (!schema) return undefined;
  let v = compiled.get(kind);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
    const fresh = ajv.compile(schema);
    compiled.set(kind, fresh);
    return fresh;
  }
  return v;
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
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const field = path.join('.') || '(root)';
  const key = keyOf(o);
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const full = [...path, extra];
      return at(o.origin, full, severity, 'schema-unknown-field', `unknown field ${full.join('.')} in ${o.kind} ${o.apiVersion}; remove it or fix its spelling`, key);
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return at(o.origin, path, severity, 'schema-required', `${[...path, missing].join('.')} is required`, key);
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ');
      return at(o.origin, path, severity, 'schema-enum', `${field} must be one of ${allowed}, got ${JSON.stringify(e.data)}`, key);
    }
    case 'type': {
      const want = String((e.params as { type: string | string[] }).type);
      const got = e.data === null ? 'null' : Array.isArray(e.data) ? 'a list' : typeof e.data === 'object' ? 'a mapping' : `the ${typeof e.data} ${JSON.stringify(e.data)}`;
      const quote = want.includes('string') && (typeof e.data === 'number' || typeof e.data === 'boolean') ? `; YAML read it as ${typeof e.data} — quote it ("...") to keep it a string` : '';
      return at(o.origin, path, severity, 'schema-type', `${field} must be ${want}, got ${got}${quote}`, key);
    }
    default:
      return at(o.origin, path, severity, 'schema-constraint', `${field} ${e.message ?? 'is invalid'}`, key);
  }
}
