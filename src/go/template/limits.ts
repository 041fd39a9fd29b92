/**
 * Budgets of one template parse and execution. Go's text/template has none of these (it
 * stops only at a template depth of 100000, or when memory runs out); a prompt template is
 * input, so each is bounded here and a template that exceeds one fails with the limit named
 * (`error[template-limit]`), never with a JavaScript stack overflow or out-of-memory abort.
 */
/** A parse or execution error, its message in Go's words. */
export class TemplateError extends Error {}

export const TEMPLATE_LIMITS = {
  /** Walk steps (actions, commands, arguments, list items): 1,000,000. */
  steps: 1_000_000,
  /** Output, and any one string a function returns (printf, print, ...), in UTF-8 bytes: 1 MiB. */
  outputBytes: 1 << 20,
  /** Nested template calls, control bodies and pipelines during execution: 1,000. */
  depth: 1_000,
  /** Iterations of every {{range}} of one execution together: 100,000. */
  rangeIterations: 100_000,
  /** Nesting of {{if}}/{{range}}/{{with}}/{{block}} bodies and parentheses when parsing: 100. */
  parseNesting: 100,
} as const;

export type TemplateLimit = keyof typeof TEMPLATE_LIMITS;

/** What each limit is called in messages. */
export const LIMIT_NAMES: Record<TemplateLimit, string> = {
  steps: 'execution steps',
  outputBytes: 'output bytes',
  depth: 'recursion depth',
  rangeIterations: 'range iterations',
  parseNesting: 'nesting depth',
};

/** A budget exceeded: a TemplateError whose message (Go's `template: NAME:LINE:COL: ...` form) names the limit. */
export class TemplateLimitError extends TemplateError {
  constructor(
    message: string,
    readonly limit: TemplateLimit,
  ) {
    super(message);
  }
}

export function limitText(limit: TemplateLimit): string {
  return `exceeded the template limit on ${LIMIT_NAMES[limit]} (${TEMPLATE_LIMITS[limit]})`;
}

/** Thrown by a builtin whose result would pass the output limit before it is returned. */
export class OutputTooLarge extends Error {}
