/**
 * Generated files are committed and must be what `npm run gen` writes today (scripts/gen.mjs).
 * The schemas and the validator module have their own freshness tests beside the oracle
 * checks (schemas-agree-with-crds, output-schemas); these are the rest.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { generateTypes, TYPES_OUT } from '../scripts/gen-validators.mjs';
// @ts-expect-error plain ESM script without types
import { generate as generateModel, OUT as MODEL_OUT } from '../scripts/gen-types.mjs';

describe('generated files (run `npm run gen` when these fail)', () => {
  it.each([
    ['src/validate/validators.generated.d.mts', TYPES_OUT, generateTypes],
    ['src/model/input.generated.ts', MODEL_OUT, generateModel],
  ] as const)('%s is what its generator writes today', (_name, file: string, generate: () => string) => {
    expect(readFileSync(file, 'utf8') === generate()).toBe(true);
  });

  it('types every input kind the validators check', () => {
    const model = readFileSync(MODEL_OUT, 'utf8');
    for (const kind of ['Agent', 'MCPServer', 'ModelConfig', 'RemoteMCPServer']) {
      expect(model).toContain(`export interface ${kind} {`);
      expect(readFileSync(TYPES_OUT, 'utf8')).toContain(`export declare const ${kind}: ValidateFunction;`);
    }
  });
});
