// Preloaded with `node --import` by test/no-network.test.ts: every way out to the network
// throws and leaves a marker on stderr, so a test can show that nothing tried.
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const MARKER = 'NETWORK-ATTEMPT';
/** Every attempt, for in-process checks. */
export const attempts = [];
function refuse(what) {
  return () => {
    attempts.push(what);
    process.stderr.write(`${MARKER} ${what}\n`);
    throw new Error(`${MARKER}: ${what} is not allowed`);
  };
}
for (const [mod, name, fns] of [
  [net, 'net', ['connect', 'createConnection', 'createServer']],
  [tls, 'tls', ['connect']],
  [http, 'http', ['request', 'get', 'createServer']],
  [https, 'https', ['request', 'get']],
  [dns, 'dns', ['lookup', 'resolve', 'resolve4', 'resolve6']],
  [dns.promises, 'dns.promises', ['lookup', 'resolve']],
  [dgram, 'dgram', ['createSocket']],
]) {
  for (const fn of fns) mod[fn] = refuse(`${name}.${fn}`);
}
net.Socket.prototype.connect = refuse('net.Socket.connect');
globalThis.fetch = refuse('fetch');
globalThis.WebSocket = refuse('WebSocket');
