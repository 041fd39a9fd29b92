// Runs every generator, in the order their inputs require (npm run gen):
//   ../shared/crds → schemas/input → schemas/output → src/validate/validators.generated.* → src/model/input.generated.ts
// test/generated-fresh.test.ts fails when a committed generated file is not what this writes.
import { spawnSync } from 'node:child_process';

const STEPS = ['gen-input-schemas.mjs', 'gen-output-schemas.mjs', 'gen-validators.mjs', 'gen-types.mjs'];
for (const step of STEPS) {
  const r = spawnSync(process.execPath, [new URL(step, import.meta.url).pathname], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm run gen: ${step} failed`);
    process.exit(1);
  }
}
