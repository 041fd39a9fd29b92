/**
 * CRD defaults, applied as the API server would before a controller sees the object
 * (kmcp.md §1.5, kagent-translator.md §1–§2). Only where the parent object exists.
 */
type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function setDefault(o: Obj | undefined, key: string, value: unknown): void {
  if (o && o[key] === undefined) o[key] = value;
}

function defaultNames(list: unknown): void {
  if (Array.isArray(list)) for (const item of list) setDefault(obj(item), 'name', '');
}

export function applyCrdDefaults(kind: string, body: Obj): Obj {
  return applyCrdDefaultsInPlace(kind, structuredClone(body));
}

/** The same, writing into `body`: for the pipeline, whose bodies are fresh from the parser and its own. */
export function applyCrdDefaultsInPlace(kind: string, body: Obj): Obj {
  const spec = obj(body.spec);
  if (!spec) return body;
  switch (kind) {
    case 'MCPServer': {
      const d = obj(spec.deployment);
      setDefault(d, 'port', 3000);
      setDefault(d, 'replicas', 1);
      if (d) {
        defaultNames(d.secretRefs);
        defaultNames(d.configMapRefs);
        defaultNames(d.imagePullSecrets);
      }
      setDefault(spec, 'timeout', '30s');
      setDefault(obj(obj(spec.httpTransport)?.tls), 'insecureSkipVerify', false);
      break;
    }
    case 'Agent': {
      setDefault(spec, 'type', 'Declarative');
      const decl = obj(spec.declarative);
      setDefault(decl, 'runtime', 'go');
      const compaction = obj(obj(decl?.context)?.compaction);
      setDefault(compaction, 'compactionInterval', 5);
      setDefault(compaction, 'overlapSize', 2);
      setDefault(obj(spec.allowedNamespaces), 'from', 'Same');
      break;
    }
    case 'ModelConfig': {
      setDefault(spec, 'provider', 'OpenAI');
      setDefault(obj(spec.openAI), 'apiFormat', 'chatCompletions');
      const bedrock = obj(spec.bedrock);
      setDefault(bedrock, 'promptCaching', false);
      setDefault(bedrock, 'cacheTTL', '5m');
      setDefault(obj(bedrock?.guardrail), 'trace', 'disabled');
      setDefault(obj(spec.sapAICore), 'resourceGroup', 'default');
      setDefault(obj(spec.foundry), 'apiVersion', '2024-10-21');
      defaultTls(spec.tls);
      break;
    }
    case 'RemoteMCPServer': {
      setDefault(spec, 'protocol', 'STREAMABLE_HTTP');
      setDefault(spec, 'timeout', '30s');
      setDefault(spec, 'terminateOnClose', true);
      setDefault(obj(spec.allowedNamespaces), 'from', 'Same');
      defaultTls(spec.tls);
      break;
    }
  }
  return body;
}

function defaultTls(tls: unknown): void {
  const t = obj(tls);
  setDefault(t, 'disableVerify', false);
  setDefault(t, 'disableSystemCAs', false);
}
