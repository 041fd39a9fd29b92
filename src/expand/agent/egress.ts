/**
 * Plaintext MCP egress (`--mcp-egress-plaintext`, the controller's MCP_EGRESS_PLAINTEXT;
 * kagent go/core/pkg/egress/egress.go, reference §4.4 step 2 and §5.6): a RemoteMCPServer
 * URL becomes `http://host:port/path?query#fragment`, the port made explicit from the
 * effective scheme, so that a mesh sidecar can originate TLS. Parsing follows Go net/url,
 * and the URL is re-serialised as Go's `URL.String()` would, because the output must be
 * byte for byte the controller's.
 */
import { goEscaped, hostOf, parseGoUrl, portOf, splitUrl, userinfoOf } from '../../go/url.js';

/** The pieces of a URL that the rewrite keeps, as written. */
interface UrlParts {
  scheme: string;
  /** `user[:password]@` as written, or "". */
  userinfo: string;
  /** `URL.Hostname()`: no brackets, no port. */
  hostname: string;
  /** `URL.Port()`, or "". */
  port: string;
  rawPath: string;
  rawQuery: string;
  rawFragment: string | undefined;
}

/** egress.go parse: a URL without `://` is read as `//` + url, i.e. `host[:port]/path`. */
function parseEgressUrl(raw: string): UrlParts | undefined {
  const url = raw.includes('://') ? raw : `//${raw}`;
  const parsed = parseGoUrl(url);
  if (typeof parsed === 'string') return undefined;
  const { authority, rawPath, rawQuery, rawFragment } = splitUrl(url);
  // An opaque URL (`mailto:x`, `http:host`) has no host: no port either, so it is left alone.
  if (authority === undefined)
    return { scheme: parsed.scheme, userinfo: '', hostname: '', port: '', rawPath, rawQuery, rawFragment };
  return {
    scheme: parsed.scheme,
    userinfo: userinfoOf(authority),
    hostname: parsed.hostname,
    port: portOf(hostOf(authority)),
    rawPath,
    rawQuery,
    rawFragment,
  };
}

/**
 * EffectiveScheme: `https` when the RemoteMCPServer has a `tls` block (even `{}`) or the URL
 * says https, else `http`.
 */
export function effectiveScheme(url: string, hasTls: boolean): 'http' | 'https' {
  return schemeOf(parseEgressUrl(url), hasTls);
}

/** EffectivePort: the explicit port, else 443 (https) or 80 (http); 0 for no host, an unparseable URL or a port outside 1–65535. */
export function effectivePort(url: string, hasTls: boolean): number {
  return portFor(parseEgressUrl(url), hasTls);
}

function schemeOf(u: UrlParts | undefined, hasTls: boolean): 'http' | 'https' {
  return hasTls || u?.scheme === 'https' ? 'https' : 'http';
}

function portFor(u: UrlParts | undefined, hasTls: boolean): number {
  if (!u || u.hostname === '') return 0;
  if (u.port === '') return schemeOf(u, hasTls) === 'https' ? 443 : 80;
  const port = Number(u.port);
  return port >= 1 && port <= 65535 ? port : 0;
}

/**
 * RewriteURL: `http://host:<effective port><path>` keeping path, query and fragment; IPv6
 * hosts bracketed; a non-http(s) scheme, or a URL with no usable host and port, unchanged.
 */
export function egressUrl(url: string, hasTls: boolean): string {
  const u = parseEgressUrl(url);
  if (!u || (u.scheme !== '' && u.scheme !== 'http' && u.scheme !== 'https')) return url;
  const port = portFor(u, hasTls);
  if (port === 0) return url;
  const host = u.hostname.includes(':') ? `[${u.hostname}]` : u.hostname;
  const fragment = u.rawFragment === undefined ? '' : `#${goEscaped(u.rawFragment, 'fragment')}`;
  return `http://${u.userinfo}${host}:${port}${goEscaped(u.rawPath, 'path')}${u.rawQuery}${fragment}`;
}
