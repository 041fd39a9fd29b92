/**
 * `--format markdown`: a pull-request comment. Summary and impact first, a table of counts
 * per kind, then one collapsible `<details>` per object with a ```diff block. Past `limit`
 * characters (GitHub refuses comments over 65,536) the objects that do not fit are left out,
 * and a note says how many and how to see them.
 */
import { objectLines } from './lines.js';
import { cut } from './show.js';
import { refString, type DiffReport, type ObjectDiff } from './model.js';
import { impactGroups, objectHeading, summaryLine } from './text.js';

/** GitHub's maximum comment body; GitLab's note limit is larger. */
export const COMMENT_LIMIT = 65_536;
/** Items listed per impact group before "and N more". */
const MAX_LISTED = 50;
/** Room kept for the truncation note. */
const NOTE_ROOM = 600;
/** A rollout reason in the summary list, at most this many code points. */
const MAX_REASON_CHARS = 160;

export function formatMarkdown(r: DiffReport, options: { limit?: number } = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const head: string[] = [];
  head.push('### kagent-render diff', '');
  head.push(`**${md(summaryLine(r.summary))}**`, '');
  head.push(`base ${code(r.base)} → head ${code(r.head)}`, '');
  const g = impactGroups(r);
  const listed = <T>(items: T[]) => (items.length > MAX_LISTED ? items.slice(0, MAX_LISTED) : items);
  if (g.rollouts.length > 0) {
    head.push('**Rolls out** (pod template changed):', '');
    let size = 0;
    let listedCount = 0;
    for (const o of listed(g.rollouts)) {
      const item = [
        `- ${code(refString(o))}`,
        ...o.rollout!.reasons.map((reason) => `  - ${code(cut(reason, MAX_REASON_CHARS))}`),
      ];
      size += item.join('\n').length + 1;
      // The summary keeps at most a quarter of the comment: the objects below need the room.
      if (size > limit / 4) break;
      head.push(...item);
      listedCount++;
    }
    head.push(...(listedCount < g.rollouts.length ? [`- … and ${g.rollouts.length - listedCount} more`] : []), '');
  }
  const group = (title: string, objects: ObjectDiff[]) => {
    if (objects.length === 0) return;
    // Each list keeps at most an eighth of the comment (names may be 300 characters long).
    const items: string[] = [];
    let size = 0;
    for (const o of listed(objects)) {
      const item = code(refString(o));
      size += item.length + 2;
      if (size > limit / 8) break;
      items.push(item);
    }
    const more = objects.length - items.length;
    const tail = more > 0 ? `${items.length > 0 ? ', ' : ''}… and ${more} more` : '';
    head.push(`**${title}**: ${items.join(', ')}${tail}`, '');
  };
  group('Changes without restart', g.withoutRestart);
  group('Created', g.created);
  group('Deleted', g.deleted);
  const kinds = Object.entries(r.summary.byKind).filter(([, c]) => c.created + c.changed + c.deleted > 0);
  if (kinds.length > 0) {
    head.push('| kind | created | changed | deleted | unchanged |', '|---|---:|---:|---:|---:|');
    for (const [k, c] of kinds) head.push(`| ${md(k)} | ${c.created} | ${c.changed} | ${c.deleted} | ${c.unchanged} |`);
    head.push('');
  }
  let text = `${head.join('\n')}\n`;
  const shown = r.objects.filter((o) => o.status !== 'deleted');
  let included = 0;
  let cutLines = false;
  for (const o of shown) {
    let block = details(o);
    const room = limit - NOTE_ROOM - text.length;
    if (block.length > room) {
      // The first object that does not fit is cut to what fits, when enough room is left to be useful.
      if (room > 2_000) {
        block = details(o, room - 200);
        cutLines = true;
        text += block;
        included++;
      }
      break;
    }
    text += block;
    included++;
  }
  if (included < shown.length || cutLines) {
    const left = shown.length - included;
    const objects = `${left} of ${shown.length} changed or created ${left === 1 ? 'object is' : 'objects are'}`;
    const cutShort = cutLines ? ' and one is cut short' : '';
    text += `> **Output truncated** to fit a comment (${limit} characters): ${objects} not shown${cutShort}.`;
    text += ' Run `kagent-render diff` locally for the whole diff.\n';
  }
  return text;
}

function details(o: ObjectDiff, maxChars?: number): string {
  const lines = objectLines(o).map((l) => `${l.mark} ${l.text}`);
  let body = lines;
  if (maxChars !== undefined) {
    body = [];
    let size = 0;
    for (const l of lines) {
      if (size + l.length + 1 > maxChars) break;
      body.push(l);
      size += l.length + 1;
    }
    if (body.length < lines.length) body.push(`  … ${lines.length - body.length} more lines not shown`);
  }
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const summary = `<summary>${html(objectHeading(o))}</summary>`;
  return `<details>${summary}\n\n${fence}diff\n${body.join('\n')}\n${fence}\n\n</details>\n\n`;
}

function longestBacktickRun(lines: string[]): number {
  let max = 0;
  for (const l of lines) for (const m of l.matchAll(/`+/g)) max = Math.max(max, m[0].length);
  return max;
}

/** Text for HTML (inside `<summary>`). */
function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text for Markdown prose: HTML escaped and Markdown's punctuation backslashed. */
function md(s: string): string {
  return html(s).replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`);
}

/** Inline code that survives any content (a fence longer than the backticks inside). */
function code(s: string): string {
  const run = Math.max(0, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length));
  const tick = '`'.repeat(run + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${tick}${pad}${s}${pad}${tick}`;
}
