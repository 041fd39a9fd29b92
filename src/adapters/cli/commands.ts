/**
 * Every command and its own flags, in one table: the parser (args.ts), the per-command
 * `--help`, the global usage and the flag tables of docs/commands.md are all generated from it
 * and SETTING_FLAGS (src/settings/flags.ts), so they cannot disagree (test/docs.test.ts).
 */
export type CommandName = 'build' | 'validate' | 'graph' | 'pre-commit' | 'diff';

export interface CommandFlag {
  flag: string;
  short?: string;
  metavar?: string;
  values?: readonly string[];
  help: string;
  defaultText?: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  example: string;
  /** Flags of this command; settings flags too when `settings` is true. */
  flags: readonly CommandFlag[];
  settings: boolean;
}

const CONFIG: CommandFlag = {
  flag: '--config',
  metavar: 'FILE',
  help: 'read settings from FILE instead of the nearest kagent-render.yaml',
};
const PRINT_SETTINGS: CommandFlag = {
  flag: '--print-settings',
  help: 'print the effective settings and where each comes from, then exit',
};
const QUIET: CommandFlag = { flag: '--quiet', short: '-q', help: 'print errors only: no warnings, no summary' };
/** `-o DIR` and `--check`, of the commands that write a directory. */
function outputDir(help: string, defaultText: string, check: string): CommandFlag[] {
  return [
    { flag: '--output', short: '-o', metavar: 'DIR', help, defaultText },
    { flag: '--check', help: check },
  ];
}
/** The flags of every command that renders. */
const COMMON = [CONFIG, PRINT_SETTINGS, QUIET];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'build',
    usage: 'kagent-render build [PATH...|-] [-o DIR [--check]] [--format yaml|json] [settings flags]',
    summary:
      'Render Agents and MCPServers into Kubernetes objects: YAML on stdout, or one file per source object in DIR.',
    example: 'kagent-render build agents/ -o rendered',
    settings: true,
    flags: [
      ...outputDir(
        'write one file per source object plus kustomization.yaml into DIR',
        'stdout',
        'with -o: write nothing; exit 1 with a unified diff when DIR is out of date',
      ),
      {
        flag: '--format',
        values: ['yaml', 'json'],
        help: 'stdout format (json: one v1 List); not with -o',
        defaultText: 'yaml',
      },
      ...COMMON,
    ],
  },
  {
    name: 'validate',
    usage: 'kagent-render validate [PATH...|-] [settings flags]',
    summary: 'Check the inputs (schema, references, lint) and the objects they would render; print nothing on success.',
    example: 'kagent-render validate agents/ --profile controller',
    settings: true,
    flags: COMMON,
  },
  {
    name: 'graph',
    usage: 'kagent-render graph [PATH...|-] [--format mermaid|dot|json] [-o FILE] [settings flags]',
    summary: 'Draw what uses what: Agent → tools and ModelConfigs → TLS Secrets, ConfigMaps; exit 1 on input errors.',
    example: 'kagent-render graph agents/ --format dot -o agents.dot',
    settings: true,
    flags: [
      { flag: '--output', short: '-o', metavar: 'FILE', help: 'write the graph to FILE', defaultText: 'stdout' },
      { flag: '--format', values: ['mermaid', 'dot', 'json'], help: 'graph format', defaultText: 'mermaid' },
      ...COMMON,
    ],
  },
  {
    name: 'pre-commit',
    usage: 'kagent-render pre-commit [PATH...] [-o DIR] [--check] [settings flags]',
    summary:
      'The pre-commit hook: render into a committed directory; exit 1 when that changed a file ' +
      '(or, with --check, when it is out of date).',
    example: 'kagent-render pre-commit agents --output rendered',
    settings: true,
    flags: [
      ...outputDir(
        'the committed output directory',
        'rendered',
        'write nothing; exit 1 with a unified diff when DIR is out of date',
      ),
      ...COMMON,
    ],
  },
  {
    name: 'diff',
    usage:
      'kagent-render diff [PATH...] [--base REF] [--head REF] [--dirs OLD NEW] [--format text|markdown|json] [settings flags]',
    summary:
      'What a change does to the rendered objects: both sides rendered as build would (each with its own ' +
      'kagent-render.yaml), an impact summary (rollouts and why), changes by field path, Secret values never shown. ' +
      'Exit 0 no change, 1 changes (or invalid input on a side), 2 usage error.',
    example: 'kagent-render diff agents --base origin/main --format markdown',
    settings: true,
    flags: [
      { flag: '--base', metavar: 'REF', help: 'git ref of the old side', defaultText: 'HEAD' },
      { flag: '--head', metavar: 'REF', help: 'git ref of the new side', defaultText: 'the working tree' },
      {
        flag: '--dirs',
        metavar: 'OLD NEW',
        help: 'compare two directories instead of git refs (PATHs relative to each)',
      },
      {
        flag: '--format',
        values: ['text', 'markdown', 'json'],
        help: 'report format (markdown: a PR comment)',
        defaultText: 'text',
      },
      {
        flag: '--color',
        values: ['auto', 'always', 'never'],
        help: 'colour the text report',
        defaultText: 'auto (a terminal without NO_COLOR)',
      },
      { flag: '--exit-zero', help: 'exit 0 when there are changes (CI steps that only comment)' },
      CONFIG,
      QUIET,
    ],
  },
];

/** Commands without a flag table of their own (no settings flags): usage and summary only. */
export const OTHER_COMMANDS: ReadonlyArray<Pick<CommandSpec, 'name' | 'usage' | 'summary' | 'example'>> = [
  {
    name: 'krm',
    usage: 'kagent-render krm',
    summary: 'KRM function: a ResourceList on stdin, a ResourceList on stdout; settings from functionConfig.',
    example: 'kpt fn eval agents/ --exec kagent-render-krm',
  },
  {
    name: 'kustomize-plugin',
    usage: 'kagent-render kustomize-plugin CONFIG',
    summary:
      'kustomize legacy exec plugin (KUSTOMIZE_PLUGIN_HOME): CONFIG is the KagentRender object kustomize passes.',
    example: 'KUSTOMIZE_PLUGIN_HOME=$PWD/deploy/kustomize/plugin kubectl kustomize --enable-alpha-plugins .',
  },
  {
    name: 'argocd',
    usage: 'kagent-render argocd discover|generate [--print-settings]',
    summary: 'Argo CD config management plugin; settings from ARGOCD_ENV_KAGENT_RENDER_* and plugin parameters.',
    example: 'ARGOCD_ENV_KAGENT_RENDER_PROFILE=controller kagent-render argocd generate',
  },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
