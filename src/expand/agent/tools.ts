/**
 * MCP tools of a Declarative Agent → http_tools / sse_tools entries, plus the TLS volumes
 * and mounts they need (kagent adk_api_translator.go translateMCPServerTarget /
 * translateRemoteMCPServerTarget, conversion.go; reference §4, §5) — and this product's
 * MCPServer client-certificate wiring (SPEC §3.1).
 */
import type { InputObject } from '../../model/source.js';
import { markFrom } from '../../model/provenance.js';
import { durationSeconds } from '../../go/duration.js';
import { matchesLabelSelector } from '../k8s/selector.js';
import { shown } from '../../diagnostics/format.js';
import { goMap } from '../../go/json.js';
import { mcpServerUrlPath } from '../profile.js';
import type { AgentContext } from './context.js';
import { isInClusterUrl, namespaceInInput, routeToolUrl } from './proxy.js';
import { egressUrl } from './egress.js';
import { caBundle, clientCertificate, type TlsMount } from './tls.js';
import { lookup, resolveHeaders } from './values.js';

type Obj = Record<string, any>;

export interface ToolsPlan {
  httpTools: Obj[];
  sseTools: Obj[];
  /** RemoteAgentConfig entries (reference §6.4), for tools of type Agent. */
  remoteAgents: Obj[];
  volumes: Obj[];
  mounts: Obj[];
}

export function compileTools(ctx: AgentContext, tools: unknown): ToolsPlan {
  const plan: ToolsPlan = { httpTools: [], sseTools: [], remoteAgents: [], volumes: [], mounts: [] };
  if (!Array.isArray(tools)) return plan;
  tools.forEach((tool: Obj, i) => {
    const base = ['spec', 'declarative', 'tools', i];
    if (tool?.mcpServer) compileMcpTool(ctx, plan, tool, base);
    else if (tool?.agent) compileAgentTool(ctx, plan, tool, base);
    else if (tool?.type === 'Agent')
      ctx.error(base, 'tool-target-required', 'tool must have an agent reference: set agent.name');
    else ctx.error(base, 'tool-target-required', 'tool must have a provider or tool server: set mcpServer or agent');
  });
  return plan;
}

