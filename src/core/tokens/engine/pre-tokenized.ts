import type { SplitBehavior } from '../tokenizer-json';
import type { NormalizedString } from './normalized-string';
import { CHAR_PUNCTUATION, CHAR_WHITESPACE, charFlags } from './unicode';
import { fromSurrogates, isHighSurrogate, isLowSurrogate } from '../../text/utf16';

/** A model token inside one split: offsets are normalized UTF-16 units of that split. */
export interface Token {
  id: number;
  value: string;
  start: number;
  end: number;
}

export interface Split {
  n: NormalizedString;
  /** Set once the split is tokenized (an added token, or after the model ran). */
  tokens: Token[] | null;
}

type Piece = [start: number, end: number, isMatch: boolean];

/** Rust `find_matches`: the matches of a pattern plus the gaps between them, covering the whole string. */
export function matchesToPieces(matches: ReadonlyArray<readonly [number, number]>, length: number): Piece[] {
  if (length === 0) return [[0, 0, false]];
  const pieces: Piece[] = [];
  let prev = 0;
  for (const [s, e] of matches) {
    if (prev !== s) pieces.push([prev, s, false]);
    pieces.push([s, e, true]);
    prev = e;
  }
  if (prev !== length) pieces.push([prev, length, false]);
  return pieces;
}

/** Rust `NormalizedString::split` with a `SplitDelimiterBehavior`. */
export function splitNormalized(n: NormalizedString, pieces: Piece[], behavior: SplitBehavior, invert = false): NormalizedString[] {
  if (invert) pieces = pieces.map(([s, e, m]) => [s, e, !m]);
  let ranges: Array<[number, number]>;
  switch (behavior) {
    case 'Removed':
      ranges = pieces.filter((p) => !p[2]).map(([s, e]) => [s, e]);
      break;
    case 'Isolated':
      ranges = pieces.map(([s, e]) => [s, e]);
      break;
    case 'MergedWithPrevious': {
      ranges = [];
      let previousMatch = false;
      for (const [s, e, m] of pieces) {
        const last = ranges[ranges.length - 1];
        if (m && !previousMatch && last) last[1] = e;
        else ranges.push([s, e]);
        previousMatch = m;
      }
      break;
    }
    case 'MergedWithNext': {
      ranges = [];
      let previousMatch = false;
      for (let i = pieces.length - 1; i >= 0; i--) {
        const [s, e, m] = pieces[i]!;
        const last = ranges[ranges.length - 1];
        if (m && !previousMatch && last) last[0] = s;
        else ranges.push([s, e]);
        previousMatch = m;
      }
      ranges.reverse();
      break;
    }
    case 'Contiguous': {
      ranges = [];
      let previousMatch = false;
      for (const [s, e, m] of pieces) {
        const last = ranges[ranges.length - 1];
        if (m === previousMatch && last) last[1] = e;
        else ranges.push([s, e]);
        previousMatch = m;
      }
      break;
    }
    default: {
      const unknown: never = behavior;
      throw new Error(`Unsupported split behavior: ${String(unknown)}`);
    }
  }
  const out: NormalizedString[] = [];
  for (const [s, e] of ranges) if (e > s) out.push(n.slice(s, e));
  return out;
}

/** Apply `fn` to every split not yet tokenized, replacing it with the pieces it returns (empty ones dropped). */
export function splitEach(splits: Split[], fn: (n: NormalizedString) => NormalizedString[]): Split[] {
  const out: Split[] = [];
  for (const split of splits) {
    if (split.tokens) { out.push(split); continue; }
    for (const piece of fn(split.n)) if (piece.length > 0) out.push({ n: piece, tokens: null });
  }
  return out;
}

/** Split on single characters that satisfy `test` (Rust's `split(char-predicate, behavior)`). */
export function charPieces(s: string, test: (c: string) => boolean): Array<[number, number]> {
  const matches: Array<[number, number]> = [];
  let i = 0;
  for (const c of s) {
    if (test(c)) matches.push([i, i + c.length]);
    i += c.length;
  }
  return matches;
}

