/**
 * Commands the README shows, as the end-to-end tests run them: test/readme.test.ts checks
 * that each appears verbatim in README.md, so the copy-paste blocks cannot drift from what
 * is tested.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './tools.js';

export const README_COMMANDS = {
  kustomizeExec: 'kustomize build --enable-alpha-plugins --enable-exec examples/krm-mixed',
  kustomizeLegacy: 'KUSTOMIZE_PLUGIN_HOME=$PWD/deploy/kustomize/plugin kubectl kustomize --enable-alpha-plugins .',
  kptEvalInstalled: 'kpt fn eval examples/krm-mixed --exec kagent-render-krm',
  kptEvalWrapper: 'kpt fn eval agents/ --exec deploy/kpt/kagent-render-krm -- keepInputs=true',
} as const;

/** The words of a README command after its program name, with the README's placeholders replaced. */
export function argsOf(command: string, replace: Record<string, string> = {}): string[] {
  const words = command.replace(/^[A-Z_]+=\S+ /, '').split(' ').slice(1);
  return words.map((w) => replace[w] ?? w);
}

export function readme(): string {
  return readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
}
