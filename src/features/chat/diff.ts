/**
 * A word diff (longest common subsequence over words, whitespace runs and `<...>` markers) between two rendered
 * prompts, for the template comparison: the shared message text lines up and the template's markup stands out.
 * Prompts are small, so the quadratic table is fine; above the cap we give up and say so.
 */
export type DiffOp = { op: 'same' | 'add' | 'del'; text: string };

const MAX_CELLS = 4_000_000;

/** Pieces cover the text exactly, so joining the `same` + `add` parts gives `b` back. */
export function splitWords(s: string): string[] {
  return s.match(/<[^<>\s]{1,60}>|\s+|[^\s<]+|</g) ?? [];
}

export function diffWords(a: string, b: string): DiffOp[] | null {
  const x = splitWords(a);
  const y = splitWords(b);
  const n = x.length;
  const m = y.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const out: DiffOp[] = [];
  const push = (op: DiffOp['op'], text: string) => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push('same', x[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) push('del', x[i++]!);
    else push('add', y[j++]!);
  }
  while (i < n) push('del', x[i++]!);
  while (j < m) push('add', y[j++]!);
  return out;
}