/**
 * `splitEach` for pre-tokenizers that cut one word at a time: `fn` appends the word's pieces to `out` itself (with
 * `pushPiece`), so no per-word arrays of matches, pieces and ranges are built.
 */
export function splitEachInto(splits: Split[], fn: (n: NormalizedString, out: Split[]) => void): Split[] {
  const out: Split[] = [];
  for (const split of splits) {
    if (split.tokens) out.push(split);
    else fn(split.n, out);
  }
  return out;
}

/** Append piece `[start, end)` of `n`, unless it is empty (Rust drops empty splits). */
export function pushPiece(out: Split[], n: NormalizedString, start: number, end: number): void {
  if (end > start) out.push({ n: n.slice(start, end), tokens: null });
}

/**
 * Rust's split on the matches of `re` with the `Isolated` behaviour (either `invert`): each match and each gap between
 * matches is a piece; with `keepGaps` false, only the matches are (`Removed` with `invert`: the gaps are what is
 * removed). The same pieces as `matchesToPieces(findAll(...))` then `splitNormalized`: an empty match only separates
 * the text around it, and one at the very end is not a match at all (see `findAll`).
 *
 * Token-splitting patterns match almost everywhere, so each match is first tried where the previous one ended with
 * a sticky copy of the pattern: `test` builds no match array or match string, and a match found there is the one
 * the global search would find (same pattern, same start). Only where that fails does the global search look ahead.
 */
export function splitOnMatches(n: NormalizedString, re: RegExp, out: Split[], keepGaps = true): void {
  const s = n.s;
  const sticky = stickyCopy(re);
  let prev = 0; // end of the previous match
  let from = 0; // where the next search starts (past an empty match, one character further)
  while (from <= s.length) {
    let start: number, end: number;
    sticky.lastIndex = from;
    if (sticky.test(s)) {
      start = from;
      end = sticky.lastIndex;
    } else {
      re.lastIndex = from;
      const m = re.exec(s);
      if (m === null) break;
      start = m.index;
      end = start + m[0].length;
    }
    if (end === start) {
      if (start >= s.length) break;
      from = start + (s.codePointAt(start)! > 0xffff ? 2 : 1);
    } else from = end;
    if (keepGaps) pushPiece(out, n, prev, start);
    pushPiece(out, n, start, end);
    prev = end;
  }
  if (keepGaps) pushPiece(out, n, prev, s.length);
}

const stickyCopies = new WeakMap<RegExp, RegExp>();

function stickyCopy(re: RegExp): RegExp {
  let sticky = stickyCopies.get(re);
  if (!sticky) {
    sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y');
    stickyCopies.set(re, sticky);
  }
  return sticky;
}

/**
 * BertPreTokenizer in one pass: whitespace separates words and is dropped, and every punctuation character is a
 * word of its own. The same pieces as its two Rust steps (split on whitespace, `Removed`; then on punctuation,
 * `Isolated`), since both test single characters.
 */
export function splitBert(n: NormalizedString, out: Split[]): void {
  const s = n.s;
  let word = -1;
  for (let i = 0; i < s.length;) {
    const at = i;
    const cp = codePointAt(s, i);
    i += cp > 0xffff ? 2 : 1;
    const flags = charFlags(cp);
    if ((flags & CHAR_WHITESPACE) !== 0) {
      if (word >= 0) pushPiece(out, n, word, at);
      word = -1;
    } else if ((flags & CHAR_PUNCTUATION) !== 0) {
      if (word >= 0) pushPiece(out, n, word, at);
      word = -1;
      pushPiece(out, n, at, i);
    } else if (word < 0) word = at;
  }
  if (word >= 0) pushPiece(out, n, word, s.length);
}

/** The code point at `i`, a lone surrogate being its own code point (as `for (const c of s)` yields it). */
function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (!isHighSurrogate(c) || i + 1 >= s.length) return c;
  const low = s.charCodeAt(i + 1);
  return isLowSurrogate(low) ? fromSurrogates(c, low) : c;
}
