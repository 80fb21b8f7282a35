/**
 * Parity check: ids produced elsewhere (Python's `tokenizer(text)["input_ids"]`, a tensor print, a JSON list)
 * against the ids this app computed, with the first difference located in the text.
 */
import type { TokenArrays } from './spans';

export type ParsedIds =
  | { kind: 'empty' }
  | { kind: 'ids'; ids: number[]; /** Something worth saying about what was taken, e.g. "used the first of 2 rows". */ note: string | null }
  | { kind: 'error'; message: string };

/** numpy 2 prints list items as `np.int64(5)`; torch scalars as `tensor(5)`. */
const SCALAR_WRAPPER = /\b(?:np|numpy|torch)\.\w+\(\s*(-?\d+)\s*\)|\btensor\(\s*(-?\d+)\s*\)/g;

/** Index of the bracket that closes the one at `open`, or -1. */
function matchingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Top-level `[...]` lists inside `s`, as their inner text. */
function topLevelLists(s: string): string[] | null {
  const out: string[] = [];
  for (let i = s.indexOf('['); i >= 0; i = s.indexOf('[', i)) {
    const close = matchingBracket(s, i);
    if (close < 0) return null;
    out.push(s.slice(i + 1, close));
    i = close + 1;
  }
  return out;
}

function parseFlat(body: string): ParsedIds {
  const parts = body.split(/[\s,]+/).filter(Boolean);
  const ids: number[] = [];
  for (const part of parts) {
    if (!/^-?\d+$/.test(part)) return { kind: 'error', message: `"${part.slice(0, 40)}" is not a token id. Paste ids like [1, 2], 1 2 or tensor([[1, 2]]).` };
    const id = Number(part);
    if (!Number.isSafeInteger(id)) return { kind: 'error', message: `${part.slice(0, 40)} is too large to be a token id.` };
    ids.push(id);
  }
  return { kind: 'ids', ids, note: null };
}

/**
 * Accepts `[1, 2]`, `1 2`, `1,2`, `tensor([[1, 2]])`, `array([1, 2])`, `[np.int64(1), …]`, and a whole
 * `{'input_ids': [...], 'attention_mask': [...]}` print (only `input_ids` is read). A batch of several rows
 * uses the first row and says so.
 */
export function parseIds(input: string): ParsedIds {
  let s = input.trim();
  if (s === '') return { kind: 'empty' };
  const key = s.search(/['"]?input_ids['"]?\s*[:=]/);
  if (key >= 0) s = s.slice(key).replace(/^['"]?input_ids['"]?\s*[:=]\s*/, '');
  s = s.replace(SCALAR_WRAPPER, (_, a: string | undefined, b: string | undefined) => a ?? b ?? '');
  if (!s.includes('[')) return parseFlat(s.replace(/^\w+\(|\)$/g, ''));
  let note: string | null = null;
  // Descend through `[[...]]` wrappers (batch dimension) to the innermost list of ids.
  for (;;) {
    const open = s.indexOf('[');
    const close = open < 0 ? -1 : matchingBracket(s, open);
    if (close < 0) return { kind: 'error', message: 'A "[" has no matching "]".' };
    const inner = s.slice(open + 1, close);
    if (!inner.includes('[')) {
      const parsed = parseFlat(inner);
      return parsed.kind === 'ids' ? { ...parsed, note } : parsed;
    }
    const rows = topLevelLists(inner);
    if (!rows) return { kind: 'error', message: 'A "[" has no matching "]".' };
    if (rows.length > 1 && note === null) note = `Found ${rows.length} sequences; compared the first.`;
    s = `[${rows[0]!}]`;
  }
}

export interface ParityToken {
  index: number;
  id: number;
  /** Raw vocabulary string, when known (ours always; theirs only if the same id occurs in our encoding). */
  token: string | null;
}

export type ParityResult =
  | { kind: 'identical'; count: number }
  | {
      kind: 'different';
      index: number;
      ours: ParityToken | null;
      theirs: ParityToken | null;
      oursCount: number;
      theirsCount: number;
      /** The text around the difference; `focus` is our token's text (empty when we have no token there). */
      context: { before: string; focus: string; after: string };
      /** A likely cause, e.g. `add_special_tokens` differs. */
      hint: string | null;
    };

function firstDifference(ours: ArrayLike<number>, theirs: readonly number[]): number {
  const n = Math.min(ours.length, theirs.length);
  for (let i = 0; i < n; i++) if (ours[i] !== theirs[i]) return i;
  return ours.length === theirs.length ? -1 : n;
}

function sameIds(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const CONTEXT_CHARS = 24;

export function checkParity(text: string, tokens: TokenArrays, theirs: readonly number[]): ParityResult {
  const ours = tokens.ids;
  const index = firstDifference(ours, theirs);
  if (index < 0) return { kind: 'identical', count: ours.length };

  const tokenOf = (id: number): string | null => {
    const at = ours.indexOf(id);
    return at >= 0 ? (tokens.tokens[at] ?? null) : null;
  };
  const oursToken: ParityToken | null = index < ours.length ? { index, id: ours[index]!, token: tokens.tokens[index] ?? null } : null;
  const theirsToken: ParityToken | null = index < theirs.length ? { index, id: theirs[index]!, token: tokenOf(theirs[index]!) } : null;

  // Where in the text: our token's span, or (past our last token) the end of the text.
  let start = text.length;
  let end = text.length;
  if (index < ours.length) {
    start = tokens.starts[index]!;
    end = Math.max(start, tokens.ends[index]!);
  } else if (ours.length > 0) start = end = tokens.ends[ours.length - 1]!;
  const context = {
    before: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    focus: text.slice(start, end),
    after: text.slice(end, end + CONTEXT_CHARS),
  };

  let hint: string | null = null;
  const withoutSpecial = Array.from(ours).filter((_, i) => tokens.special[i] !== 1 || tokens.starts[i]! < tokens.ends[i]!);
  if (withoutSpecial.length !== ours.length && sameIds(withoutSpecial, theirs)) hint = 'The pasted ids are ours minus the inserted special tokens: they were made with add_special_tokens=False. Turn add_special_tokens off here to match.';
  else if (theirs.length > ours.length && sameIds(ours, theirs.slice(theirs.length - ours.length))) hint = 'The pasted ids begin with tokens ours lack (special tokens?): turn add_special_tokens on here to match.';
  else if (theirs.length > ours.length && sameIds(ours, theirs.slice(0, ours.length))) hint = 'The pasted ids go on past the end of this text: was a longer text (or padding) tokenized?';

  return { kind: 'different', index, ours: oursToken, theirs: theirsToken, oursCount: ours.length, theirsCount: theirs.length, context, hint };
}
