/** What every compile step of one Agent shares: the agent, the input index, settings and the diagnostics sink. */
import type { RuleId } from '../../diagnostics/rules.js';
import { at, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { keyOf, type FieldPath, type InputObject } from '../../model/source.js';
import type { ObjectIndex } from '../../index/objects.js';
import type { Settings } from '../../settings/settings.js';

export class AgentContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly agent: InputObject,
    readonly index: ObjectIndex,
    readonly settings: Settings,
  ) {}

  /** An error located at a field of the Agent. */
  error(path: FieldPath, rule: RuleId, message: string): void {
    this.diagnostics.push(at(this.agent.origin, path, 'error', rule, message, keyOf(this.agent)));
  }

  /** An error located at a field of another input object (a ModelConfig, a RemoteMCPServer). */
  errorIn(obj: InputObject, path: FieldPath, rule: RuleId, message: string): void {
    this.diagnostics.push(at(obj.origin, path, 'error', rule, message, keyOf(obj)));
  }

  /** Run `step`, prefixing every error it reports, as upstream wraps the error of a nested step (`fmt.Errorf("...: %w")`). */
  wrapErrors<T>(prefix: string, step: () => T): T {
    const first = this.diagnostics.length;
    const result = step();
    for (const d of this.diagnostics.slice(first)) d.message = `${prefix}: ${d.message}`;
    return result;
  }
}
