import type { SplitBehavior } from '../tokenizer-json';
import type { NormalizedString } from './normalized-string';

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
