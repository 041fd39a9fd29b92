/**
 * Declarative or BYO Agent → config Secret, ServiceAccount, Deployment, Service: compile
 * (compile.ts, every reference resolved into an AgentPlan), then build from the plan alone
 * (build.ts; kagent compiler.go CompileAgent / manifest_builder.go BuildManifest).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ObjectIndex } from '../../index/objects.js';
import type { K8sObject } from '../../model/k8s.js';
import type { InputObject } from '../../model/source.js';
import type { Settings } from '../../settings/settings.js';
import { buildAgentObjects } from './build.js';
import { compileAgent } from './compile.js';
import { AgentContext } from './context.js';

export { buildAgentObjects, type AgentPlan } from './build.js';
export { compileAgent } from './compile.js';

export function expandAgent(
  agent: InputObject,
  index: ObjectIndex,
  settings: Settings,
): { objects: K8sObject[]; diagnostics: Diagnostic[] } {
  const ctx = new AgentContext(agent, index, settings);
  const plan = compileAgent(ctx);
  return { objects: plan && ctx.diagnostics.length === 0 ? buildAgentObjects(plan) : [], diagnostics: ctx.diagnostics };
}
