/**
 * The Foundry endpoint of a ModelConfig: `foundry.endpoint`, or the value of a ConfigMap key
 * named by `foundry.endpointFrom` (such as one Azure Service Operator writes), read in the
 * ModelConfig's namespace (reference §2.1, §8).
 */
import type { ModelConfigSpec } from '../../model/input.js';
import type { InputObject } from '../../model/source.js';
import type { AgentContext } from './context.js';

type Obj = Record<string, any>;

/** The endpoint, or undefined after reporting why there is none. */
export function foundryEndpoint(
  ctx: AgentContext,
  mc: InputObject,
  foundry: NonNullable<ModelConfigSpec['foundry']>,
): string | undefined {
  const from = foundry.endpointFrom;
  const path = ['spec', 'foundry', from ? 'endpointFrom' : 'endpoint'];
  let endpoint: string = foundry.endpoint ?? '';
  let source = 'spec.foundry.endpoint is empty; set it or foundry.endpointFrom';
  if (from) {
    const name = String(from.name ?? '');
    const key = String(from.key ?? '');
    const where = `${mc.namespace}/${name}`;
    const cm = ctx.index.get('ConfigMap', mc.namespace, name);
    if (!cm) {
      ctx.errorIn(
        mc,
        [...path, 'name'],
        'ref-missing',
        `failed to get Foundry endpoint config map ${where}: configmaps "${name}" not found; add the ConfigMap to the input or fix endpointFrom.name`,
      );
      return undefined;
    }
    const value: unknown = ((cm.body.data as Obj | undefined) ?? {})[key];
    // `optional` only forgives a missing key; the endpoint is still required below.
    if (typeof value !== 'string' && from.optional !== true) {
      ctx.errorIn(
        mc,
        [...path, 'key'],
        'ref-missing-key',
        `the Foundry endpoint config map ${where} does not contain key "${key}"`,
      );
      return undefined;
    }
    endpoint = typeof value === 'string' ? value : '';
    source =
      typeof value === 'string'
        ? `key "${key}" of config map ${where} is empty`
        : `config map ${where} has no key "${key}" (endpointFrom is optional)`;
  }
  if (endpoint === '') {
    ctx.errorIn(mc, path, 'model-foundry-endpoint-unresolved', `foundry endpoint could not be resolved: ${source}`);
    return undefined;
  }
  return endpoint;
}
