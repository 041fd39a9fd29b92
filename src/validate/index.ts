/**
 * Validate stage: supported versions, JSON Schema (unknown fields, types, enums), CRD
 * defaults, CEL rules and lints. Severity of schema findings follows `settings.validate`.
 */
import { at, type Diagnostic } from '../diagnostics/diagnostic.js';
import { keyOf, type InputObject } from '../model/source.js';
import type { Settings } from '../settings/settings.js';
import { celViolations } from './cel.js';
import { applyCrdDefaults } from './defaults.js';
import { lintMCPServer } from './lint.js';
import { schemaDiagnostics } from './schema.js';

/** The versions this renderer reads (the storage versions of the CRDs in ../shared/crds). */
export const SUPPORTED_VERSIONS: Record<string, string> = {
  Agent: 'kagent.dev/v1alpha2',
  ModelConfig: 'kagent.dev/v1alpha2',
  RemoteMCPServer: 'kagent.dev/v1alpha2',
  MCPServer: 'kagent.dev/v1alpha1',
};

export function validateInputs(objects: readonly InputObject[], settings: Settings): { objects: InputObject[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out: InputObject[] = [];
  for (const o of objects) {
    const wanted = SUPPORTED_VERSIONS[o.kind];
    if (!wanted || !o.apiVersion.startsWith('kagent.dev/')) {
      out.push(o);
      continue;
    }
    if (o.apiVersion !== wanted) {
      diagnostics.push(at(o.origin, ['apiVersion'], 'error', 'input-unsupported-version', `${o.kind} ${o.apiVersion} is not supported; write it as ${wanted}`, keyOf(o)));
      continue;
    }
    const severity = settings.validate === 'strict' ? 'error' : 'warning';
    diagnostics.push(...schemaDiagnostics(o, severity));
    for (const v of celViolations(o.kind, o.body)) diagnostics.push(at(o.origin, v.path, severity, v.rule, v.message, keyOf(o)));
    const body = settings.crdDefaults ? applyCrdDefaults(o.kind, o.body) : o.body;
    const validated = { ...o, body };
    if (o.kind === 'MCPServer') diagnostics.push(...lintMCPServer(validated));
    out.push(validated);
  }
  return { objects: out, diagnostics };
}
