/** The README's copy-paste blocks are the ones the end-to-end tests run. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { COMMAND_PAGES, doc, README_COMMANDS, readme } from './harness/readme.js';
import { repoRoot } from './harness/tools.js';

/** An example file as the README shows it: without its leading comment lines. */
function exampleBody(file: string): string {
  return readFileSync(path.join(repoRoot, file), 'utf8').replace(/^(#.*\n)+/, '');
}

describe('docs', () => {
  it.each(Object.entries(README_COMMANDS))('show the tested command %s verbatim', (name, command) => {
    expect(doc(COMMAND_PAGES[name as keyof typeof README_COMMANDS])).toContain(`\n${command}\n`);
  });

  it.each(['examples/krm-mixed/render.yaml', 'examples/krm-mixed/kustomization.yaml'])(
    'show %s as the example has it',
    (file) => {
      expect(doc('integrations/kustomize.md')).toContain(`# ${path.basename(file)}\n${exampleBody(file)}`);
    },
  );
});

describe('README', () => {
  it('stays a front page: under 12 KB', () => {
    expect(Buffer.byteLength(readme())).toBeLessThan(12 * 1024);
  });

  it('links only to files that exist', () => {
    const links = [...readme().matchAll(/\]\(((?:docs\/|[A-Z])[^)#]*)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(existsSync(path.join(repoRoot, link)), link).toBe(true);
  });

  it('shows the TLS wiring exactly as build examples/mcp-tls renders it', () => {
    const out = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin/kagent-render.mjs'), 'build', 'examples/mcp-tls'],
      { cwd: repoRoot, encoding: 'utf8' },
    ).stdout;
    for (const line of [
      '            secretName: test-tls-client',
      '            defaultMode: 292',
      '              mountPath: /etc/kagent/mcp-tls/test-tls-client',
    ]) {
      expect(readme()).toContain(`${line}\n`);
      expect(out).toContain(`${line}\n`);
    }
    const secret = parseAllDocuments(out)
      .map((d) => d.toJS())
      .find((o) => o.kind === 'Secret' && o.metadata.name === 'secure-agent');
    const tool = JSON.parse(secret.stringData['config.json']).http_tools[0].params;
    expect(readme()).toContain(`"tls_client_cert_path": "${tool.tls_client_cert_path}"`);
    expect(readme()).toContain(`"url": "${tool.url}"`);
  });
});
