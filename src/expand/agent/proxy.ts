/**
 * Proxy mode (`--proxy-url`, the controller's PROXY_URL; reference §4.4 step 2, §4.5): tool
 * URLs of in-cluster targets are sent to the proxy, which routes them by the
 * `x-kagent-host` header. URL handling follows Go net/url, because the controller parses
 * both URLs with `url.Parse` and the output must be byte for byte the same.
 */
import type { FieldPath } from '../../model/source.js';
import type { ObjectIndex } from '../../resolve/index.js';
import type { AgentContext } from './context.js';

/** The header that carries the original host to the proxy (overwrites a user header of that name). */
export const PROXY_HOST_HEADER = 'x-kagent-host';

/** The parts of a Go `*url.URL` that proxy mode reads. */
export interface GoUrl {
  /** Lower-cased, as url.Parse stores it. */
  scheme: string;
  /** `host[:port]`, without userinfo (`URL.Host`). */
  host: string;
  /** `URL.Hostname()`: no port, no IPv6 brackets. */
  hostname: string;
  /** Percent-decoded path (`URL.Path`); "" for an opaque URL such as the scheme-less `host:8080/mcp`. */
  path: string;
}

/** Go url.Parse; a string is the reason Go would return an error. */
export function parseGoUrl(raw: string): GoUrl | string {
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'invalid control character in URL';
  const hash = raw.indexOf('#');
  const beforeFragment = hash < 0 ? raw : raw.slice(0, hash);
  if (hash >= 0 && unescapePath(raw.slice(hash + 1)) === undefined) return 'invalid URL escape in fragment';
  let scheme = '';
  let rest = beforeFragment;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(beforeFragment);
  if (beforeFragment.startsWith(':')) return 'missing protocol scheme';
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = beforeFragment.slice(m[0].length);
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, host: '', hostname: '', path: '' };
    if ((rest.split('/')[0] ?? '').includes(':')) return 'first path segment in URL cannot contain colon';
  }
  let host = '';
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const parsed = parseHost(authority.slice(authority.lastIndexOf('@') + 1));
    if (parsed === undefined) return `invalid host in "${authority}"`;
    host = parsed;
  }
  const path = unescapePath(rest);
  if (path === undefined) return 'invalid URL escape in path';
  return { scheme, host, hostname: hostnameOf(host), path };
}

/** `url.parseHost`: brackets for IPv6, an optional all-digit port, only host characters. */
function parseHost(host: string): string | undefined {
  let colonPort: string;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return undefined;
    colonPort = host.slice(close + 1);
  } else {
    const colon = host.lastIndexOf(':');
    colonPort = colon < 0 ? '' : host.slice(colon);
  }
  if (!validOptionalPort(colonPort)) return undefined;
  if (/[^A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%\x80-\uffff]/.test(host)) return undefined;
  return host;
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:\d*$/.test(port);
}

function hostnameOf(host: string): string {
  const colon = host.lastIndexOf(':');
  const name = colon >= 0 && validOptionalPort(host.slice(colon)) ? host.slice(0, colon) : host;
  return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
}

/** Percent-decoding as Go's `unescape(s, encodePath)`: `+` stays, a bad escape is an error. */
function unescapePath(s: string): string | undefined {
  if (!s.includes('%')) return s;
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

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
const NAMESPACED_KINDS = ['Agent', 'SandboxAgent', 'ModelConfig', 'RemoteMCPServer', 'MCPServer', 'Secret', 'ConfigMap', 'Service'];

/**
 * Offline stand-in for the controller's Namespace read: a Namespace object in the input, or
 * any input object in that namespace (it could not exist in a cluster otherwise).
 */
export function namespaceInInput(index: ObjectIndex, namespace: string): boolean {
  if (index.list('Namespace').some((n) => n.name === namespace)) return true;
  return NAMESPACED_KINDS.some((kind) => index.list(kind).some((o) => o.namespace === namespace));
}

/**
 * The URL an agent dials for a tool: through the proxy when one is set and the target is in
 * the cluster, with the original hostname added to `headers` as `x-kagent-host`; the URL
 * itself otherwise. Undefined after reporting why the proxy cannot be used.
 */
export function routeToolUrl(ctx: AgentContext, path: FieldPath, url: string, inCluster: boolean, headers: Record<string, string>): string | undefined {
  if (!ctx.settings.proxyUrl || !inCluster) return url;
  const proxy = parseProxyUrl(ctx.settings.proxyUrl);
  if (typeof proxy === 'string') {
    ctx.error(path, 'proxy-url-invalid', `the proxy URL ${JSON.stringify(ctx.settings.proxyUrl)} (--proxy-url, proxyUrl) cannot be used: ${proxy}`);
    return undefined;
  }
  const routed = proxiedUrl(url, proxy);
  if (typeof routed === 'string') {
    ctx.error(path, 'proxy-url-invalid', `failed to parse original URL ${JSON.stringify(url)} to send it through --proxy-url: ${routed}`);
    return undefined;
  }
  headers[PROXY_HOST_HEADER] = routed.host;
  return routed.url;
}
