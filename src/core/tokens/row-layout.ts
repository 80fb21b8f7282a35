/**
 * Rows of the text view without per-token objects. `buildSegments` + `chunkSegments` (core/tokens/spans.ts) make one
 * object per token, which on a 1 MB text (~250k tokens) is a long task on every keystroke. Here one pass over the
 * typed arrays records only where each row starts and ends; a row's segments are rebuilt when it is drawn, and
 * equal what `buildSegments` gives for that stretch (tests/unit/row-layout.test.ts).
 */
import { buildSegmentsIn, type Segment } from './spans';
import { changedRange, type TextEdit } from '../text/text-edit';
import type { TextSource } from '../text/text-source';
import type { SpanArrays } from './engine/chunked';

/** Only what the layout and the DOM contract need of each token: the engine's span arrays, as the worker sends them. */
export type TokenSpans = SpanArrays;

/** Tokens `[from, to)` of `spans`, copied (not views): what outlives the result they came from. */
export function copySpans({ ids, starts, ends, special }: TokenSpans, from = 0, to = ids.length): TokenSpans {
  return { ids: ids.slice(from, to), starts: starts.slice(from, to), ends: ends.slice(from, to), special: special.slice(from, to) };
}

export interface RowLayout {
  count: number;
  /** Tokens `tokenFrom[r] .. tokenTo[r] - 1` are in row r (equal when the row holds only text no token covers). */
  tokenFrom: Int32Array;
  tokenTo: Int32Array;
  /** The row shows `text.slice(textFrom[r], textTo[r])`. */
  textFrom: Int32Array;
  textTo: Int32Array;
}

/**
 * Rows end at line ends (a segment whose text ends with `\n`), after a sentence end (`.`, `!`, `?`) once the row holds
 * `maxTokens / 8` tokens, or after `maxTokens` tokens, so a 1 MB single-line text still becomes many small rows. On a
 * text without sentence ends these are the cuts of `chunkSegments`.
 */
export function layoutRows(text: TextSource, spans: TokenSpans, maxTokens = 200): RowLayout {
  return layoutFrom(text, spans, maxTokens, null);
}

/** Where a layout picks up an earlier one: rows before `row` are kept, rows after `tail` are the old ones shifted. */
interface Resume {
  prev: RowLayout;
  /** Old rows kept as they are. */
  row: number;
  /** When the new layout reaches an old row boundary at or past these, the old rows after it are copied, shifted. */
  tailTokenFrom: number;
  tailTextFrom: number;
  tokenShift: number;
  textShift: number;
}

