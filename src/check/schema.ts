/** Emitted objects against schemas/output (compiled at build time into validators.generated.mjs). */
import type { ValidateFunction } from 'ajv';
import type { K8sObject } from '../model/k8s.js';
import * as generated from '../validate/validators.generated.mjs';
import type { RuleId } from '../diagnostics/rules.js';

export interface Problem {
  rule: RuleId;
  message: string;
}

const VALIDATORS = generated as unknown as Record<string, ValidateFunction | undefined>;

export function schemaProblems(o: K8sObject): Problem[] {
  const validate = VALIDATORS[`Output_${o.kind}`];
  if (!validate) return [{ rule: 'output-schema', message: `no output schema for ${o.apiVersion} ${o.kind}` }];
  if (validate(o)) return [];
  return (validate.errors ?? []).map((e) => ({
    rule: 'output-schema',
    message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  }));
}
