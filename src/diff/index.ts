/** `kagent-render diff` core: two renders in, a report and its three printed forms out. Pure. */
export { diffRenders, type DiffSide } from './compare.js';
export { formatJson, JSON_SCHEMA_VERSION } from './json.js';
export { COMMENT_LIMIT, formatMarkdown } from './markdown.js';
export type { DiffReport, DiffSummary, FieldChange, ObjectDiff } from './model.js';
export { formatText, summaryLine } from './text.js';