function layoutFrom(text: TextSource, spans: TokenSpans, maxTokens: number, resume: Resume | null): RowLayout {
  const { starts, ends } = spans;
  const n = starts.length;
  const len = text.length;
  const minTokens = Math.max(1, maxTokens >> 3);
  let cap = Math.max(1024, resume ? resume.prev.count + 64 : 0);
  let tokenFrom = new Int32Array(cap);
  let tokenTo = new Int32Array(cap);
  let textFrom = new Int32Array(cap);
  let textTo = new Int32Array(cap);
  let count = 0;
  let rowTextFrom = 0;
  let rowTokenFrom = 0;
  let lastTokenTo = 0;
  let inRow = 0;
  let cursor = 0;
  let start0 = 0;
  /** Set once the rest was copied from the old layout. */
  let done = false;
  const grow = (need: number) => {
    if (need <= cap) return;
    while (cap < need) cap *= 2;
    const g = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, count));
      return b;
    };
    tokenFrom = g(tokenFrom);
    tokenTo = g(tokenTo);
    textFrom = g(textFrom);
    textTo = g(textTo);
  };
  if (resume && resume.row > 0) {
    const { prev, row } = resume;
    grow(row);
    tokenFrom.set(prev.tokenFrom.subarray(0, row));
    tokenTo.set(prev.tokenTo.subarray(0, row));
    textFrom.set(prev.textFrom.subarray(0, row));
    textTo.set(prev.textTo.subarray(0, row));
    count = row;
    lastTokenTo = start0 = prev.tokenTo[row - 1]!;
    rowTextFrom = cursor = prev.textTo[row - 1]!;
  }
  /** After a row ending at (token t, text x): if the old layout had a boundary there too, the rest is the old rows. */
  const tryTail = (t: number, x: number) => {
    if (!resume || t < resume.tailTokenFrom || x < resume.tailTextFrom) return;
    const { prev, tokenShift, textShift } = resume;
    const ot = t - tokenShift;
    const ox = x - textShift;
    // Old rows are in order: the first whose end is at or past `ox`.
    let lo = 0;
    let hi = prev.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prev.textTo[mid]! < ox) lo = mid + 1;
      else hi = mid;
    }
    let m = lo;
    while (m < prev.count - 1 && prev.textTo[m] === ox && prev.tokenTo[m]! < ot) m++;
    // The old row must end exactly here and not be the last one (that one ended because the text did).
    if (m >= prev.count - 1 || prev.textTo[m] !== ox || prev.tokenTo[m] !== ot) return;
    const rest = prev.count - m - 1;
    grow(count + rest);
    for (let k = 0; k < rest; k++) {
      const r = m + 1 + k;
      tokenFrom[count + k] = prev.tokenFrom[r]! + tokenShift;
      tokenTo[count + k] = prev.tokenTo[r]! + tokenShift;
      textFrom[count + k] = prev.textFrom[r]! + textShift;
      textTo[count + k] = prev.textTo[r]! + textShift;
    }
    count += rest;
    done = true;
  };
  const emit = (tFrom: number, tTo: number, xFrom: number, xTo: number) => {
    if (count === cap) grow(cap * 2);
    tokenFrom[count] = tFrom;
    tokenTo[count] = tTo;
    textFrom[count] = xFrom;
    textTo[count] = xTo;
    count++;
  };
  // One segment: tokens a..b (none for a gap) over text [s, e); `last` when nothing follows it.
  const segment = (a: number, b: number, s: number, e: number, last: boolean) => {
    if (b > a) {
      if (inRow === 0) rowTokenFrom = a;
      lastTokenTo = b;
      inRow += b - a;
    }
    const c = e > s ? text.charCodeAt(e - 1) : 0;
    const endsLine = c === 10;
    // After a sentence end too, once the row has a few tokens: cuts then depend on the text, not on a token count from
    // the start of the paragraph, so an edit changes the rows around it and not every row after it.
    const endsSentence = inRow >= minTokens && (c === 46 || c === 33 || c === 63);
    if (endsLine || endsSentence || inRow >= maxTokens || last) {
      emit(inRow === 0 ? lastTokenTo : rowTokenFrom, lastTokenTo, rowTextFrom, e);
      rowTextFrom = e;
      inRow = 0;
      if (!last) tryTail(lastTokenTo, e);
    }
  };
  const clamp = (x: number) => (x < 0 ? 0 : x > len ? len : x);
  for (let i = start0; i < n && !done; ) {
    const start = clamp(starts[i]!);
    const end = clamp(ends[i]!);
    if (start >= end) {
      segment(i, i + 1, cursor, cursor, i === n - 1 && cursor >= len);
      i++;
      continue;
    }
    let groupEnd = end;
    let last = i + 1;
    while (last < n) {
      const s = clamp(starts[last]!);
      const e = clamp(ends[last]!);
      if (s >= e || s >= groupEnd) break;
      if (e > groupEnd) groupEnd = e;
      last++;
    }
    if (start > cursor) {
      segment(0, 0, cursor, start, false);
      // A row that ended on the gap may be where the old layout takes over.
      if (done) break;
    }
    const textStart = Math.max(start, cursor);
    const textEnd = Math.max(groupEnd, textStart);
    segment(i, last, textStart, textEnd, last === n && textEnd >= len);
    cursor = textEnd;
    i = last;
  }
  if (!done && cursor < len) segment(0, 0, cursor, len, true);
  return { count, tokenFrom, tokenTo, textFrom, textTo };
}

/**
 * A layout with the text it was made of, so the next one can start from it. Without the tokens (`spans`), the next
 * layout needs a `TokenReuse` saying which tokens stayed.
 */
export interface LaidOut {
  text: TextSource;
  /** How many tokens were laid out. */
  tokens: number;
  spans?: TokenSpans;
  layout: RowLayout;
  maxTokens: number;
}

