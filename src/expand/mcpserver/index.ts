/**
 * MCPServer → what the kmcp controller creates: compile (check the input into an
 * MCPServerPlan, collecting diagnostics), then build from the plan alone, like the Agent.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { K8sObject } from '../../model/k8s.js';
import type { InputObject } from '../../model/source.js';
import type { Settings } from '../../settings/settings.js';
import { buildMCPServerObjects } from './build.js';
import { compileMCPServer } from './compile.js';

export { buildMCPServerObjects } from './build.js';
export { compileMCPServer, type MCPServerPlan } from './compile.js';

export function expandMCPServer(
  server: InputObject,
  settings: Settings,
): { objects: K8sObject[]; diagnostics: Diagnostic[] } {
  const { plan, diagnostics } = compileMCPServer(server, settings);
  return { objects: plan ? buildMCPServerObjects(plan) : [], diagnostics };
}
