/** The README's copy-paste blocks are the ones the end-to-end tests run. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_COMMANDS, readme } from './harness/readme.js';
import { repoRoot } from './harness/tools.js';

/** An example file as the README shows it: without its leading comment lines. */
function exampleBody(file: string): string {
  return readFileSync(path.join(repoRoot, file), 'utf8').replace(/^(#.*\n)+/, '');
}

describe('README', () => {
  it.each(Object.entries(README_COMMANDS))('shows the tested command %s verbatim', (_name, command) => {
    expect(readme()).toContain(`\n${command}\n`);
  });

  it.each(['examples/krm-mixed/render.yaml', 'examples/krm-mixed/kustomization.yaml'])('shows %s as the example has it', (file) => {
    expect(readme()).toContain(`# ${path.basename(file)}\n${exampleBody(file)}`);
  });
});