function compileMcpTool(ctx: AgentContext, plan: ToolsPlan, tool: Obj, base: (string | number)[]): void {
  const ref: Obj = tool.mcpServer;
  const path = [...base, 'mcpServer'];
  const kind: string = ref.kind || 'MCPServer';
  const group: string = ref.apiGroup ?? '';
  const namespace: string = ref.namespace || ctx.agent.namespace;
  const name = String(ref.name ?? '');
  const headers: Record<string, string> = {};
  let params: Obj;
  let sse = false;

  const isMcpServer = kind === 'MCPServer' && (group === '' || group === 'kagent.dev');
  const isService = kind === 'Service' && (group === '' || group === 'core');
  // The reconciler rejects these before fetching them (reference §4.7).
  if ((isMcpServer || isService) && namespace !== ctx.agent.namespace) {
    ctx.error(
      [...path, 'namespace'],
      'ref-cross-namespace',
      `cross-namespace reference to ${kind} ${namespace}/${name} is not allowed from namespace ${ctx.agent.namespace}: ${kind} does not support cross-namespace references`,
    );
    return;
  }
  if (isMcpServer) {
    const server = lookup(ctx, ctx.agent, [...path, 'name'], 'MCPServer', namespace, name);
    if (!server) return;
    const spec: Obj = server.body.spec ?? {};
    const port = Number(spec.deployment?.port ?? 0);
    if (!port) {
      ctx.errorIn(
        server,
        ['spec', 'deployment', 'port'],
        'mcpserver-port-required',
        `cannot determine port for MCP server ${name}`,
      );
      return;
    }
    const tls: Obj | undefined = spec.httpTransport?.tls;
    const scheme = tls?.secretRef ? 'https' : 'http';
    const urlPath = mcpServerUrlPath(ctx.settings, spec.transportType, spec.httpTransport?.path);
    resolveHeaders(ctx, ctx.agent, [...base, 'headersFrom'], tool.headersFrom, ctx.agent.namespace, headers);
    const url = routeToolUrl(
      ctx,
      path,
      `${scheme}://${server.name}.${server.namespace}:${port}${urlPath}`,
      true,
      headers,
    );
    if (url === undefined) return;
    params = { url, headers: goMap(headers), timeout: durationSeconds(String(spec.timeout ?? '30s')) ?? 30 };
    if (tls?.secretRef) {
      const cert = clientCertificate(tls);
      addVolume(plan, cert.mount, server, ['spec', 'httpTransport', 'tls', 'secretRef']);
      Object.assign(params, cert.fields);
    }
  } else if (kind === 'RemoteMCPServer' && (group === '' || group === 'kagent.dev')) {
    const rms = lookup(ctx, ctx.agent, [...path, 'name'], 'RemoteMCPServer', namespace, name);
    if (!rms) return;
    if (namespace !== ctx.agent.namespace && !allowsNamespace(ctx, rms, ctx.agent.namespace)) {
      ctx.error(
        [...path, 'namespace'],
        'ref-cross-namespace',
        `cross-namespace reference to RemoteMCPServer ${namespace}/${name} is not allowed from namespace ${ctx.agent.namespace}; set spec.allowedNamespaces on that RemoteMCPServer`,
      );
      return;
    }
    const spec: Obj = rms.body.spec ?? {};
    resolveHeaders(ctx, rms, ['spec', 'headersFrom'], spec.headersFrom, rms.namespace, headers);
    resolveHeaders(ctx, ctx.agent, [...base, 'headersFrom'], tool.headersFrom, ctx.agent.namespace, headers);
    sse = spec.protocol === 'SSE';
    const tls = caBundle(spec.tls);
    const rawUrl = String(spec.url ?? '');
    // Only in-cluster RemoteMCPServers go through the proxy (reference §4.4 step 2).
    const inCluster = ctx.settings.proxyUrl !== '' && isInClusterUrl(rawUrl, (ns) => namespaceInInput(ctx.index, ns));
    const url = routeToolUrl(ctx, path, rawUrl, inCluster, headers);
    if (url === undefined) return;
    // Egress comes after the proxy (reference §4.4 step 2); it replaces the SPEC §3.1 scheme fix
    // for every URL it rewrites, and that fix still applies to one it leaves alone.
    const egress = ctx.settings.mcpEgressPlaintext && !inCluster ? egressUrl(url, spec.tls != null) : url;
    params = { url: withScheme(egress, tls !== undefined), headers: goMap(headers) };
    if (spec.timeout !== undefined) params.timeout = durationSeconds(String(spec.timeout));
    if (spec.sseReadTimeout !== undefined) params.sse_read_timeout = durationSeconds(String(spec.sseReadTimeout));
    if (!sse && spec.terminateOnClose !== undefined && spec.terminateOnClose !== null)
      params.terminate_on_close = spec.terminateOnClose;
    if (tls) {
      if (tls.mount) addVolume(plan, tls.mount, rms, ['spec', 'tls', 'caCertSecretRef']);
      Object.assign(params, tls.fields);
    }
  } else if (isService) {
    const svc = lookup(ctx, ctx.agent, [...path, 'name'], 'Service', namespace, name);
    if (!svc) return;
    const url = serviceUrl(ctx, svc);
    if (!url) return;
    sse = url.protocol === 'SSE';
    resolveHeaders(ctx, ctx.agent, [...base, 'headersFrom'], tool.headersFrom, ctx.agent.namespace, headers);
    const routed = routeToolUrl(ctx, path, url.url, true, headers);
    if (routed === undefined) return;
    params = { url: routed, headers: goMap(headers) };
  } else {
    ctx.error([...path, 'kind'], 'tool-kind-unsupported', `unknown tool server type: ${shown(kind)}.${shown(group)}`);
    return;
  }
  for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
  const entry: Obj = { params };
  if (Array.isArray(ref.toolNames) && ref.toolNames.length > 0) entry.tools = ref.toolNames;
  if (Array.isArray(ref.allowedHeaders) && ref.allowedHeaders.length > 0) entry.allowed_headers = ref.allowedHeaders;
  if (Array.isArray(ref.requireApproval) && ref.requireApproval.length > 0)
    entry.require_approval = ref.requireApproval;
  (sse ? plan.sseTools : plan.httpTools).push(entry);
}

/** Longest chain of agents calling agents the controller accepts (validateAgent). */
const MAX_AGENT_TOOL_DEPTH = 10;

/**
 * A tool of type Agent → a `remote_agents` entry (reference §4.5): the sub-agent is called
 * over A2A at its Service, a SandboxAgent through the controller; only its name, namespace
 * and description are read, so a broken sub-agent does not fail this one. The chain of agent tools must end (no cycle, depth ≤ 10),
 * and a sub-agent in another namespace must allow this one (§4.7).
 */