/**
 * Which tokens an edit left as they were, when the encoder knows (the chunked engine does): the first `prefix` tokens
 * are equal and end at or before the edit, the last `suffix` tokens are equal but shifted by the edit and start after
 * it. Any smaller counts are also true; they only keep fewer rows.
 */
export interface TokenReuse {
  prefix: number;
  suffix: number;
}

/** `TokenReuse` found by comparing the two tokenizations (a pass over every token when the edit is near one end). */
function commonTokens(a: TokenSpans, b: TokenSpans, oldLength: number, tp: number, ts: number, textShift: number): TokenReuse {
  const na = a.ids.length;
  const nb = b.ids.length;
  const maxCommon = Math.min(na, nb);
  // Only tokens that end before the edit count: a token reaching past it (or past the old end of the text, where its
  // offsets were clamped and the new text clamps them elsewhere) may lay out differently though it is the same.
  let p = 0;
  while (p < maxCommon && a.ids[p] === b.ids[p] && a.starts[p] === b.starts[p] && a.ends[p] === b.ends[p] && a.special[p] === b.special[p] && a.ends[p]! <= tp) p++;
  let q = 0;
  while (
    q < maxCommon - p &&
    a.ids[na - 1 - q] === b.ids[nb - 1 - q] &&
    a.special[na - 1 - q] === b.special[nb - 1 - q] &&
    a.starts[na - 1 - q]! + textShift === b.starts[nb - 1 - q] &&
    a.ends[na - 1 - q]! + textShift === b.ends[nb - 1 - q] &&
    a.starts[na - 1 - q]! >= oldLength - ts
  )
    q++;
  return { prefix: p, suffix: q };
}

/**
 * `layoutRows(text, spans, maxTokens)`, computed from the previous layout after an edit: rows before the edit are
 * kept, rows after it are the old ones shifted once the new rows line up with them again (the next line end), so an
 * edit anywhere in a 1 MB text costs about one row instead of a pass over every token (tests/unit/row-layout.test.ts).
 */
export function relayoutRows(prev: LaidOut | null, text: TextSource, spans: TokenSpans, maxTokens = 200, edit?: Pick<TextEdit, 'from' | 'to'>, reuse?: TokenReuse): RowLayout {
  if (!prev || prev.maxTokens !== maxTokens || prev.layout.count === 0) return layoutRows(text, spans, maxTokens);
  if (prev.text === text && prev.spans === spans) return prev.layout;
  const a = prev.spans;
  if (!a && !reuse) return layoutRows(text, spans, maxTokens);
  const na = prev.tokens;
  const nb = spans.ids.length;
  // Any edit covering the change will do (a wider one only keeps fewer rows); the editor's own is free.
  const { from: tp, to } = edit ?? changedRange(prev.text, text);
  const ts = prev.text.length - to;
  const textShift = text.length - prev.text.length;
  const maxCommon = Math.min(na, nb);
  const common = reuse ?? commonTokens(a!, spans, prev.text.length, tp, ts, textShift);
  const p = Math.min(common.prefix, maxCommon);
  const q = Math.min(common.suffix, maxCommon - p);
  const old = prev.layout;
  // Keep old rows that end before the edit and are not the last row (it ended with the text). Where a row ends can
  // depend on the token after it (a gap runs up to it; an overlapping token joins the row's last group), so that
  // token must be unchanged too.
  let lo = 0;
  let hi = old.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (old.textTo[mid]! <= tp && old.tokenTo[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  const keep = lo;
  return layoutFrom(text, spans, maxTokens, { prev: old, row: keep, tailTokenFrom: nb - q, tailTextFrom: text.length - ts, tokenShift: nb - na, textShift });
}

/** Row r's segments, as `buildSegments` draws that stretch of the text. */
export function rowSegments(text: string, spans: TokenSpans, layout: RowLayout, row: number): Segment[] {
  return buildSegmentsIn(text, spans, layout.tokenFrom[row]!, layout.tokenTo[row]!, layout.textFrom[row]!, layout.textTo[row]!);
}

/** Index of the row holding token `tokenIndex`. */
export function rowOfTokenIn(layout: RowLayout, tokenIndex: number): number {
  let lo = 0;
  let hi = layout.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (layout.tokenTo[mid]! <= tokenIndex) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

/** Tokens per row at most in the text view (rows also end at line ends). */
export const ROW_TOKENS = 200;
