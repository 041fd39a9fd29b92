/**
 * Plaintext MCP egress (`--mcp-egress-plaintext`, the controller's MCP_EGRESS_PLAINTEXT;
 * kagent go/core/pkg/egress/egress.go, reference §4.4 step 2 and §5.6): a RemoteMCPServer
 * URL becomes `http://host:port/path?query#fragment`, the port made explicit from the
 * effective scheme, so that a mesh sidecar can originate TLS. Parsing follows Go net/url,
 * and the URL is re-serialised as Go's `URL.String()` would, because the output must be
 * byte for byte the controller's.
 */
import { parseGoUrl } from './proxy.js';

/** The pieces of a URL that the rewrite keeps, as written (scheme-less URLs parsed as `//` + url). */
interface UrlParts {
  scheme: string;
  /** `user[:password]@` as written, or "". */
  userinfo: string;
  /** `URL.Hostname()`: no brackets, no port. */
  hostname: string;
  /** `URL.Port()`: the digits after the last `:` of the host, or "". */
  port: string;
  rawPath: string;
  /** `?query` as written (a lone `?` is kept, as Go's ForceQuery), or "". */
  rawQuery: string;
  /** The text after `#`, or undefined without one. */
  rawFragment: string | undefined;
}

/** egress.go parse: a URL without `://` is read as `//` + url, i.e. `host[:port]/path`. */
function parseEgressUrl(raw: string): UrlParts | undefined {
  const url = raw.includes('://') ? raw : `//${raw}`;
  const parsed = parseGoUrl(url);
  if (typeof parsed === 'string') return undefined;
  const hash = url.indexOf('#');
  const rawFragment = hash < 0 ? undefined : url.slice(hash + 1);
  let rest = hash < 0 ? url : url.slice(0, hash);
  const question = rest.indexOf('?');
  const rawQuery = question < 0 ? '' : rest.slice(question);
  if (question >= 0) rest = rest.slice(0, question);
  if (parsed.scheme !== '') rest = rest.slice(parsed.scheme.length + 1);
  // An opaque URL (`mailto:x`, `http:host`) has no host: no port either, so it is left alone.
  if (!rest.startsWith('//')) return { scheme: parsed.scheme, userinfo: '', hostname: '', port: '', rawPath: rest, rawQuery, rawFragment };
  const slash = rest.indexOf('/', 2);
  const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
  const at = authority.lastIndexOf('@');
  const host = authority.slice(at + 1);
  const colon = host.lastIndexOf(':');
  const port = colon >= 0 && !host.slice(colon).includes(']') ? host.slice(colon + 1) : '';
  return {
    scheme: parsed.scheme,
    userinfo: at < 0 ? '' : authority.slice(0, at + 1),
    hostname: parsed.hostname,
    port,
    rawPath: slash < 0 ? '' : rest.slice(slash),
    rawQuery,
    rawFragment,
  };
}

/**
 * EffectiveScheme: `https` when the RemoteMCPServer has a `tls` block (even `{}`) or the URL
 * says https, else `http`.
 */
export function effectiveScheme(url: string, hasTls: boolean): 'http' | 'https' {
  if (hasTls) return 'https';
  return parseEgressUrl(url)?.scheme === 'https' ? 'https' : 'http';
}

/** EffectivePort: the explicit port, else 443 (https) or 80 (http); 0 for no host, an unparseable URL or a port outside 1–65535. */
export function effectivePort(url: string, hasTls: boolean): number {
  const u = parseEgressUrl(url);
  if (!u || u.hostname === '') return 0;
  if (u.port === '') return effectiveScheme(url, hasTls) === 'https' ? 443 : 80;
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
  const port = effectivePort(url, hasTls);
  if (port === 0) return url;
  const host = u.hostname.includes(':') ? `[${u.hostname}]` : u.hostname;
  const fragment = u.rawFragment === undefined ? '' : `#${goEscaped(u.rawFragment, 'fragment')}`;
  return `http://${u.userinfo}${host}:${port}${goEscaped(u.rawPath, 'path')}${u.rawQuery}${fragment}`;
}

/**
 * Go's EscapedPath / EscapedFragment: the text as written when it is a valid encoding,
 * otherwise the decoded text escaped again (e.g. a space becomes `%20`).
 */
function goEscaped(raw: string, mode: 'path' | 'fragment'): string {
  if (validEncoded(raw, mode)) return raw;
  const bytes = Buffer.from(decodePercent(raw), 'utf8');
  let out = '';
  for (const b of bytes) out += shouldEscape(b, mode) ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
  return out;
}

function validEncoded(s: string, mode: 'path' | 'fragment'): boolean {
  for (const b of Buffer.from(s, 'utf8')) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(b))) continue;
    if (shouldEscape(b, mode)) return false;
  }
  return true;
}

/** Go net/url shouldEscape for encodePath and encodeFragment. */
function shouldEscape(b: number, mode: 'path' | 'fragment'): boolean {
  const c = String.fromCharCode(b);
  if (/[A-Za-z0-9\-_.~]/.test(c) && b < 0x80) return false;
  if ('$&+,/:;=@'.includes(c)) return false;
  if (c === '?') return mode === 'path';
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

/** `%XX` → byte (the URL parsed, so every escape is well formed). */
function decodePercent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    return s;
  }
}
