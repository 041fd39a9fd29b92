/**
 * Output check: every emitted object against our strict output schemas (schemas/output) and
 * the SPEC §3 invariants. A failure here is a rule the user can act on (a name too long for a
 * label, a volume named twice), located at the source object.
 */
import type { RuleId } from '../diagnostics/rules.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RenderedSource } from '../model/k8s.js';
import type { ObjectIndex } from '../resolve/index.js';
import { invariantProblems } from './invariants.js';
import { schemaProblems } from './schema.js';

export function checkOutput(rendered: readonly RenderedSource[], index: ObjectIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const r of rendered) {
    const origin = index.get(r.source.kind, r.source.namespace, r.source.name)?.origin;
    const report = (rule: RuleId, message: string) => {
      // Names and labels of generated objects come from the source's name: point there.
      const at = /^output-(name|label|duplicate)/.test(rule) ? ['metadata', 'name'] : [];
      // Positions cost a full parse of the source file: only on failure.
      const pos = origin ? origin.at(at) : { file: '<output>', line: 1, col: 1 };
      diagnostics.push({ rule, severity: 'error', message, file: pos.file, line: pos.line, col: pos.col });
    };
    const owner = `${r.source.kind} ${r.source.namespace}/${r.source.name}`;
    for (const o of r.objects) {
      const key = `${o.apiVersion}/${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
      if (seen.has(key)) report('output-duplicate-object', `${key} is generated twice (by ${seen.get(key)} and ${owner}); rename one of them`);
      else seen.set(key, owner);
      for (const problems of [schemaProblems(o), invariantProblems(o)]) {
        for (const p of problems) report(p.rule, `${o.kind} ${o.metadata.namespace}/${o.metadata.name}: ${p.message}`);
      }
    }
  }
  return diagnostics;
}
