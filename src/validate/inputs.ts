/**
 * Validate stage: supported versions, JSON Schema (unknown fields, types, enums), CRD
 * defaults, CEL rules and lints. Severity of schema findings follows `settings.validate`.
 */
import { at, type Diagnostic } from '../diagnostics/diagnostic.js';
import { keyOf, type InputObject } from '../model/source.js';
import type { Settings } from '../settings/settings.js';
import { celViolations } from './cel.js';
import { applyCrdDefaultsInPlace } from './defaults.js';
import { lintMCPServer } from './lint.js';
import { coreStringMapDiagnostics, schemaDiagnostics } from './schema.js';
import { KNOWN_KAGENT_KINDS, REFERENCED_ONLY_VERSIONS, SUPPORTED_VERSIONS } from '../model/kinds.js';
import { isDnsLabel, isDnsSubdomain } from '../expand/k8s/names.js';

export { SUPPORTED_VERSIONS };

export function validateInputs(
  objects: readonly InputObject[],
  settings: Settings,
): { objects: InputObject[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out: InputObject[] = [];
  for (const o of objects) {
    if (REFERENCED_ONLY_VERSIONS[o.kind] && o.apiVersion.startsWith('kagent.dev/')) {
      const problems = referencedOnlyDiagnostics(o);
      diagnostics.push(...problems);
      if (!problems.some((d) => d.severity === 'error')) out.push(o);
      continue;
    }
    const wanted = SUPPORTED_VERSIONS[o.kind];
    if (!wanted || !o.apiVersion.startsWith('kagent.dev/')) {
      diagnostics.push(...coreStringMapDiagnostics(o, settings.validate === 'strict' ? 'error' : 'warning'));
      if (o.apiVersion.startsWith('kagent.dev/')) diagnostics.push(unrenderedKindDiagnostic(o, settings));
      out.push(o);
      continue;
    }
    const nameProblems = nameDiagnostics(o);
    if (nameProblems.length > 0) {
      diagnostics.push(...nameProblems);
      continue;
    }
    if (o.apiVersion !== wanted) {
      diagnostics.push(unsupportedVersion(o, wanted));
      continue;
    }
    const severity = settings.validate === 'strict' ? 'error' : 'warning';
    diagnostics.push(...schemaDiagnostics(o, severity));
    for (const v of celViolations(o.kind, o.body))
      diagnostics.push(at(o.origin, v.path, severity, v.rule, v.message, keyOf(o)));
    // In place: the parsed body is this run's own copy, read by nothing else (no clone of every input).
    const body = settings.crdDefaults ? applyCrdDefaultsInPlace(o.kind, o.body) : o.body;
    const validated = { ...o, body };
    if (o.kind === 'MCPServer') diagnostics.push(...lintMCPServer(validated));
    out.push(validated);
  }
  return { objects: out, diagnostics };
}

/**
 * A kagent.dev object of a kind not rendered: a kind kagent and kmcp define is read past with a
 * warning; any other is a typo (`Agnet`) that would silently render nothing, an error under
 * `--validate strict` as the API server would refuse it (no such CRD).
 */
function unrenderedKindDiagnostic(o: InputObject, settings: Settings): Diagnostic {
  const rendered = Object.keys(SUPPORTED_VERSIONS).join(', ');
  if (KNOWN_KAGENT_KINDS.has(o.kind)) {
    const message = `kind ${o.kind} of ${o.apiVersion} is not one kagent-render renders (${rendered}); it is ignored`;
    return at(o.origin, ['kind'], 'warning', 'input-kind-not-rendered', message, keyOf(o));
  }
  const severity = settings.validate === 'strict' ? 'error' : 'warning';
  const known = [...KNOWN_KAGENT_KINDS].join(', ');
  const message = `kind ${o.kind} of ${o.apiVersion} is no kind of kagent or kmcp (${known}); a typo?`;
  return at(o.origin, ['kind'], severity, 'input-unknown-kind', message, keyOf(o));
}

function unsupportedVersion(o: InputObject, wanted: string): Diagnostic {
  const message = `${o.kind} ${o.apiVersion} is not supported; write it as ${wanted}`;
  return at(o.origin, ['apiVersion'], 'error', 'input-unsupported-version', message, keyOf(o));
}

/**
 * A kind read only as a reference target (a SandboxAgent): its name and version are checked
 * like any kagent object, and a warning says it is read but yields no output.
 */
function referencedOnlyDiagnostics(o: InputObject): Diagnostic[] {
  const nameProblems = nameDiagnostics(o);
  if (nameProblems.length > 0) return nameProblems;
  const wanted = REFERENCED_ONLY_VERSIONS[o.kind]!;
  if (o.apiVersion !== wanted) return [unsupportedVersion(o, wanted)];
  return [
    at(
      o.origin,
      ['kind'],
      'warning',
      'input-sandboxagent-not-rendered',
      `${o.kind} ${o.namespace}/${o.name} is read as an agent tool target but not rendered: the objects it becomes depend on the sandbox backend (out of scope)`,
      keyOf(o),
    ),
  ];
}

/**
 * The API server's own rules for names and namespaces, checked before anything is built from
 * them: a namespace `..` would otherwise become a path that leaves the -o directory.
 */
function nameDiagnostics(o: InputObject): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isDnsSubdomain(o.name)) {
    out.push(
      at(
        o.origin,
        ['metadata', 'name'],
        'error',
        'input-invalid-name',
        `metadata.name '${o.name}' is not a valid Kubernetes name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`,
        keyOf(o),
      ),
    );
  }
  if (!isDnsLabel(o.namespace)) {
    out.push(
      at(
        o.origin,
        ['metadata', 'namespace'],
        'error',
        'input-invalid-name',
        `namespace '${o.namespace}' is not a valid Kubernetes namespace: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit`,
        keyOf(o),
      ),
    );
  }
  return out;
}