function compileAgentTool(ctx: AgentContext, plan: ToolsPlan, tool: Obj, base: (string | number)[]): void {
  const ref: Obj = tool.agent;
  const path = [...base, 'agent'];
  const kind = ref.kind || 'Agent';
  const namespace: string = ref.namespace || ctx.agent.namespace;
  const name = String(ref.name ?? '');
  const self = `${ctx.agent.namespace}/${ctx.agent.name}`;
  if (kind !== 'Agent' && kind !== 'SandboxAgent') {
    ctx.error(
      [...path, 'kind'],
      'tool-kind-unsupported',
      `unsupported agent tool kind "${shown(kind)}" for agent ${self}`,
    );
    return;
  }
  if (kind === 'Agent' && `${namespace}/${name}` === self) {
    ctx.error([...path, 'name'], 'agent-tool-chain', `agent tool cannot be used to reference itself, ${self}`);
    return;
  }
  const target = lookup(ctx, ctx.agent, [...path, 'name'], kind, namespace, name);
  if (!target) return;
  if (namespace !== ctx.agent.namespace && !allowsNamespace(ctx, target, ctx.agent.namespace)) {
    ctx.error(
      [...path, 'namespace'],
      'ref-cross-namespace',
      `cross-namespace reference to ${kind === 'Agent' ? 'agent' : kind} ${namespace}/${name} is not allowed from namespace ${ctx.agent.namespace}; set spec.allowedNamespaces on that ${kind}`,
    );
    return;
  }
  // The walk goes only into Declarative Agents: a SandboxAgent ends the chain.
  const chainProblem = kind === 'Agent' ? agentChainProblem(ctx, [self, `${namespace}/${name}`]) : undefined;
  if (chainProblem) {
    ctx.error([...path, 'name'], 'agent-tool-chain', chainProblem);
    return;
  }
  const headers: Record<string, string> = {};
  resolveHeaders(ctx, ctx.agent, [...base, 'headersFrom'], tool.headersFrom, ctx.agent.namespace, headers);
  const url = routeToolUrl(
    ctx,
    path,
    kind === 'Agent'
      ? `http://${name}.${namespace}:8080`
      : sandboxAgentUrl(ctx.settings.controllerUrl, namespace, name),
    true,
    headers,
  );
  if (url === undefined) return;
  const entry: Obj = { name: `${namespace}/${name}`.replace(/-/g, '_').replace(/\//g, '__NS__'), url };
  if (Object.keys(headers).length > 0) entry.headers = goMap(headers);
  const description = (target.body.spec as Obj)?.description;
  if (typeof description === 'string' && description !== '') entry.description = description;
  if (tool.isolateSessions === true) entry.isolate_sessions = true;
  plan.remoteAgents.push(entry);
}

/**
 * A SandboxAgent is called through the controller's A2A endpoint for sandboxes (reference
 * §4.5); the controller URL is the one agents get as KAGENT_URL (a trailing `/` is not doubled).
 */
export function sandboxAgentUrl(controllerUrl: string, namespace: string, name: string): string {
  return `${controllerUrl.replace(/\/+$/, '')}/api/a2a-sandboxes/${namespace}/${name}`;
}

/**
 * Agents whose walk found nothing, with the longest chain they were reached at: the walk from
 * there ends within the depth limit and reaches no cycle, so a later visit at a chain no longer
 * than that finds nothing either (a chain node reachable from it would close a cycle the first
 * walk had found). One table per input index keeps the check linear in the agent-tool edges
 * (ten layers of 8 agents each using the next layer: 10^8 paths without it).
 */
const cleanAt = new WeakMap<object, Map<string, number>>();

/** Calls of the chain walk, for the test that proves it linear (a step count, not a clock). */
export const agentChainSteps = { count: 0 };

/** The controller's walk over agent tools (Declarative agents only): a cycle or a chain deeper than 10. */
function agentChainProblem(ctx: AgentContext, chain: string[]): string | undefined {
  agentChainSteps.count++;
  if (chain.length > MAX_AGENT_TOOL_DEPTH + 1)
    return `recursion limit reached in agent tool chain: ${chain.join(' -> ')}`;
  const current = chain[chain.length - 1]!;
  let clean = cleanAt.get(ctx.index);
  if (!clean) cleanAt.set(ctx.index, (clean = new Map()));
  if ((clean.get(current) ?? 0) >= chain.length) return undefined;
  const [namespace, name] = current.split('/') as [string, string];
  const agent = ctx.index.get('Agent', namespace, name);
  const spec: Obj = (agent?.body.spec as Obj) ?? {};
  if (!agent || spec.type !== 'Declarative') return undefined;
  for (const tool of (spec.declarative?.tools ?? []) as Obj[]) {
    if (!tool?.agent || (tool.agent.kind && tool.agent.kind !== 'Agent')) continue;
    const next = `${tool.agent.namespace || namespace}/${tool.agent.name}`;
    if (chain.includes(next)) return `cycle detected in agent tool chain: ${[...chain, next].join(' -> ')}`;
    const deeper = agentChainProblem(ctx, [...chain, next]);
    if (deeper) return deeper;
  }
  clean.set(current, chain.length);
  return undefined;
}

/** `spec.allowedNamespaces` of an Agent or RemoteMCPServer target (nil or Same: same namespace only; All; Selector on the source Namespace's labels). */
function allowsNamespace(ctx: AgentContext, target: InputObject, from: string): boolean {
  const allowed: Obj | undefined = (target.body.spec as Obj)?.allowedNamespaces;
  if (allowed?.from === 'All') return true;
  if (allowed?.from !== 'Selector') return false;
  const ns = ctx.index.list('Namespace').find((n) => n.name === from);
  const labels: Record<string, string> = ((ns?.body.metadata as Obj)?.labels as Record<string, string>) ?? {};
  return ns !== undefined && matchesLabelSelector(allowed.selector, labels);
}

/** The volume names of each plan, so adding a volume stays O(1) with thousands of tools. */
const volumeNames = new WeakMap<ToolsPlan, Set<unknown>>();

/** Adds a TLS volume once per name, marked with the input field that names its Secret (output checks report there). */
function addVolume(plan: ToolsPlan, { volume, mount }: TlsMount, from: InputObject, field: string[]): void {
  let names = volumeNames.get(plan);
  if (!names) volumeNames.set(plan, (names = new Set(plan.volumes.map((v) => v.name))));
  if (names.has(volume.name)) return;
  names.add(volume.name);
  plan.volumes.push(markFrom(volume, from.origin, field));
  plan.mounts.push(markFrom(mount, from.origin, field));
}

/**
 * SPEC §3.1 point 1: a URL without a scheme gets https:// when TLS is configured and
 * http:// otherwise — never the malformed `https:host:port` of the seed PR.
 */
export function withScheme(url: string, tls: boolean): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)) return url;
  return `${tls ? 'https' : 'http'}://${url.replace(/^\/\//, '')}`;
}

