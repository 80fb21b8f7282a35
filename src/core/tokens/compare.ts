/**
 * Pure analysis behind the compare view: per-tokenizer statistics, which one is best at each, and the
 * positions where tokenizers cut the same text differently. No DOM, so it runs in Node tests.
 */
import { tokenCount, type TokenArrays } from './spans';
import { utf8Length } from './bytes';
import { isLowSurrogate } from '../text/utf16';

// ------------------------------------------------------------------------------------------------ words

/** Texts are segmented in pieces of about this many UTF-16 units (cut at whitespace, which always ends a word). */
const WORD_CHUNK = 1000;

/**
 * "Words" are Unicode word segments (UAX #29, `Intl.Segmenter` with `granularity: 'word'`) whose `isWordLike`
 * is true: letters and numbers, not spaces or punctuation. Chinese and Japanese are split by ICU's dictionary.
 *
 * A generator so the UI can spread a long text over several tasks: V8's segmenter takes ~130 ms for 50k
 * characters even in chunks (and far longer in one piece), more than one frame should ever block.
 * Each `yield` hands back the count so far; the return value is the total.
 */
export function* countWordsInSteps(text: string, chunk = WORD_CHUNK): Generator<number, number> {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  let words = 0;
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + chunk);
    if (to < text.length) {
      // Cut at whitespace when there is some nearby; a text without any (CJK) is cut where it is.
      const ws = text.slice(to, to + 200).search(/\s/);
      if (ws >= 0) to += ws;
      else if (isLowSurrogate(text.charCodeAt(to))) to++;
    }
    for (const s of segmenter.segment(text.slice(from, to))) if (s.isWordLike) words++;
    from = to;
    if (from < text.length) yield words;
  }
  return words;
}

