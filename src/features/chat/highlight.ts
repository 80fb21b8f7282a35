/** Split a rendered prompt into plain runs and special-token runs (for highlighting; the text is unchanged). */
export interface Run {
  text: string;
  special: boolean;
}

/** Above this, the prompt is shown as one run: highlighting a multi-megabyte output would only slow the page. */
const MAX_HIGHLIGHT = 200_000;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function specialRuns(text: string, specials: readonly string[]): Run[] {
  const list = [...new Set(specials.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (!list.length || text.length > MAX_HIGHLIGHT) return text ? [{ text, special: false }] : [];
  const re = new RegExp(list.map(escape).join('|'), 'g');
  const runs: Run[] = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), special: false });
    runs.push({ text: m[0], special: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), special: false });
  return runs;
}
