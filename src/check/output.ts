/**
 * Output check: every emitted object against our strict output schemas (schemas/output), the
 * API server's validation of its kind (./apiserver.ts) and the product's own invariants (no
 * object generated twice; a Secret or ConfigMap named for TLS or a volume can exist). A failure
 * is reported at the input line that produced the offending field (./locate.ts), with the
 * output object and path.
 */
import type { RuleId } from '../diagnostics/rules.js';
import { at, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { RenderedSource } from '../model/k8s.js';
import { keyOf, type InputObject, type Position } from '../model/source.js';
import type { ObjectIndex } from '../index/objects.js';
import { apiServerProblems } from './apiserver.js';
import { dns1123Subdomain } from './k8s-validation.js';
import { locate } from './locate.js';
import { schemaProblems } from './schema.js';

export function checkOutput(rendered: readonly RenderedSource[], index: ObjectIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const r of rendered) {
    const source = index.get(r.source.kind, r.source.namespace, r.source.name);
    const report = (rule: RuleId, message: string, pos: Position | undefined) => {
      const p = pos ?? { file: '<output>', line: 1, col: 1 };
      const d: Diagnostic = { rule, severity: 'error', message, file: p.file, line: p.line, col: p.col };
      if (source) d.object = keyOf(source);
      diagnostics.push(d);
    };
    // Names of generated objects come from the source's name: point there.
    const atName = source?.origin.at(['metadata', 'name']);
    const owner = `${r.source.kind} ${r.source.namespace}/${r.source.name}`;
    const tls = source && r.source.kind === 'MCPServer' ? mcpServerTlsSecret(source) : undefined;
    if (tls) diagnostics.push(tls);
    for (const o of r.objects) {
      const key = `${o.apiVersion}/${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
      const what = `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
      if (seen.has(key))
        report(
          'output-duplicate-object',
          `${key} is generated twice (by ${seen.get(key)} and ${owner}); rename one of them`,
          atName,
        );
      else seen.set(key, owner);
      for (const p of schemaProblems(o)) report(p.rule, `${what}: ${p.message}`, source?.origin.at([]));
      for (const p of apiServerProblems(o))
        report(p.rule, `${what}: ${p.message}`, source && locate(o, p.at ?? p.path, source, p.key));
    }
  }
  return diagnostics;
}

/**
 * SPEC §3.1: agents mount the Secret `httpTransport.tls.secretRef` names. A name that is not a
 * DNS-1123 subdomain is a Secret that can never exist, even when no Agent uses the server yet.
 */
function mcpServerTlsSecret(server: InputObject): Diagnostic | undefined {
  const ref = ((server.body.spec as Record<string, any>)?.httpTransport?.tls as Record<string, unknown> | undefined)
    ?.secretRef;
  const msgs = typeof ref === 'string' && ref !== '' ? dns1123Subdomain(ref) : [];
  if (msgs.length === 0) return undefined;
  const path = ['spec', 'httpTransport', 'tls', 'secretRef'];
  const message = `MCPServer ${server.namespace}/${server.name}: ${path.join('.')}: Invalid value: ${JSON.stringify(ref)}: ${msgs.join('; ')}; no Secret can have this name`;
  return at(server.origin, path, 'error', 'ref-name-invalid', message, keyOf(server));
}
