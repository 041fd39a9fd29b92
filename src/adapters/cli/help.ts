export const HELP = `kagent-render — render kagent Agents and kmcp MCPServers into plain Kubernetes objects, offline.

Usage:
  kagent-render build [PATH...] [-o DIR] [--check] [--format yaml|json] [--profile gitops|controller]
                      [--agent NS/NAME]... [--validate strict|warn] [--crd-defaults|--no-crd-defaults]
                      [--namespace NS] [--proxy-url URL] [--default-service-account NAME] [settings flags]
  kagent-render validate [PATH...]     inputs only: schema, references, lint
  kagent-render graph [PATH...]        Mermaid graph: Agent → tools and ModelConfigs → TLS Secrets, ConfigMaps
  kagent-render krm                    KRM function: ResourceList on stdin, ResourceList on stdout
  kagent-render argocd discover|generate   Argo CD config management plugin commands
  kagent-render kustomize-plugin CONFIG   kustomize legacy exec plugin (KUSTOMIZE_PLUGIN_HOME)
  kagent-render pre-commit [--output DIR] [--check] [PATH...]   pre-commit hook

Build flags:
  -o, --output DIR              write one file per source object plus kustomization.yaml into DIR
  --check                       with -o: write nothing; exit 1 with a diff when DIR is out of date
  --format yaml|json            stdout format (json: one v1 List)
  --profile gitops|controller   gitops (default) or controller parity
  --agent NS/NAME               render only this Agent (repeatable)
  --validate strict|warn        schema findings are errors (strict) or warnings (warn)
  --crd-defaults, --no-crd-defaults   apply CRD defaults before expansion
  --namespace NS                namespace for objects without one (default "default")
  --controller-url URL          KAGENT_URL of agent pods and base of SandboxAgent tool URLs
                                (default http://kagent-controller.kagent:8083)
  --image-registry REG          registry of the agent images (default ghcr.io)
  --image-tag TAG               tag of the agent images (default dev)
  --proxy-url URL               send in-cluster MCP and agent tools through this proxy (x-kagent-host header)
  --default-service-account SA  ServiceAccount for agents that name none
  --image-pull-secret NAME      image pull Secret added to every agent pod
  --otel-env K=V[,K=V]          OTEL_* variables for every agent pod (repeatable)
  --default-agent-pod-labels K=V[,K=V]   labels for every agent pod (repeatable)
  --mcp-egress-plaintext        RemoteMCPServer tools not sent to the proxy dial http://host:port/path
                                (the controller's MCP_EGRESS_PLAINTEXT; TLS is left to a mesh)
  --default-agent-node-selector K=V[,K=V]   nodeSelector of every agent pod; the agent's own keys win (repeatable)
  --agent-bind-host HOST        --host argument of Declarative agent containers (default 0.0.0.0)
  --ui-url URL                  KAGENT_UI_URL of agent pods (default unset)
  --keep-inputs                 KRM: keep the kagent objects beside what they expand to
  --allow-secret-values         allow copying Secret values from the input into output

Settings also come from kagent-render.yaml in the current directory (flags win).
Exit codes: 0 ok, 1 invalid input or out of date, 2 usage error.
`;
