import { describe, expect, it } from 'vitest';
import { effectivePort, effectiveScheme, egressUrl } from './egress.js';

describe('egress rewrite (reference §5.6)', () => {
  // [row, spec.url, has spec.tls, scheme, port, rewrite]; row 8 (http:// with tls) is refused by admission (cel-tls-plain-url).
  const table: [number, string, boolean, string, number, string][] = [
    [1, 'host/path', false, 'http', 80, 'http://host:80/path'],
    [2, 'host:1234/path', false, 'http', 1234, 'http://host:1234/path'],
    [3, 'host/path', true, 'https', 443, 'http://host:443/path'], // tls: {}
    [4, 'host/path', true, 'https', 443, 'http://host:443/path'], // tls non-empty
    [5, 'host:1234/path', true, 'https', 1234, 'http://host:1234/path'],
    [5, 'host:1234/path', false, 'http', 1234, 'http://host:1234/path'],
    [6, 'http://host/path', false, 'http', 80, 'http://host:80/path'],
    [7, 'http://host:8080/path', false, 'http', 8080, 'http://host:8080/path'],
    [9, 'https://host/path', false, 'https', 443, 'http://host:443/path'],
    [10, 'https://host/path', true, 'https', 443, 'http://host:443/path'],
    [11, 'https://host/path', true, 'https', 443, 'http://host:443/path'],
    [12, 'https://host:8443/path', true, 'https', 8443, 'http://host:8443/path'],
    [12, 'https://host:8443/path', false, 'https', 8443, 'http://host:8443/path'],
  ];
  it.each(table)('row %i: %s (tls %s) → %s, port %i, %s', (_row, url, tls, scheme, port, rewritten) => {
    expect(effectiveScheme(url, tls)).toBe(scheme);
    expect(effectivePort(url, tls)).toBe(port);
    expect(egressUrl(url, tls)).toBe(rewritten);
  });

  it('pins the egress_test cases of §5.7', () => {
    expect(egressUrl('https://external-mcp.example.com/mcp', false)).toBe('http://external-mcp.example.com:443/mcp');
    expect(egressUrl('tls-mcp.example.com/mcp', true)).toBe('http://tls-mcp.example.com:443/mcp');
  });

  it('keeps query and fragment, and a lone "?"', () => {
    expect(egressUrl('https://host/mcp?a=1&b=%2F#frag', false)).toBe('http://host:443/mcp?a=1&b=%2F#frag');
    expect(egressUrl('host:9000/mcp?x=y', false)).toBe('http://host:9000/mcp?x=y');
    expect(egressUrl('https://host/mcp?', false)).toBe('http://host:443/mcp?');
    expect(egressUrl('https://host', false)).toBe('http://host:443');
  });

  it('re-escapes a path or fragment the way Go URL.String() does', () => {
    expect(egressUrl('https://host/a%2Fb', false)).toBe('http://host:443/a%2Fb');
    expect(egressUrl('https://host/a b#c d', false)).toBe('http://host:443/a%20b#c%20d');
    // Go strings are bytes: an escape of invalid UTF-8 stays that byte, written upper-case.
    expect(egressUrl('https://host/a b%ff', false)).toBe('http://host:443/a%20b%FF');
    expect(egressUrl('https://host/%e9t%C3%A9 x', false)).toBe('http://host:443/%E9t%C3%A9%20x');
    // Non-ASCII is escaped byte by byte, astral characters included.
    expect(egressUrl('https://host/\u00e9 \u{1F600}#\u{1F600}', false)).toBe(
      'http://host:443/%C3%A9%20%F0%9F%98%80#%F0%9F%98%80',
    );
  });

  it('brackets IPv6 hosts', () => {
    expect(egressUrl('https://[::1]/mcp', false)).toBe('http://[::1]:443/mcp');
    expect(egressUrl('[fd00::5]:8080/mcp', false)).toBe('http://[fd00::5]:8080/mcp');
    expect(effectivePort('http://[::1]', false)).toBe(80);
  });

  it('upper-case schemes are read as Go does (lower-cased)', () => {
    expect(egressUrl('HTTPS://Host/mcp', false)).toBe('http://Host:443/mcp');
  });

  it('leaves non-http(s) schemes, hostless and unparseable URLs unchanged', () => {
    expect(egressUrl('ws://host/mcp', false)).toBe('ws://host/mcp');
    expect(egressUrl('grpc://host:9000', true)).toBe('grpc://host:9000');
    expect(egressUrl('mailto:someone', false)).toBe('mailto:someone');
    expect(egressUrl('http:///path', false)).toBe('http:///path');
    expect(egressUrl('host:99999/path', false)).toBe('host:99999/path');
    expect(egressUrl('host:0/path', false)).toBe('host:0/path');
    expect(egressUrl('http://bad host/x', false)).toBe('http://bad host/x');
    expect(effectivePort('host:99999/path', false)).toBe(0);
    expect(effectivePort('http:///path', false)).toBe(0);
  });
});
