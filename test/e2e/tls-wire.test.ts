/**
 * MCPServer TLS proven on the wire (issue 17, SPEC §3.1): a real MCP server behind mTLS on
 * loopback, reached by a runtime stand-in that holds nothing but what the rendered pod would
 * hold — the rendered config.json and the Secret volumes mounted as the kubelet would. The
 * negative cases assert the real TLS error, so a regression in the wiring turns this red.
 * Needs the built CLI (`npm run build`) and the `openssl` CLI; offline, 127.0.0.1 only.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, describeError, type Pod, type Profile, render, startPod } from './tls-wire/cluster.js';
import { startServer, type TestServer } from './tls-wire/mcp-server.js';
import {
  AGENT,
  NS,
  TOOL_NAMES,
  agent,
  caSecret,
  headersConfigMap,
  mcpServer,
  modelConfig,
  remoteMcpServer,
  tlsSecret,
  tool,
} from './tls-wire/objects.js';
import { type CA, clientCert, makeCA, opensslVersion, type Pem, serverCert, serviceNames } from './tls-wire/pki.js';
import { type Connection, connect, type ToolEntry } from './tls-wire/runtime.js';

type Obj = Record<string, any>;

const openssl = opensslVersion();
const suite = openssl
  ? 'MCPServer TLS on the wire'
  : 'MCPServer TLS on the wire (skipped: the openssl CLI is not installed)';

describe.skipIf(!openssl)(suite, () => {
  let pkiDir = '';
  let ca: CA;
  let rogue: CA;
  let client: Pem;
  let rogueClient: Pem;
  const certs = new Map<string, Pem>();
  const temps: string[] = [];
  const servers: TestServer[] = [];
  const connections: Connection[] = [];

  const temp = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), `kagent-render-tls-wire-${prefix}-`));
    temps.push(dir);
    return dir;
  };

  beforeAll(() => {
    pkiDir = mkdtempSync(path.join(tmpdir(), 'kagent-render-tls-wire-pki-'));
    ca = makeCA(pkiDir, 'cluster-ca');
    rogue = makeCA(pkiDir, 'rogue-ca');
    client = clientCert(pkiDir, ca, AGENT);
    rogueClient = clientCert(pkiDir, rogue, AGENT);
    for (const name of ['test-mcp', 'test-mcp-2', 'remote-mcp', 'remote-sse'])
      certs.set(name, serverCert(pkiDir, ca, serviceNames(name, NS)));
    certs.set('rogue:test-mcp', serverCert(pkiDir, rogue, serviceNames('test-mcp', NS)));
    certs.set('other-name', serverCert(pkiDir, ca, serviceNames('other-mcp', NS)));
  });

  afterEach(async () => {
    await Promise.allSettled(connections.splice(0).map((c) => c.close()));
    await Promise.allSettled(servers.splice(0).map((s) => s.close()));
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  afterAll(() => {
    if (pkiDir) rmSync(pkiDir, { recursive: true, force: true });
  });

  function cert(name: string): Pem {
    const pem = certs.get(name);
    if (!pem) throw new Error(`no test certificate ${name}`);
    return pem;
  }

  /** Start a server with certificate `certName` and publish it as Service `service`:`port` in `cluster`. */
  async function serve(certName: string, service: string, port: number, mtls: boolean, cluster = new Cluster()) {
    const server = await startServer({ server: cert(certName), clientCA: mtls ? ca.cert : undefined });
    servers.push(server);
    cluster.add(service, NS, port, server.port);
    return { server, cluster };
  }

  function pod(inputs: Obj[], profile: Profile): Pod {
    const dir = temp(profile);
    const items = render(inputs, profile, dir);
    return startPod(items, inputs, NS, AGENT, path.join(dir, 'pod'));
  }

  async function open(entry: ToolEntry, p: Pod, cluster: Cluster): Promise<Connection> {
    const c = await connect(entry, p.root, cluster);
    connections.push(c);
    return c;
  }

  /** tools/list includes the Agent's toolNames and one tools/call succeeds. */
  async function exercise(c: Connection, entry: ToolEntry): Promise<void> {
    expect(entry.tools).toEqual(TOOL_NAMES);
    const listed = (await c.client.listTools()).tools.map((t) => t.name);
    for (const name of entry.tools ?? []) expect(listed).toContain(name);
    const result = await c.client.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } });
    expect(result.isError).not.toBe(true);
    expect(result.content).toEqual([{ type: 'text', text: '5' }]);
  }

  /** Connecting must fail; returns every code/message of the failure. */
  async function refused(entry: ToolEntry, p: Pod, cluster: Cluster): Promise<string> {
    try {
      connections.push(await connect(entry, p.root, cluster));
    } catch (err) {
      return describeError(err);
    }
    throw new Error(`connected to ${entry.params.url}, expected a refusal`);
  }

  /** The Agent using MCPServer test-mcp whose `httpTransport.tls` is `tls`; the client Secret holds `pem`. */
  function mtlsPod(profile: Profile, tls?: { secretRef: string; insecureSkipVerify?: boolean }, pem = client): Pod {
    const secret = tlsSecret(tls?.secretRef ?? 'test-tls-client', pem, ca.cert);
    const inputs = [modelConfig(), headersConfigMap(), mcpServer('test-mcp', tls), secret];
    return pod([...inputs, agent([tool('MCPServer', 'test-mcp')])], profile);
  }

  /** The Agent using a RemoteMCPServer with upstream CA TLS (CA Secret `caName` holding the cluster CA). */
  function remotePod(profile: Profile, rms: Obj, caName: string, headers = true): Pod {
    const inputs = [modelConfig(), headersConfigMap(), rms, caSecret(caName, ca.cert)];
    return pod([...inputs, agent([tool('RemoteMCPServer', rms.metadata.name, headers)])], profile);
  }

  describe.each<Profile>(['gitops', 'controller'])('%s profile', (profile) => {
    it('mTLS MCPServer: toolNames listed, tool called; static+headersFrom headers and client cert arrive', async () => {
      const { server, cluster } = await serve('test-mcp', 'test-mcp', 8443, true);
      const p = mtlsPod(profile, { secretRef: 'test-tls-client' });

      expect(p.entries).toHaveLength(1);
      const [entry] = p.entries;
      expect(entry.protocol).toBe('streamable-http');
      expect(entry.params.url).toBe('https://test-mcp.kagent:8443/mcp');
      // The kubelet wrote the Secret's keys read-only into the mounted directory.
      const dir = path.join(p.root, 'etc/kagent/mcp-tls/test-tls-client');
      expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
      expect(statSync(path.join(dir, 'tls.key')).mode & 0o777).toBe(0o444);

      await exercise(await open(entry, p, cluster), entry);
      expect(server.requests.length).toBeGreaterThan(0);
      for (const r of server.requests) {
        expect(r.clientCN).toBe(AGENT);
        expect(r.headers['x-static']).toBe('static-value');
        expect(r.headers['x-tenant']).toBe('acme');
      }
      expect(server.tlsErrors).toEqual([]);
    });

    it('an Agent rendered without the tls block dials plain http and the HTTPS server refuses it', async () => {
      const { server, cluster } = await serve('test-mcp', 'test-mcp', 8443, true);
      const p = mtlsPod(profile);
      const [entry] = p.entries;
      expect(entry.params.url).toBe('http://test-mcp.kagent:8443/mcp');
      expect(entry.params.tls_client_cert_path).toBeUndefined();
      expect(await refused(entry, p, cluster)).toMatch(/socket hang up|ECONNRESET/);
      expect(server.tlsErrors).toEqual(['ERR_SSL_HTTP_REQUEST']);
      expect(server.requests).toEqual([]);
    });

    it('a client with only the CA (upstream RemoteMCPServer spec.tls) is refused: certificate required', async () => {
      const { server, cluster } = await serve('test-mcp', 'test-mcp', 8443, true);
      const rms = remoteMcpServer(
        'test-mcp-remote',
        'https://test-mcp.kagent:8443/mcp',
        'STREAMABLE_HTTP',
        'cluster-ca',
      );
      const p = remotePod(profile, rms, 'cluster-ca', false);
      const [entry] = p.entries;
      expect(entry.params.tls_ca_cert_path).toBe('/etc/ssl/certs/custom/cluster-ca/ca.crt');
      // TLS 1.3: the client learns of the refusal after its handshake, as the alert or, when the
      // server's close overtakes it, a reset; the server's own error names the reason.
      expect(await refused(entry, p, cluster)).toMatch(
        /ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED|ECONNRESET|socket hang up/,
      );
      expect(server.tlsErrors).toEqual(['ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE']);
      expect(server.requests).toEqual([]);
    });

    it('server cert from an unknown CA: fails with tls_insecure_skip_verify false, connects with true', async () => {
      const { server, cluster } = await serve('rogue:test-mcp', 'test-mcp', 8443, true);
      const strict = mtlsPod(profile, { secretRef: 'test-tls-client', insecureSkipVerify: false });
      expect(strict.entries[0].params.tls_insecure_skip_verify).toBe(false);
      expect(await refused(strict.entries[0], strict, cluster)).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
      expect(server.requests).toEqual([]);

      const lax = mtlsPod(profile, { secretRef: 'test-tls-client', insecureSkipVerify: true });
      expect(lax.entries[0].params.tls_insecure_skip_verify).toBe(true);
      await exercise(await open(lax.entries[0], lax, cluster), lax.entries[0]);
      // Skipping server verification still presents the client certificate.
      expect(server.requests.map((r) => r.clientCN)).toContain(AGENT);
    });

    it('a server certificate for another host name fails: verified against the URL host', async () => {
      const { server, cluster } = await serve('other-name', 'test-mcp', 8443, true);
      const p = mtlsPod(profile, { secretRef: 'test-tls-client' });
      expect(await refused(p.entries[0], p, cluster)).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
      expect(server.requests).toEqual([]);
    });

    it('a client certificate from another CA is refused by the server', async () => {
      const { server, cluster } = await serve('test-mcp', 'test-mcp', 8443, true);
      const p = mtlsPod(profile, { secretRef: 'test-tls-client' }, rogueClient);
      expect(await refused(p.entries[0], p, cluster)).toMatch(/ECONNRESET|socket hang up/);
      // The server checked the certificate and dropped the connection: the chain does not lead to its CA.
      expect(server.tlsErrors).toEqual(['ECONNRESET UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
      expect(server.requests).toEqual([]);
    });

    it('Secret name too long for a volume name: hashed volume, mounted at /etc/kagent/mcp-tls/<secret>', async () => {
      const secretName = `test-tls-client-${'long'.repeat(14)}`;
      expect(`mcp-tls-${secretName}`.length).toBeGreaterThan(63);
      const { server, cluster } = await serve('test-mcp', 'test-mcp', 8443, true);
      const p = mtlsPod(profile, { secretRef: secretName });
      const volumes = p.deployment.spec.template.spec.volumes.filter((v: Obj) => v.secret?.secretName === secretName);
      expect(volumes).toHaveLength(1);
      expect(volumes[0].name.length).toBeLessThanOrEqual(63);
      expect(volumes[0].name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(p.mounted.mounts.get(`/etc/kagent/mcp-tls/${secretName}`)).toBe(volumes[0].name);
      expect(p.entries[0].params.tls_client_cert_path).toBe(`/etc/kagent/mcp-tls/${secretName}`);
      await exercise(await open(p.entries[0], p, cluster), p.entries[0]);
      expect(server.requests.map((r) => r.clientCN)).toContain(AGENT);
    });

    it('two MCPServers sharing one client Secret share one volume and both connect', async () => {
      const { server: one, cluster } = await serve('test-mcp', 'test-mcp', 8443, true);
      const { server: two } = await serve('test-mcp-2', 'test-mcp-2', 8443, true, cluster);
      const inputs = [
        modelConfig(),
        headersConfigMap(),
        tlsSecret('test-tls-client', client, ca.cert),
        mcpServer('test-mcp', { secretRef: 'test-tls-client' }),
        mcpServer('test-mcp-2', { secretRef: 'test-tls-client' }),
        agent([tool('MCPServer', 'test-mcp'), tool('MCPServer', 'test-mcp-2')]),
      ];
      const p = pod(inputs, profile);
      const volumes = p.deployment.spec.template.spec.volumes.filter(
        (v: Obj) => v.secret?.secretName === 'test-tls-client',
      );
      expect(volumes).toHaveLength(1);
      expect(p.entries.map((e) => e.params.url)).toEqual([
        'https://test-mcp.kagent:8443/mcp',
        'https://test-mcp-2.kagent:8443/mcp',
      ]);
      for (const entry of p.entries) await exercise(await open(entry, p, cluster), entry);
      for (const server of [one, two]) {
        expect(server.requests.length).toBeGreaterThan(0);
        for (const r of server.requests) {
          expect(r.clientCN).toBe(AGENT);
          expect(r.headers['x-tenant']).toBe('acme');
        }
      }
    });

    it('RemoteMCPServer upstream CA TLS: tls_ca_cert_path a mounted file, Streamable HTTP, headers', async () => {
      const { server, cluster } = await serve('remote-mcp', 'remote-mcp', 9443, false);
      const rms = remoteMcpServer(
        'remote-mcp',
        'https://remote-mcp.kagent.svc.cluster.local:9443/mcp',
        'STREAMABLE_HTTP',
        'remote-ca',
      );
      const p = remotePod(profile, rms, 'remote-ca');
      const [entry] = p.entries;
      expect(entry.protocol).toBe('streamable-http');
      expect(entry.params.tls_ca_cert_path).toBe('/etc/ssl/certs/custom/remote-ca/ca.crt');
      expect(statSync(path.join(p.root, String(entry.params.tls_ca_cert_path))).isFile()).toBe(true);
      await exercise(await open(entry, p, cluster), entry);
      for (const r of server.requests) {
        expect(r.headers['x-remote']).toBe('remote-value');
        expect(r.headers['x-static']).toBe('static-value');
        expect(r.headers['x-tenant']).toBe('acme');
      }
    });

    it('a RemoteMCPServer with protocol SSE and upstream CA TLS lands in sse_tools and works over SSE', async () => {
      const { server, cluster } = await serve('remote-sse', 'remote-sse', 9443, false);
      const rms = remoteMcpServer('remote-sse', 'https://remote-sse.kagent:9443/sse', 'SSE', 'remote-ca');
      const p = remotePod(profile, rms, 'remote-ca');
      expect(p.config.http_tools).toBeUndefined();
      const [entry] = p.entries;
      expect(entry.protocol).toBe('sse');
      await exercise(await open(entry, p, cluster), entry);
      expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual(
        expect.arrayContaining(['GET /sse', 'POST /messages']),
      );
      for (const r of server.requests) {
        expect(r.headers['x-remote']).toBe('remote-value');
        expect(r.headers['x-tenant']).toBe('acme');
      }
    });
  });
});
