/** The kagent kinds this renderer reads, at the versions it reads (the storage versions of the CRDs in ../shared/crds). */
export const SUPPORTED_VERSIONS: Readonly<Record<string, string>> = {
  Agent: 'kagent.dev/v1alpha2',
  ModelConfig: 'kagent.dev/v1alpha2',
  RemoteMCPServer: 'kagent.dev/v1alpha2',
  MCPServer: 'kagent.dev/v1alpha1',
};
