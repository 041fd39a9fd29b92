/**
 * kagent.dev/config-hash (kagent adk_api_translator.go; reference §3.9): decimal string of the
 * big-endian uint64 made of the first 8 bytes of sha256 over the concatenated parts.
 */
import { createHash } from 'node:crypto';

export function configHash(parts: ReadonlyArray<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest().readBigUInt64BE(0).toString(10);
}
