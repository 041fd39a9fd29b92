/**
 * Runtime stand-in: the smallest agent runtime that honours the MCP connection fields of the
 * rendered `config.json`. It is the executable form of docs/tls-runtime-contract.md; a real
 * runtime (kagent's Python or Go ADK) must do the same with these fields:
 *
 * - `http_tools[]` are Streamable HTTP servers, `sse_tools[]` SSE servers; each entry is
 *   `{params, tools?, allowed_headers?, require_approval?}` and `params.url` is dialled AS
 *   WRITTEN (scheme, host, port, path), the server certificate verified against the URL's host.
 * - `params.headers` go on every request (TLS never replaces them).
 * - `params.tls_client_cert_path` is a DIRECTORY (a mounted `kubernetes.io/tls` Secret): the
 *   client certificate is `<dir>/tls.crt`, its key `<dir>/tls.key`, and `<dir>/ca.crt`, when
 *   present, is a CA to trust for the server's certificate.
 * - `params.tls_ca_cert_path` is a FILE: a PEM CA bundle to trust (upstream RemoteMCPServer /
 *   ModelConfig `spec.tls`).
 * - The CAs above are trusted in addition to the system CAs, unless `tls_disable_system_cas`.
 * - `params.tls_insecure_skip_verify: true` skips verification of the server certificate
 *   (chain and host name); the client certificate is still presented.
 * - A missing or unreadable file is an error naming the field, never a silent plain connection.
 *
 * Only the file system of the pod (`root`, see pod.ts) and the network seam (`Network`: what
 * cluster DNS and the Service would do) come from outside; a real runtime uses the system
 * resolver and the real ports.
 */
import { readFileSync } from 'node:fs';
import { request as requestPlain } from 'node:http';
import { request } from 'node:https';
import type { LookupFunction } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { inPod } from './pod.js';

type Obj = Record<string, any>;

export interface McpParams {
  url: string;
  headers?: Record<string, string>;
  timeout?: number;
  tls_client_cert_path?: string;
  tls_ca_cert_path?: string;
  tls_insecure_skip_verify?: boolean;
  tls_disable_system_cas?: boolean;
}

export interface ToolEntry {
  protocol: 'streamable-http' | 'sse';
  params: McpParams;
  tools?: string[];
}

/** What cluster DNS and the Service would do: a host name to an address, a Service port to the port really served. */
export interface Network {
  address(hostname: string): string | undefined;
  port(hostname: string, port: number): number;
}

/** The agent config, read the way the runtime reads it: `--filepath DIR` of the container, then `DIR/config.json`. */
export function readConfig(root: string, container: Obj): Obj {
  const args: string[] = container.args ?? [];
  const i = args.indexOf('--filepath');
  if (i < 0) throw new Error('container has no --filepath argument');
  return JSON.parse(readFileSync(inPod(root, path.posix.join(args[i + 1], 'config.json')), 'utf8'));
}

export function toolEntries(config: Obj): ToolEntry[] {
  return [
    ...(config.http_tools ?? []).map((t: Obj) => ({
      protocol: 'streamable-http' as const,
      params: t.params,
      tools: t.tools,
    })),
    ...(config.sse_tools ?? []).map((t: Obj) => ({ protocol: 'sse' as const, params: t.params, tools: t.tools })),
  ];
}

export interface TlsClientOptions {
  cert?: string;
  key?: string;
  ca?: string[];
  rejectUnauthorized: boolean;
}

function readPodFile(root: string, field: string, file: string): string {
  try {
    return readFileSync(inPod(root, file), 'utf8');
  } catch (err) {
    throw new Error(`${field}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
}

/** The TLS client settings of one connection, from its params and the pod's files. */
export function tlsOptions(params: McpParams, root: string): TlsClientOptions {
  const cas: string[] = [];
  let cert: string | undefined;
  let key: string | undefined;
  const dir = params.tls_client_cert_path;
  if (dir) {
    cert = readPodFile(root, 'tls_client_cert_path', path.posix.join(dir, 'tls.crt'));
    key = readPodFile(root, 'tls_client_cert_path', path.posix.join(dir, 'tls.key'));
    const caFile = path.posix.join(dir, 'ca.crt');
    let bundle: string | undefined;
    try {
      bundle = readFileSync(inPod(root, caFile), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new Error(`tls_client_cert_path: cannot read ${caFile}: ${err}`);
    }
    if (bundle !== undefined) cas.push(bundle);
  }
  if (params.tls_ca_cert_path) cas.push(readPodFile(root, 'tls_ca_cert_path', params.tls_ca_cert_path));
  const ca = params.tls_disable_system_cas ? cas : cas.length > 0 ? [...rootCertificates, ...cas] : undefined;
  return { cert, key, ca, rejectUnauthorized: params.tls_insecure_skip_verify !== true };
}

/** A `fetch` over node:https with these TLS settings, dialling through `network`. */
export function tlsFetch(tls: TlsClientOptions, network: Network): FetchLike {
  const lookup: LookupFunction = (hostname, options, callback) => {
    const address = network.address(hostname);
    if (!address) {
      const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      err.code = 'ENOTFOUND';
      return (callback as (e: Error) => void)(err);
    }
    if (options.all)
      return (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family: 4 }]);
    (callback as (e: null, a: string, f: number) => void)(null, address, 4);
  };
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return reject(new Error(`unsupported URL ${url.href}`));
      const defaultPort = url.protocol === 'https:' ? 443 : 80;
      const headers: Record<string, string> = { host: url.host };
      new Headers(init?.headers).forEach((v, k) => {
        headers[k] = v;
      });
      const options = {
        host: url.hostname,
        port: network.port(url.hostname, Number(url.port || defaultPort)),
        path: `${url.pathname}${url.search}`,
        method: init?.method ?? 'GET',
        headers,
        lookup,
        agent: false as const,
        ...(url.protocol === 'https:' ? { servername: url.hostname, ...tls } : {}),
      };
      // A plain http:// URL is dialled in plain text, exactly as written (no client certificate).
      const req = url.protocol === 'https:' ? request(options) : requestPlain(options);
      const signal = init?.signal;
      const abort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      req.on('error', reject);
      req.on('response', (res) => {
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) responseHeaders.append(k, value);
        }
        const status = res.statusCode ?? 0;
        const noBody = status === 204 || status === 205 || status === 304;
        if (noBody) res.resume();
        resolve(
          new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream), {
            status,
            statusText: res.statusMessage,
            headers: responseHeaders,
          }),
        );
      });
      req.end(typeof init?.body === 'string' ? init.body : undefined);
    });
}

export interface Connection {
  client: Client;
  close(): Promise<void>;
}

/** Open an MCP session to one tool entry of the config: the TLS fields and headers honoured. */
export async function connect(entry: ToolEntry, root: string, network: Network): Promise<Connection> {
  const fetch = tlsFetch(tlsOptions(entry.params, root), network);
  const requestInit = { headers: entry.params.headers ?? {} };
  const url = new URL(entry.params.url);
  const transport: Transport =
    entry.protocol === 'sse'
      ? new SSEClientTransport(url, { fetch, requestInit })
      : new StreamableHTTPClientTransport(url, { fetch, requestInit });
  const client = new Client({ name: 'kagent-runtime-stand-in', version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (err) {
    await client.close().catch(() => {});
    throw err;
  }
  return { client, close: () => client.close() };
}