/** kagent conversion.go ConvertServiceToRemoteMCPServer (reference §4.3). */
function serviceUrl(ctx: AgentContext, svc: InputObject): { url: string; protocol: string } | undefined {
  const ann: Obj = (svc.body.metadata as Obj)?.annotations ?? {};
  const protocol = ann['kagent.dev/mcp-service-protocol'] === 'SSE' ? 'SSE' : 'STREAMABLE_HTTP';
  const path = ann['kagent.dev/mcp-service-path'] ?? '/mcp';
  let port: number | undefined;
  const annPort = ann['kagent.dev/mcp-service-port'];
  if (annPort !== undefined) {
    // Go strconv.Atoi: an optional sign, then decimal digits.
    if (!/^[+-]?\d+$/.test(String(annPort))) {
      ctx.errorIn(
        svc,
        ['metadata', 'annotations', 'kagent.dev/mcp-service-port'],
        'service-port-invalid',
        `port in annotation kagent.dev/mcp-service-port is not a valid integer: ${annPort}`,
      );
      return undefined;
    }
    port = Number(annPort);
  } else {
    const ports: Obj[] = (svc.body.spec as Obj)?.ports ?? [];
    const chosen =
      ports.length === 1 ? ports[0] : ports.find((p) => String(p.appProtocol ?? '').toLowerCase() === 'mcp');
    if (!chosen) {
      ctx.errorIn(
        svc,
        ['spec', 'ports'],
        'service-port-missing',
        `no port found for service ${svc.name} with protocol ${protocol}`,
      );
      return undefined;
    }
    port = Number(chosen.port);
  }
  return { url: `http://${svc.name}.${svc.namespace}:${port}${path}`, protocol };
}