export function countWords(text: string): number {
  const steps = countWordsInSteps(text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// ------------------------------------------------------------------------------------------------ stats

export interface CompareStats {
  tokens: number;
  /** Unicode code points per token; null for zero tokens. */
  charsPerToken: number | null;
  /** UTF-8 bytes of the text per token. */
  bytesPerToken: number | null;
  /** Words per token (see `countWordsInSteps`); null while words are still being counted. */
  wordsPerToken: number | null;
  /** Fertility in the usual sense: tokens per word. */
  tokensPerWord: number | null;
  vocabSize: number | null;
  /** Share (0..1) of the text's code points that lie inside a token spanning two or more code points. */
  multiCharShare: number | null;
}

/**
 * Code points covered by tokens longer than one code point. Byte tokens that split one emoji all span that one
 * character, so they do not count; inserted tokens (BOS) span nothing; text no token covers counts as uncovered.
 */
export function multiCharCoverage(text: string, tokens: TokenArrays): number {
  const n = text.length;
  if (n === 0) return 0;
  const covered = new Uint8Array(n);
  const { starts, ends } = tokens;
  for (let i = 0; i < starts.length; i++) {
    const s = Math.max(0, starts[i]!);
    const e = Math.min(n, ends[i]!);
    if (e - s < 2) continue;
    // Two UTF-16 units may be a single astral character, which is not "longer than one character".
    if (e - s === 2 && isLowSurrogate(text.charCodeAt(s + 1)) && !isLowSurrogate(text.charCodeAt(s))) continue;
    covered.fill(1, s, e);
  }
  let coveredPoints = 0;
  let points = 0;
  for (let i = 0; i < n; i++) {
    if (isLowSurrogate(text.charCodeAt(i)) && i > 0 && !isLowSurrogate(text.charCodeAt(i - 1))) continue;
    points++;
    coveredPoints += covered[i]!;
  }
  return coveredPoints / points;
}

export interface TextMeasures {
  characters: number;
  utf8Bytes: number;
  /** null while still being counted. */
  words: number | null;
}

export function measureText(text: string, words: number | null): TextMeasures {
  let characters = 0;
  for (let i = 0; i < text.length; i++) if (!(isLowSurrogate(text.charCodeAt(i)) && i > 0 && !isLowSurrogate(text.charCodeAt(i - 1)))) characters++;
  return { characters, utf8Bytes: utf8Length(text), words };
}

export function compareStats(text: string, measures: TextMeasures, tokens: TokenArrays, vocabSize: number | null): CompareStats {
  const count = tokenCount(tokens);
  const per = (x: number | null) => (x == null || count === 0 ? null : x / count);
  return {
    tokens: count,
    charsPerToken: per(measures.characters),
    bytesPerToken: per(measures.utf8Bytes),
    wordsPerToken: per(measures.words),
    tokensPerWord: measures.words ? count / measures.words : null,
    vocabSize,
    multiCharShare: text.length === 0 ? null : multiCharCoverage(text, tokens),
  };
}

export type StatKey = keyof CompareStats;

/** Which direction is better for each statistic; null where no value is "best" (vocabulary size is a trade-off). */
export const BETTER: Record<StatKey, 'min' | 'max' | null> = {
  tokens: 'min',
  charsPerToken: 'max',
  bytesPerToken: 'max',
  wordsPerToken: 'max',
  tokensPerWord: 'min',
  vocabSize: null,
  multiCharShare: 'max',
};

/** Indices of the best value (ties all win); empty when the column has no "best" or fewer than two values. */
export function bestIndices(values: ReadonlyArray<number | null>, better: 'min' | 'max' | null): number[] {
  if (!better) return [];
  const known = values.filter((v): v is number => v != null);
  if (known.length < 2) return [];
  const target = better === 'min' ? Math.min(...known) : Math.max(...known);
  // Ratios are compared at display precision, so "4.31" and "4.31" never disagree about who is best.
  const same = (v: number) => Math.abs(v - target) <= Math.abs(target) * 1e-9;
  return values.flatMap((v, i) => (v != null && same(v) ? [i] : []));
}

/** Sorts row indices by a statistic; missing values go last in either direction. Stable. */
export function sortRows(stats: ReadonlyArray<CompareStats | null>, key: StatKey | null, direction: 'asc' | 'desc'): number[] {
  const order = stats.map((_, i) => i);
  if (!key) return order;
  const sign = direction === 'asc' ? 1 : -1;
  return order.sort((a, b) => {
    const va = stats[a]?.[key] ?? null;
    const vb = stats[b]?.[key] ?? null;
    if (va == null || vb == null) return va == null ? (vb == null ? 0 : 1) : -1;
    return (va - vb) * sign;
  });
}

// ------------------------------------------------------------------------------------------------ boundaries

/**
 * Where a tokenizer cuts the text: every start and end of a token that covers text, in UTF-16 units,
 * sorted and without duplicates. The text's own ends (0 and `length`) are not cuts; inserted tokens have none.
 */
export function cutPositions(textLength: number, tokens: TokenArrays): Int32Array {
  const { starts, ends } = tokens;
  const seen = new Uint8Array(textLength + 1);
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    if (s >= e) continue;
    if (s > 0 && s < textLength) seen[s] = 1;
    if (e > 0 && e < textLength) seen[e] = 1;
  }
  let n = 0;
  for (let p = 0; p <= textLength; p++) n += seen[p]!;
  const out = new Int32Array(n);
  let k = 0;
  for (let p = 0; p <= textLength; p++) if (seen[p]) out[k++] = p;
  return out;
}

export interface BoundaryDiff {
  /** Positions (UTF-16 units, ascending) where some but not all tokenizers cut. */
  positions: Int32Array;
  /** Bit t of `cutBy[k]` is set when tokenizer t cuts at `positions[k]` (at most 31 tokenizers). */
  cutBy: Int32Array;
  /** Positions where every tokenizer cuts. */
  shared: number;
}

export function boundaryDiff(textLength: number, cuts: readonly Int32Array[]): BoundaryDiff {
  const all = (1 << cuts.length) - 1;
  const mask = new Int32Array(textLength + 1);
  cuts.forEach((list, t) => {
    for (let k = 0; k < list.length; k++) mask[list[k]!]! |= 1 << t;
  });
  const positions: number[] = [];
  const cutBy: number[] = [];
  let shared = 0;
  for (let p = 0; p <= textLength; p++) {
    const m = mask[p]!;
    if (m === 0) continue;
    if (m === all) shared++;
    else {
      positions.push(p);
      cutBy.push(m);
    }
  }
  return { positions: Int32Array.from(positions), cutBy: Int32Array.from(cutBy), shared };
}

/** Tokens `first .. last - 1`, all over the text `[start, end)` (several when byte tokens share one character). */
export interface TokenGroup {
  first: number;
  last: number;
  start: number;
  end: number;
}

/**
 * Finds tokens by text position. Tokens that cover text are grouped by span and kept sorted by start in
 * typed arrays (one pass, no objects per token), so building is cheap and a lookup is a binary search.
 */
export class SpanIndex {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly firsts: Int32Array;
  private readonly lasts: Int32Array;
  private readonly cache = new Map<number, TokenGroup>();
  readonly size: number;

  constructor(tokens: TokenArrays) {
    const { starts, ends } = tokens;
    const n = starts.length;
    const gs = new Int32Array(n);
    const ge = new Int32Array(n);
    const gf = new Int32Array(n);
    const gl = new Int32Array(n);
    let g = 0;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const s = starts[i]!;
      const e = ends[i]!;
      if (s >= e) continue;
      if (g > 0 && gs[g - 1] === s && ge[g - 1] === e && gl[g - 1] === i) {
        gl[g - 1] = i + 1;
        continue;
      }
      if (g > 0 && s < gs[g - 1]!) sorted = false;
      gs[g] = s;
      ge[g] = e;
      gf[g] = i;
      gl[g] = i + 1;
      g++;
    }
    this.size = g;
    if (sorted) {
      this.starts = gs.subarray(0, g);
      this.ends = ge.subarray(0, g);
      this.firsts = gf.subarray(0, g);
      this.lasts = gl.subarray(0, g);
    } else {
      // Offsets are monotonic for every bundled tokenizer; sorting keeps lookups right if one ever is not.
      const order = Array.from({ length: g }, (_, k) => k).sort((a, b) => gs[a]! - gs[b]! || gf[a]! - gf[b]!);
      this.starts = Int32Array.from(order, (k) => gs[k]!);
      this.ends = Int32Array.from(order, (k) => ge[k]!);
      this.firsts = Int32Array.from(order, (k) => gf[k]!);
      this.lasts = Int32Array.from(order, (k) => gl[k]!);
    }
  }

  /** The group covering UTF-16 unit `q` (start <= q < end), or null when no token covers it. The same object for the same group. */
  covering(q: number): TokenGroup | null {
    let lo = 0;
    let hi = this.size - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= q) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0 || this.ends[found]! <= q) return null;
    let group = this.cache.get(found);
    if (!group) {
      group = { first: this.firsts[found]!, last: this.lasts[found]!, start: this.starts[found]!, end: this.ends[found]! };
      this.cache.set(found, group);
    }
    return group;
  }
}

export interface TokenAtBoundary {
  /** Does this tokenizer cut at the position? */
  cuts: boolean;
  /** Token(s) just before the position; when the tokenizer does not cut there, the token spanning it. */
  before: TokenGroup | null;
  /** Token(s) just after the position (the same group as `before` when it spans the position). */
  after: TokenGroup | null;
}

export function tokensAtBoundary(index: SpanIndex, position: number): TokenAtBoundary {
  const before = position > 0 ? index.covering(position - 1) : null;
  const after = index.covering(position);
  const spanning = before !== null && before === after;
  return { cuts: !spanning, before, after: spanning ? before : after };
}

/** Ids of a group, e.g. `[9906]` or `[9468, 247, 224]` for byte tokens of one emoji. */
export function groupIds(tokens: TokenArrays, group: TokenGroup): number[] {
  return Array.from(tokens.ids.subarray(group.first, group.last));
}
