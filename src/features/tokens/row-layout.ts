/**
 * Rows of the text view without per-token objects. `buildSegments` + `chunkSegments` (core/tokens/spans.ts) make one
 * object per token, which on a 1 MB text (~250k tokens) is a long task on every keystroke. Here one pass over the
 * typed arrays records only where each row starts and ends; a row's segments are rebuilt when it is drawn, and
 * equal what `buildSegments` gives for that stretch (tests/unit/row-layout.test.ts).
 */
import type { Segment } from '../../core/tokens/spans';

/** Only what the layout and the DOM contract need of each token; the worker sends these as typed arrays. */
export interface TokenSpans {
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  special: Uint8Array;
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
 * Rows end at line ends (a segment whose text ends with `\n`) or after `maxTokens` tokens, so a 1 MB single-line
 * text still becomes many small rows; the same cuts as `chunkSegments`.
 */
export function layoutRows(text: string, spans: TokenSpans, maxTokens = 200): RowLayout {
  const { starts, ends } = spans;
  const n = starts.length;
  const len = text.length;
  let cap = 1024;
  let tokenFrom = new Int32Array(cap);
  let tokenTo = new Int32Array(cap);
  let textFrom = new Int32Array(cap);
  let textTo = new Int32Array(cap);
  let count = 0;
  let rowTextFrom = 0;
  let rowTokenFrom = 0;
  let lastTokenTo = 0;
  let inRow = 0;
  const emit = (tFrom: number, tTo: number, xFrom: number, xTo: number) => {
    if (count === cap) {
      cap *= 2;
      const grow = (a: Int32Array) => {
        const b = new Int32Array(cap);
        b.set(a);
        return b;
      };
      tokenFrom = grow(tokenFrom);
      tokenTo = grow(tokenTo);
      textFrom = grow(textFrom);
      textTo = grow(textTo);
    }
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
    const endsLine = e > s && text.charCodeAt(e - 1) === 10;
    if (endsLine || inRow >= maxTokens || last) {
      emit(inRow === 0 ? lastTokenTo : rowTokenFrom, lastTokenTo, rowTextFrom, e);
      rowTextFrom = e;
      inRow = 0;
    }
  };
  const clamp = (x: number) => (x < 0 ? 0 : x > len ? len : x);
  let cursor = 0;
  for (let i = 0; i < n; ) {
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
    if (start > cursor) segment(0, 0, cursor, start, false);
    const textStart = Math.max(start, cursor);
    const textEnd = Math.max(groupEnd, textStart);
    segment(i, last, textStart, textEnd, last === n && textEnd >= len);
    cursor = textEnd;
    i = last;
  }
  if (cursor < len) segment(0, 0, cursor, len, true);
  return { count, tokenFrom, tokenTo, textFrom, textTo };
}

/** Row r's segments, as `buildSegments` draws that stretch of the text. */
export function rowSegments(text: string, spans: TokenSpans, layout: RowLayout, row: number): Segment[] {
  const { starts, ends } = spans;
  const to = layout.tokenTo[row]!;
  const textEndOfRow = layout.textTo[row]!;
  const len = text.length;
  const clamp = (x: number) => (x < 0 ? 0 : x > len ? len : x);
  const out: Segment[] = [];
  let cursor = layout.textFrom[row]!;
  for (let i = layout.tokenFrom[row]!; i < to; ) {
    const start = clamp(starts[i]!);
    const end = clamp(ends[i]!);
    if (start >= end) {
      out.push({ kind: 'inserted', index: i, textStart: cursor, textEnd: cursor });
      i++;
      continue;
    }
    let groupEnd = end;
    let last = i + 1;
    while (last < to) {
      const s = clamp(starts[last]!);
      const e = clamp(ends[last]!);
      if (s >= e || s >= groupEnd) break;
      if (e > groupEnd) groupEnd = e;
      last++;
    }
    if (start > cursor) out.push({ kind: 'gap', textStart: cursor, textEnd: start });
    const textStart = Math.max(start, cursor);
    const textEnd = Math.max(groupEnd, textStart);
    if (last - i === 1 && textEnd > textStart) out.push({ kind: 'token', index: i, textStart, textEnd });
    else out.push({ kind: 'bracket', first: i, last, textStart, textEnd });
    cursor = textEnd;
    i = last;
  }
  if (cursor < textEndOfRow) out.push({ kind: 'gap', textStart: cursor, textEnd: textEndOfRow });
  return out;
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
