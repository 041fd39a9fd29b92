/** Go's text/template, as far as kagent prompt templates need it: see template.ts. */
export * from './template.js';
