/**
 * Proxy mode (`--proxy-url`, the controller's PROXY_URL; reference §4.4 step 2, §4.5): tool
 * URLs of in-cluster targets are sent to the proxy, which routes them by the
 * `x-kagent-host` header. URL handling follows Go net/url, because the controller parses
 * both URLs with `url.Parse` and the output must be byte for byte the same.
 */
import type { FieldPath } from '../../model/source.js';
import type { ObjectIndex } from '../../index/objects.js';
import type { AgentContext } from './context.js';
import { parseGoUrl, type GoUrl } from '../../go/url.js';

/** The header that carries the original host to the proxy (overwrites a user header of that name). */
export const PROXY_HOST_HEADER = 'x-kagent-host';

/**
 * The controller's applyProxyURL: `<proxy scheme>://<proxy host><original path>` (the
 * target's host, port, query and the proxy's own path are dropped) and the original
 * hostname for the `x-kagent-host` header.
 */
export function proxiedUrl(target: string, proxy: GoUrl): { url: string; host: string } | string {
  const original = parseGoUrl(target);
  if (typeof original === 'string') return original;
  return { url: `${proxy.scheme}://${proxy.host}${original.path}`, host: original.hostname };
}

/**
 * The proxy URL, or why it cannot be one. Upstream would splice a proxy without scheme or
 * host into every tool URL (`proxy.kagent://` + path); that is refused here instead.
 */
export function parseProxyUrl(proxyUrl: string): GoUrl | string {
  const proxy = parseGoUrl(proxyUrl);
  if (typeof proxy === 'string') return proxy;
  if (proxy.scheme === '' || proxy.host === '') return 'it needs a scheme and a host, e.g. http://proxy.kagent:8080';
  return proxy;
}

/**
 * Whether a RemoteMCPServer URL points into the cluster, so the proxy applies to it (the
 * controller's isInternalK8sURL): a hostname ending in `.svc.cluster.local`, or exactly
 * `name.namespace` with that Namespace existing. A URL Go cannot parse, or a scheme-less one
 * (no host), is never internal.
 */
export function isInClusterUrl(url: string, namespaceExists: (namespace: string) => boolean): boolean {
  const u = parseGoUrl(url);
  if (typeof u === 'string') return false;
  if (u.hostname.endsWith('.svc.cluster.local')) return true;
  const labels = u.hostname.split('.');
  return labels.length === 2 && namespaceExists(labels[1]!);
}

/** Kinds whose presence in a namespace proves it exists (the objects the index holds). */
const NAMESPACED_KINDS = [
  'Agent',
  'SandboxAgent',
  'ModelConfig',
  'RemoteMCPServer',
  'MCPServer',
  'Secret',
  'ConfigMap',
  'Service',
];

/**
 * Offline stand-in for the controller's Namespace read: a Namespace object in the input, or
 * any input object in that namespace (it could not exist in a cluster otherwise).
 */
export function namespaceInInput(index: ObjectIndex, namespace: string): boolean {
  let known = namespacesOfInput.get(index);
  if (!known) {
    // Once per input, not per tool: every RemoteMCPServer tool behind a proxy asks.
    known = new Set(index.list('Namespace').map((n) => n.name));
    for (const kind of NAMESPACED_KINDS) for (const o of index.list(kind)) known.add(o.namespace);
    namespacesOfInput.set(index, known);
  }
  return known.has(namespace);
}

const namespacesOfInput = new WeakMap<ObjectIndex, Set<string>>();

/**
 * The URL an agent dials for a tool: through the proxy when one is set and the target is in
 * the cluster, with the original hostname added to `headers` as `x-kagent-host`; the URL
 * itself otherwise. Undefined after reporting why the proxy cannot be used.
 */
export function routeToolUrl(
  ctx: AgentContext,
  path: FieldPath,
  url: string,
  inCluster: boolean,
  headers: Record<string, string>,
): string | undefined {
  if (!ctx.settings.proxyUrl || !inCluster) return url;
  const proxy = parseProxyUrl(ctx.settings.proxyUrl);
  if (typeof proxy === 'string') {
    ctx.error(
      path,
      'proxy-url-invalid',
      `the proxy URL ${JSON.stringify(ctx.settings.proxyUrl)} (--proxy-url, proxyUrl) cannot be used: ${proxy}`,
    );
    return undefined;
  }
  const routed = proxiedUrl(url, proxy);
  if (typeof routed === 'string') {
    ctx.error(
      path,
      'proxy-url-invalid',
      `failed to parse original URL ${JSON.stringify(url)} to send it through --proxy-url: ${routed}`,
    );
    return undefined;
  }
  headers[PROXY_HOST_HEADER] = routed.host;
  return routed.url;
}
