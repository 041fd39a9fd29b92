/** The kagent kinds this renderer reads, at the versions it reads (the storage versions of the CRDs in ../shared/crds). */
export const SUPPORTED_VERSIONS: Readonly<Record<string, string>> = {
  Agent: 'kagent.dev/v1alpha2',
  ModelConfig: 'kagent.dev/v1alpha2',
  RemoteMCPServer: 'kagent.dev/v1alpha2',
  MCPServer: 'kagent.dev/v1alpha1',
};

/**
 * kagent kinds read only as what Agents refer to, never rendered: a SandboxAgent is an agent
 * tool target (reference §4.5), but the objects it becomes depend on the sandbox backend
 * (reference §3.11: out of scope). No schema for it is vendored, so only its apiVersion, kind
 * and metadata are checked, and only `spec.description` (and `spec.allowedNamespaces`) is read.
 */
export const REFERENCED_ONLY_VERSIONS: Readonly<Record<string, string>> = {
  SandboxAgent: 'kagent.dev/v1alpha2',
};

/**
 * Every kind of the kagent.dev group that kagent v0.10 or kmcp v0.3 defines. A kagent.dev
 * object of another kind is a typo (`Agnet`) that no cluster would accept; one of these that
 * is not rendered above is only read past (and passed through by the KRM function and Argo CD).
 */
export const KNOWN_KAGENT_KINDS: ReadonlySet<string> = new Set([
  'Agent',
  'AgentHarness',
  'Memory',
  'ModelConfig',
  'ModelProviderConfig',
  'RemoteMCPServer',
  'SandboxAgent',
  'ToolServer',
  'MCPServer',
]);
