/**
 * A real MCP server for the TLS wire tests: the `@modelcontextprotocol/sdk` server on
 * `node:https`, bound to 127.0.0.1 on an ephemeral port. It serves Streamable HTTP (stateless:
 * one SDK server and transport per POST) at `/mcp` and the legacy SSE protocol at `/sse` +
 * `/messages`, offers a few tools, and records what reached it: request headers, the client
 * certificate's subject, and the TLS errors of refused handshakes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Pem } from './pki.js';

export const TOOLS = [
  {
    name: 'get-sum',
    description: 'Adds two numbers.',
    inputSchema: {
      type: 'object' as const,
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    },
  },
  {
    name: 'echo',
    description: 'Echoes its text.',
    inputSchema: { type: 'object' as const, properties: { text: { type: 'string' } } },
  },
  {
    name: 'not-selected',
    description: 'A tool no Agent lists.',
    inputSchema: { type: 'object' as const, properties: {} },
  },
];

function mcpServer(): Server {
  const server = new Server({ name: 'tls-wire-test', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    switch (request.params.name) {
      case 'get-sum':
        return { content: [{ type: 'text', text: String(Number(args.a) + Number(args.b)) }] };
      case 'echo':
        return { content: [{ type: 'text', text: String(args.text) }] };
      default:
        return { content: [{ type: 'text', text: `unknown tool ${request.params.name}` }], isError: true };
    }
  });
  return server;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** CN of the verified client certificate, when the client presented one. */
  clientCN?: string;
}

export interface TestServer {
  port: number;
  requests: SeenRequest[];
  /** `code` (or message) of every failed handshake, then the client certificate's verification error if any. */
  tlsErrors: string[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The server's own certificate. */
  server: Pem;
  /** CA that client certificates must chain to; undefined = no client certificate asked (upstream CA-only TLS). */
  clientCA?: string;
}

export async function startServer(options: ServerOptions): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const tlsErrors: string[] = [];
  const sockets = new Set<Socket>();
  const sse = new Map<string, SSEServerTransport>();
  const mtls = options.clientCA !== undefined;
  const https: HttpsServer = createServer({
    key: options.server.key,
    cert: options.server.cert,
    ...(mtls ? { ca: options.clientCA, requestCert: true, rejectUnauthorized: true } : {}),
  });
  https.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Node verifies a client certificate after the handshake and then destroys the socket: the
  // reason is the socket's `authorizationError`, the emitted error only the reset.
  https.on('tlsClientError', (err: NodeJS.ErrnoException, socket: TLSSocket) => {
    const reason = (socket as TLSSocket & { authorizationError?: string }).authorizationError;
    tlsErrors.push(reason ? `${err.code ?? err.message} ${reason}` : (err.code ?? err.message));
  });
  https.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      clientCN: [peer?.subject?.CN].flat()[0],
    });
    void handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://server.invalid');
    if (url.pathname === '/mcp' && req.method === 'POST') {
      const server = mcpServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } else if (url.pathname === '/sse' && req.method === 'GET') {
      const transport = new SSEServerTransport('/messages', res);
      sse.set(transport.sessionId, transport);
      res.on('close', () => sse.delete(transport.sessionId));
      await mcpServer().connect(transport);
    } else if (url.pathname === '/messages' && req.method === 'POST') {
      const transport = sse.get(url.searchParams.get('sessionId') ?? '');
      if (transport) await transport.handlePostMessage(req, res);
      else res.writeHead(404).end('no such session');
    } else {
      res.writeHead(req.method === 'GET' || req.method === 'DELETE' ? 405 : 404).end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    https.once('error', reject);
    https.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (https.address() as AddressInfo).port,
    requests,
    tlsErrors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        https.close(() => resolve());
      }),
  };
}
