/**
 * Every rule a diagnostic can carry, with what it means. `Diagnostic.rule` is typed by this
 * table, so a new rule cannot be emitted without a row here; test/rules.test.ts checks that
 * each row has a case that triggers it (a fixture, a hostile case or, for checks of our own
 * output, a unit test) and a row in docs/errors.md.
 */
export const RULES = {
  // Reading files
  'read-unreadable': 'a file cannot be read (permissions, a device or pipe)',
  'read-file-too-large': 'a file is larger than the per-file limit (16 MiB)',
  'read-symlink-escape': 'warning: a symlink points outside the directory being read; not followed',
  'read-symlink-skipped': 'warning: a symlinked directory, or a symlink that loops or points nowhere; not followed',
  // YAML
  'yaml-syntax': 'the file is not valid YAML (the message never quotes the source)',
  'yaml-invalid-utf8': 'the file is not UTF-8; the message gives the byte offset',
  'yaml-duplicate-key': 'a mapping has the same key twice; both lines are named',
  'yaml-alias-limit': 'aliases expand more than 100 times, or past the file-size limit',
  'yaml-too-deep': 'a document nests deeper than 100 levels',
  'yaml-unsupported':
    'YAML kubectl cannot send as JSON: .inf or .nan, a null, list or map as a key, << of something not a map, a tag its value does not fit',
  'yaml-int-precision':
    'an integer beyond ±2^53 (kubectl sends it exactly; JavaScript cannot carry it); quote it if it is text',
  'json-syntax':
    'a file whose first non-space character is { is read as JSON (as kubectl reads it) and is not valid JSON',
  // Objects
  'input-missing-name': 'a kagent object has no metadata.name',
  'input-missing-type': 'a kagent object has no apiVersion or no kind',
  'input-invalid-name': 'metadata.name or the namespace is not a valid Kubernetes name',
  'input-unsupported-version': 'a kagent kind at a version this renderer does not read',
  'input-unknown-kind':
    'a kagent.dev kind that neither kagent nor kmcp defines (a typo such as Agnet); a warning with --validate warn',
  'input-kind-not-rendered':
    'warning: a kagent kind this renderer does not render (ToolServer, Memory, ...); ignored, or passed through by the KRM function and Argo CD',
  'input-sandboxagent-not-rendered':
    'warning: a SandboxAgent is read as an agent tool target, but not rendered (its objects depend on the sandbox backend)',
  'settings-invalid':
    'kagent-render.yaml, a KRM functionConfig or plugin parameters hold an unknown key or a bad value',
  // Schema (errors, or warnings with --validate warn)
  'schema-unknown-field': 'a field the CRD does not define (a typo)',
  'schema-type': 'a value of the wrong type; a number or boolean where text is wanted says to quote it',
  'schema-enum': 'a value outside the allowed set',
  'schema-required': 'a required field is missing',
  'schema-constraint': 'a value breaks a CRD constraint (length, pattern, range)',
  // CRD validation rules (CEL), as the API server would apply them
  'cel-agent-declarative-required': 'type Declarative without spec.declarative (or BYO without spec.byo)',
  'cel-allowed-namespaces-selector': 'allowedNamespaces from Selector without a selector',
  'cel-api-key-passthrough': 'apiKeyPassthrough together with apiKeySecret',
  'cel-api-key-secret': 'apiKeySecret and apiKeySecretKey must be set together',
  'cel-foundry-endpoint': 'a Foundry model without an endpoint',
  'cel-isolate-sessions': 'isolateSessions on a tool that is not an Agent',
  'cel-openai-max-tokens': 'both maxTokens and maxCompletionTokens for OpenAI',
  'cel-provider-block': 'the provider block does not match spec.provider',
  'cel-require-approval-subset': 'requireApproval names a tool not in toolNames',
  'cel-service-account-exclusive': 'serviceAccount and serviceAccountName both set',
  'cel-system-message-exclusive': 'systemMessage and systemMessageFrom both set',
  'cel-tls-ca': 'caCertSecretRef and caCertSecretKey must be set together; disableSystemCAs needs one of them',
  'cel-tls-cross-namespace': 'a RemoteMCPServer with a CA Secret must not allow other namespaces',
  'cel-tls-plain-url': 'tls on a RemoteMCPServer whose URL is http://',
  'cel-token-exchange': 'token exchange settings that do not fit together',
  'cel-tool-type': 'a tool whose type does not match the block that is set',
  'cel-value-ref': 'a header or value with both or neither of value and valueFrom',
  // Lints and controller-time checks
  'tls-on-stdio': 'httpTransport.tls on an MCPServer that is not served over HTTP',
  'tls-server-without-client-tls': 'warning: an MCPServer that looks like it serves TLS has no httpTransport.tls',
  'mcpserver-transport-required': 'an MCPServer with neither stdio nor http transport',
  'mcpserver-transport-unsupported': 'an MCPServer transport kmcp does not know',
  'mcpserver-image-required': 'an MCPServer without deployment.image',
  'mcpserver-port-required': 'an http MCPServer without deployment.port',
  'mcpserver-target-port-required': 'an http MCPServer without httpTransport.targetPort',
  'quantity-invalid':
    'a resource quantity (resources, sizeLimit, divisor) that resource.Quantity cannot parse, worded as the API server words it',
  // References
  'ref-missing':
    'a ModelConfig, MCPServer, RemoteMCPServer, Service, Secret, ConfigMap, Agent or SandboxAgent that is used is not in the input',
  'ref-missing-key': 'a key of a Secret or ConfigMap that is used is missing',
  'ref-duplicate': 'two objects with the same kind, namespace and name; every place is named',
  'agent-not-found': '--agent NS/NAME names no Agent of the input',
  'render-empty': 'build or argocd generate read input files and would emit nothing; --allow-empty if intended',
  'value-source-type': 'valueFrom.type is neither Secret nor ConfigMap',
  'secret-value-not-allowed': 'a Secret value would be copied into output; needs --allow-secret-values',
  'secret-data-invalid': 'a Secret data value that is used is not base64',
  'service-port-missing': 'a Service used as an MCP server has no port to use',
  'service-port-invalid': 'the kagent.dev/mcp-service-port annotation is not a port number',
  // Expansion
  'agent-declarative-required': 'an Agent without spec.declarative (read with --no-crd-defaults)',
  'agent-type-unknown': 'an Agent whose spec.type is neither Declarative nor BYO',
  'agent-byo-invalid': 'a BYO Agent without spec.byo.deployment or without its image',
  'agent-system-message-required': 'an Agent with neither systemMessage nor systemMessageFrom',
  'agent-prompt-template':
    'a system message template that does not parse or execute (Go text/template), or prompt data sources that clash or are not ConfigMaps',
  'template-limit': 'a system message template exceeds one of its budgets; the message names the limit',
  'agent-container-name': 'an extra container named kagent, or two with one name',
  'agent-skills-invalid':
    'a skill with a bad or duplicate directory name, a git path with .. segments, or an agent name too long for its skills ConfigMap',
  'model-provider-unsupported': 'a ModelConfig provider the translator does not know',
  'model-provider-block-required': 'a provider that needs its block (azureOpenAI, bedrock, ...) without it',
  'model-foundry-requires-go': 'a Foundry model on an agent runtime other than go',
  'model-foundry-endpoint-unresolved':
    'a Foundry endpoint that is empty, or whose optional endpointFrom key is missing',
  'model-secret-hash-invalid': 'a ModelConfig status.secretHash that is not hex',
  'tool-target-required': 'a tool with no target (mcpServer or agent)',
  'tool-kind-unsupported': 'a tool target kind the translator does not know',
  'agent-tool-chain': 'an Agent that uses itself as a tool, a cycle of agent tools, or a chain deeper than 10',
  'ref-cross-namespace':
    'a tool in another namespace that does not allow this one (spec.allowedNamespaces), or an MCPServer or Service in another namespace',
  'proxy-url-invalid':
    'with --proxy-url: the proxy URL has no scheme or host, or a tool URL to send through it cannot be parsed',
  // Checks of our own output: a failure is a bug, or an input that leads to an invalid object
  'output-schema': 'a generated object fails the strict Kubernetes schema',
  'output-duplicate-object': 'two sources generate the same object',
  'ref-name-invalid':
    'a Secret or ConfigMap named for a volume or for TLS is not a valid DNS-1123 subdomain: no such object can exist',
  // The API server's validation of the generated objects (docs/fidelity.md "What is refused")
  'apiserver-name': 'a generated object name the API server rejects (a Service name must be a DNS-1035 label)',
  'apiserver-labels':
    'a label key or value, a selector or nodeSelector entry the API server rejects, or pod labels that no longer match the selector',
  'apiserver-annotations': 'an annotation key the API server rejects, or annotations larger than 256 KiB in total',
  'apiserver-replicas': 'a negative replica count',
  'apiserver-volume-name':
    'a pod volume without a name, with a name that is not a DNS-1123 label, or with a name used twice',
  'apiserver-volume-source':
    'a volume with two sources, a Secret or ConfigMap volume without a name, a bad file mode or item path, a negative ' +
    'emptyDir sizeLimit, a service account token volume with an expiry under 10 minutes or no path',
  'apiserver-volume-mount': 'a volume mount naming no volume of the pod, a mount path used twice, or a bad subPath',
  'apiserver-container-name':
    'a container or init container without a name, with an invalid name, or with a name used twice in the pod',
  'apiserver-container-image':
    'a container without an image, or with an imagePullPolicy other than Always, IfNotPresent, Never',
  'apiserver-probe':
    'a probe with no handler or two, a negative timing, a liveness or startup successThreshold other than 1, a bad probe port, ' +
    'a terminationGracePeriodSeconds of 0 or less',
  'apiserver-container-port':
    'a container port outside 1-65535, a port name that is not an IANA service name or is used twice, a protocol other than TCP, UDP, SCTP',
  'apiserver-security-context':
    'a user or group id outside 0-2147483647, or allowPrivilegeEscalation: false with privileged: true or CAP_SYS_ADMIN',
  'apiserver-tolerations':
    'a toleration with an invalid key or value, an unknown operator or effect, or tolerationSeconds without NoExecute',
  'apiserver-env': 'an env var or envFrom entry the API server rejects (name, valueFrom, Secret/ConfigMap name or key)',
  'apiserver-resources': 'a resource request above its limit, a negative quantity, or an unknown resource name',
  'apiserver-service-account-name': 'a serviceAccountName that is not a DNS-1123 subdomain',
  'apiserver-service-port':
    'a Service port outside 1-65535, an invalid or repeated port name, or an invalid targetPort',
  'apiserver-data': 'a ConfigMap or Secret key the API server rejects, or data larger than 1 MiB',
} as const;

export type RuleId = keyof typeof RULES;
