/**
 * Every difference between the `gitops` and `controller` profiles (SPEC §4), as named
 * predicates. Nothing else in the code may branch on the profile name. Validation severity
 * and CRD defaulting are plain settings (`validate`, `crdDefaults`) that the profile only
 * seeds, so they are read from Settings directly.
 */
import type { Settings } from '../settings/settings.js';

/** Controller sets ownerReferences (uid from input, "" if absent); gitops omits them because an empty uid is rejected by the API server. */
export function emitsOwnerReferences(s: Settings): boolean {
  return s.profile === 'controller';
}

/** Secret values (header secretKeyRef, systemMessageFrom Secret, Bedrock/SAP probing) may be read from Secret objects in the input. */
export function readsSecretValues(s: Settings): boolean {
  return s.profile === 'controller' || s.allowSecretValues;
}

/**
 * URL path of an MCPServer tool. Upstream always says `/mcp` (kagent conversion.go
 * ConvertMCPServerToRemoteMCPServer); gitops honours `httpTransport.path` for http servers,
 * which upstream misses when a server serves elsewhere.
 */
export function mcpServerUrlPath(s: Settings, transportType: unknown, httpPath: unknown): string {
  if (s.profile === 'gitops' && transportType === 'http' && typeof httpPath === 'string' && httpPath !== '') {
    return httpPath.startsWith('/') ? httpPath : `/${httpPath}`;
  }
  return '/mcp';
}

/**
 * SPEC §4 "Fidelity to the cluster": in the controller profile the two controllers fail
 * independently, as in a cluster. An MCPServer kmcp refuses to reconcile (kmcp.md §2.9) is
 * reported with the severity of `--validate` (a warning under `warn`) and only its own objects
 * are missing; Agents that use it are still translated by kagent's rules. In gitops it is an
 * error whatever `--validate` says: the repository holds an object that can never run.
 */
export function kmcpRefusalSeverity(s: Settings): 'error' | 'warning' {
  return s.profile === 'controller' && s.validate === 'warn' ? 'warning' : 'error';
}
