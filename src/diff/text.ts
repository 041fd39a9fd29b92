/** `--format text`: the impact summary first, then every object's changes; ANSI colours on request. */
import { objectLines, type Line } from './lines.js';
import { refString, type DiffReport, type DiffSummary, type ObjectDiff } from './model.js';

/** `3 changed (1 Deployment rolls out, 1 without restart), 1 created, 0 deleted, 12 unchanged`. */
export function summaryLine(s: DiffSummary): string {
  if (s.changed + s.created + s.deleted === 0)
    return `no changes (${s.unchanged} ${plural(s.unchanged, 'object')} unchanged)`;
  const rollouts = `${s.rollouts} ${s.rollouts === 1 ? 'Deployment rolls' : 'Deployments roll'} out`;
  const impact = s.changed > 0 ? ` (${rollouts}, ${s.changedWithoutRestart} without restart)` : '';
  return `${s.changed} changed${impact}, ${s.created} created, ${s.deleted} deleted, ${s.unchanged} unchanged`;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** `created`, `changed`, `deleted`: the objects of each impact group, in report order. */
export function impactGroups(r: DiffReport): {
  rollouts: ObjectDiff[];
  withoutRestart: ObjectDiff[];
  created: ObjectDiff[];
  deleted: ObjectDiff[];
} {
  return {
    rollouts: r.objects.filter((o) => o.rollout),
    withoutRestart: r.objects.filter((o) => o.status === 'changed' && !o.rollout && !o.pickedUpBy),
    created: r.objects.filter((o) => o.status === 'created'),
    deleted: r.objects.filter((o) => o.status === 'deleted'),
  };
}

const SGR = {
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  reset: '\x1b[0m',
};

export function formatText(r: DiffReport, options: { color: boolean }): string {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${SGR.reset}` : s);
  const out: string[] = [];
  out.push(paint(SGR.bold, `kagent-render diff: ${r.base} → ${r.head}`));
  out.push(`Summary: ${summaryLine(r.summary)}`);
  const g = impactGroups(r);
  if (g.rollouts.length > 0) {
    out.push('', paint(SGR.bold, 'Rolls out (pod template changed):'));
    for (const o of g.rollouts) {
      out.push(`  ${refString(o)}`);
      for (const reason of o.rollout!.reasons) out.push(`    ${reason}`);
    }
  }
  const list = (title: string, objects: ObjectDiff[], suffix: (o: ObjectDiff) => string = () => '') => {
    if (objects.length === 0) return;
    out.push('', paint(SGR.bold, title));
    for (const o of objects) out.push(`  ${refString(o)}${suffix(o)}`);
  };
  const picked = r.objects.filter((o) => o.pickedUpBy);
  list('Changes picked up by a rollout:', picked, (o) => ` (by ${o.pickedUpBy!.join(', ')})`);
  list('Changes without restart:', g.withoutRestart);
  list('Created:', g.created);
  list('Deleted:', g.deleted);
  const kinds = Object.entries(r.summary.byKind).filter(([, c]) => c.created + c.changed + c.deleted > 0);
  if (kinds.length > 0) {
    out.push('', paint(SGR.bold, 'Per kind:'));
    const width = Math.max(...kinds.map(([k]) => k.length), 4);
    out.push(`  ${'kind'.padEnd(width)}  created  changed  deleted  unchanged`);
    for (const [k, c] of kinds) {
      const counts = `${pad(c.created, 7)}  ${pad(c.changed, 7)}  ${pad(c.deleted, 7)}  ${pad(c.unchanged, 9)}`;
      out.push(`  ${k.padEnd(width)}  ${counts}`);
    }
  }
  for (const o of r.objects) {
    out.push('', paint(SGR.bold, objectHeading(o)));
    if (o.status === 'deleted') continue;
    for (const l of objectLines(o)) out.push(paintLine(l, paint));
  }
  return `${out.join('\n')}\n`;
}

export function objectHeading(o: ObjectDiff): string {
  const mark = o.status === 'created' ? '+' : o.status === 'deleted' ? '-' : '~';
  const what =
    o.status === 'changed'
      ? o.rollout
        ? 'changed, rolls out'
        : o.pickedUpBy
          ? `changed, picked up by the rollout of ${o.pickedUpBy.join(', ')}`
          : 'changed, no restart'
      : o.status;
  return `${mark} ${refString(o)} (${what})`;
}

function paintLine(l: Line, paint: (code: string, s: string) => string): string {
  const text = `${l.mark} ${l.text}`;
  if (l.role === 'document') return paint(SGR.cyan, text);
  if (l.mark === '+') return paint(SGR.green, text);
  if (l.mark === '-') return paint(SGR.red, text);
  return l.role === 'note' ? paint(SGR.yellow, text) : text;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w);
}
