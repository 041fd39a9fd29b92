import { describe, expect, it } from 'vitest';
import type { InputObject } from '../../model/source.js';
import type { ObjectIndex } from '../../index/objects.js';
import { parseGoUrl, type GoUrl } from '../../go/url.js';
import { isInClusterUrl, namespaceInInput, parseProxyUrl, proxiedUrl } from './proxy.js';

const PROXY = parseProxyUrl('http://proxy.kagent.svc.cluster.local:8080') as GoUrl;

describe('parseGoUrl (Go net/url.Parse)', () => {
  it('splits scheme, host with port, hostname and the decoded path', () => {
    expect(parseGoUrl('HTTPS://user:pw@mcp.tools:8443/a%20b/mcp?x=1#frag')).toEqual({
      scheme: 'https',
      host: 'mcp.tools:8443',
      hostname: 'mcp.tools',
      path: '/a b/mcp',
    });
    expect(parseGoUrl('http://[fd00::1]:80/mcp')).toMatchObject({ host: '[fd00::1]:80', hostname: 'fd00::1' });
  });

  it('reads a scheme-less host:port/path as an opaque URL with no host, and host/path as a bare path', () => {
    expect(parseGoUrl('mcp.tools:8080/mcp')).toEqual({ scheme: 'mcp.tools', host: '', hostname: '', path: '' });
    expect(parseGoUrl('mcp.tools/mcp')).toEqual({ scheme: '', host: '', hostname: '', path: 'mcp.tools/mcp' });
  });

  it('returns the reason for what Go rejects', () => {
    expect(parseGoUrl('http://a.b:80/%zz')).toMatch(/escape/);
    expect(parseGoUrl('http://a.b:8o/mcp')).toMatch(/invalid host/);
    expect(parseGoUrl('http://a.b/\nx')).toMatch(/control character/);
    expect(parseGoUrl('1a:80/x')).toMatch(/first path segment/);
    expect(parseGoUrl('://x')).toMatch(/missing protocol scheme/);
  });
});

describe('proxiedUrl (applyProxyURL)', () => {
  it('keeps the proxy scheme and host and the original path; the original hostname goes to the header', () => {
    expect(proxiedUrl('http://everything.kagent:3000/mcp', PROXY)).toEqual({
      url: 'http://proxy.kagent.svc.cluster.local:8080/mcp',
      host: 'everything.kagent',
    });
    expect(proxiedUrl('https://a.tools.svc.cluster.local:8443/v1/mcp?token=x', PROXY)).toEqual({
      url: 'http://proxy.kagent.svc.cluster.local:8080/v1/mcp',
      host: 'a.tools.svc.cluster.local',
    });
  });

  it('gives an agent URL (no path) just the proxy origin', () => {
    expect(proxiedUrl('http://sub-agent.kagent:8080', PROXY)).toEqual({
      url: 'http://proxy.kagent.svc.cluster.local:8080',
      host: 'sub-agent.kagent',
    });
  });

  it('drops the path of the proxy URL itself', () => {
    expect(proxiedUrl('http://x.ns:80/mcp', parseProxyUrl('https://gw.example:443/ignored?q') as GoUrl)).toEqual({
      url: 'https://gw.example:443/mcp',
      host: 'x.ns',
    });
  });

  it('fails on a target Go cannot parse', () => {
    expect(proxiedUrl('http://svc.ns:80/m%2', PROXY)).toMatch(/escape/);
  });
});

describe('parseProxyUrl', () => {
  it('refuses a proxy without scheme or host', () => {
    expect(parseProxyUrl('proxy.kagent:8080')).toMatch(/scheme and a host/);
    expect(parseProxyUrl('/just/a/path')).toMatch(/scheme and a host/);
  });
});

describe('isInClusterUrl (isInternalK8sURL)', () => {
  const namespaces = new Set(['tools']);
  const exists = (ns: string) => namespaces.has(ns);

  it('is true for *.svc.cluster.local and for name.namespace of an existing namespace', () => {
    expect(isInClusterUrl('https://mcp.any.svc.cluster.local/mcp', exists)).toBe(true);
    expect(isInClusterUrl('http://mcp.tools:8080/mcp', exists)).toBe(true);
  });

  it('is false for an unknown namespace, three labels, external hosts and scheme-less URLs', () => {
    expect(isInClusterUrl('http://mcp.other:8080/mcp', exists)).toBe(false);
    expect(isInClusterUrl('http://mcp.tools.svc:8080/mcp', exists)).toBe(false);
    expect(isInClusterUrl('https://search.example.com/mcp', exists)).toBe(false);
    expect(isInClusterUrl('mcp.tools:8080/mcp', exists)).toBe(false);
    expect(isInClusterUrl('mcp.tools/mcp', exists)).toBe(false);
  });
});

describe('namespaceInInput', () => {
  const obj = (kind: string, namespace: string, name: string) => ({ kind, namespace, name }) as InputObject;
  const objects = [obj('Namespace', 'default', 'tools'), obj('Secret', 'apps', 'token')];
  const index: ObjectIndex = { get: () => undefined, list: (kind) => objects.filter((o) => o.kind === kind) };

  it('knows a namespace from a Namespace object or from any object that lives in it', () => {
    expect(namespaceInInput(index, 'tools')).toBe(true);
    expect(namespaceInInput(index, 'apps')).toBe(true);
    expect(namespaceInInput(index, 'default')).toBe(false);
  });
});
