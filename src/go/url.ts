/**
 * Go net/url, as far as the controller's URL handling needs it: `url.Parse` (proxy mode,
 * reference §4.4/§4.5) and the pieces the egress rewrite re-assembles as `URL.String()`
 * (§5.6). Both must agree with Go byte for byte, so both read one split of the URL.
 */

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

/** A URL cut into its parts as written (nothing decoded or validated). */
export interface RawUrl {
  /** Lower-cased. */
  scheme: string;
  /** The text between `//` and the path, when the URL has an authority. */
  authority: string | undefined;
  /** The path, or the opaque part of `scheme:opaque`. */
  rawPath: string;
  /** `?query` as written (a lone `?` kept, as Go's ForceQuery), or "". */
  rawQuery: string;
  /** The text after `#`, or undefined without one. */
  rawFragment: string | undefined;
}

/** Go's split of a URL, before any check: fragment, scheme, query, then `//authority`. */
export function splitUrl(raw: string): RawUrl {
  const hash = raw.indexOf('#');
  const rawFragment = hash < 0 ? undefined : raw.slice(hash + 1);
  let rest = hash < 0 ? raw : raw.slice(0, hash);
  let scheme = '';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
  }
  const q = rest.indexOf('?');
  const rawQuery = q < 0 ? '' : rest.slice(q);
  if (q >= 0) rest = rest.slice(0, q);
  let authority: string | undefined;
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const slash = rest.indexOf('/', 2);
    authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return { scheme, authority, rawPath: rest, rawQuery, rawFragment };
}

/** Go url.Parse; a string is the reason Go would return an error. */
export function parseGoUrl(raw: string): GoUrl | string {
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'invalid control character in URL';
  const u = splitUrl(raw);
  if (u.rawFragment !== undefined && unescapePath(u.rawFragment) === undefined) return 'invalid URL escape in fragment';
  if (raw.startsWith(':')) return 'missing protocol scheme';
  if (u.authority === undefined && !u.rawPath.startsWith('/')) {
    if (u.scheme !== '') return { scheme: u.scheme, host: '', hostname: '', path: '' };
    if ((u.rawPath.split('/')[0] ?? '').includes(':')) return 'first path segment in URL cannot contain colon';
  }
  let host = '';
  if (u.authority !== undefined) {
    const parsed = parseHost(hostOf(u.authority));
    if (parsed === undefined) return `invalid host in "${u.authority}"`;
    host = parsed;
  }
  const path = unescapePath(u.rawPath);
  if (path === undefined) return 'invalid URL escape in path';
  return { scheme: u.scheme, host, hostname: hostnameOf(host), path };
}

/** `user[:password]@` of an authority as written, or "". */
export function userinfoOf(authority: string): string {
  return authority.slice(0, authority.lastIndexOf('@') + 1);
}

/** The `host[:port]` of an authority. */
export function hostOf(authority: string): string {
  return authority.slice(authority.lastIndexOf('@') + 1);
}

/** `URL.Port()`: the digits after the host's last `:`, or "". */
export function portOf(host: string): string {
  const colon = host.lastIndexOf(':');
  return colon >= 0 && validOptionalPort(host.slice(colon)) ? host.slice(colon + 1) : '';
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
  return Buffer.from(percentDecodedBytes(s)).toString('utf8');
}

/** The bytes a well-formed percent-encoded text stands for (Go strings are bytes: `%ff` stays 0xFF). */
function percentDecodedBytes(s: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const ch = String.fromCodePoint(s.codePointAt(i)!); // a whole code point: astral characters are two code units
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  return bytes;
}

/**
 * Go's EscapedPath / EscapedFragment: the text as written when it is a valid encoding,
 * otherwise the decoded text escaped again (e.g. a space becomes `%20`).
 */
export function goEscaped(raw: string, mode: 'path' | 'fragment'): string {
  if (validEncoded(raw, mode)) return raw;
  const bytes = percentDecodedBytes(raw);
  let out = '';
  for (const b of bytes)
    out += shouldEscape(b, mode) ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
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
