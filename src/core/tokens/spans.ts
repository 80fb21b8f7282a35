/**
 * Pure analysis behind the token view: segments over the original text, per-token details, stats,
 * colours, whitespace glyphs and exports. No DOM, so it runs in Node tests and could run in the worker.
 */
import { bytesToHex, codePointLength, decodedLabel, decodeUtf8Parts, isWellFormedUtf8, utf8Length, type DecodedPart } from './bytes';
import type { Encoding } from './encoding';

/** Column-wise tokens, as the worker sends them (see `EncodeResult` in worker/protocol.ts). */
export interface TokenArrays {
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  special: Uint8Array;
  tokens: string[];
  /** Token i's UTF-8 bytes are `bytes[byteOffsets[i] .. byteOffsets[i + 1])`. */
  bytes: Uint8Array;
  byteOffsets: Int32Array;
}

export function tokenArraysFromEncoding(encoding: Encoding, tokenBytes: (id: number) => Uint8Array): TokenArrays {
  const n = encoding.ids.length;
  const byteOffsets = new Int32Array(n + 1);
  const pieces = encoding.ids.map((id) => tokenBytes(id));
  for (let i = 0; i < n; i++) byteOffsets[i + 1] = byteOffsets[i]! + pieces[i]!.byteLength;
  const bytes = new Uint8Array(byteOffsets[n]!);
  pieces.forEach((piece, i) => bytes.set(piece, byteOffsets[i]!));
  return {
    ids: Int32Array.from(encoding.ids),
    starts: Int32Array.from(encoding.offsets, (o) => o[0]),
    ends: Int32Array.from(encoding.offsets, (o) => o[1]),
    special: Uint8Array.from(encoding.special, (m) => (m ? 1 : 0)),
    tokens: encoding.tokens.slice(),
    bytes,
    byteOffsets,
  };
}

export function tokenCount(tokens: TokenArrays): number {
  return tokens.ids.length;
}

/**
 * What the text view draws, left to right. `textStart..textEnd` is the slice of the input the segment shows;
 * these slices never overlap and never go backwards, even when token offsets do.
 */
export type Segment =
  /** Input text that no token covers (e.g. whitespace a BERT pre-tokenizer drops). */
  | { kind: 'gap'; textStart: number; textEnd: number }
  /** One token over its own text. */
  | { kind: 'token'; index: number; textStart: number; textEnd: number }
  /** A token the post-processor inserted (BOS, `[CLS]`): start = end. */
  | { kind: 'inserted'; index: number; textStart: number; textEnd: number }
  /**
   * Consecutive tokens that share (or overlap on) one piece of text, like an emoji split into byte tokens.
   * Tokens `first .. last - 1`; drawn as one bracket over the text with each token's bytes below it.
   */
  | { kind: 'bracket'; first: number; last: number; textStart: number; textEnd: number };

export function buildSegments(text: string, tokens: TokenArrays): Segment[] {
  return buildSegmentsIn(text, tokens, 0, tokens.starts.length, 0, text.length);
}

/**
 * `buildSegments` over tokens `from .. to - 1` and the text `textFrom .. textTo` they cover (a row of the token view):
 * the same segments the whole text gives for that stretch.
 */
export function buildSegmentsIn(text: string, tokens: Pick<TokenArrays, 'starts' | 'ends'>, from: number, to: number, textFrom: number, textTo: number): Segment[] {
  const { starts, ends } = tokens;
  const segments: Segment[] = [];
  let cursor = textFrom;
  const len = text.length;
  const clamp = (x: number) => (x < 0 ? 0 : x > len ? len : x);
  for (let i = from; i < to; ) {
    const start = clamp(starts[i]!);
    const end = clamp(ends[i]!);
    if (start >= end) {
      segments.push({ kind: 'inserted', index: i, textStart: cursor, textEnd: cursor });
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
    if (start > cursor) segments.push({ kind: 'gap', textStart: cursor, textEnd: start });
    const textStart = Math.max(start, cursor);
    const textEnd = Math.max(groupEnd, textStart);
    // A token whose text an earlier token already showed has nothing of its own to draw; a bracket shows its bytes.
    if (last - i === 1 && textEnd > textStart) segments.push({ kind: 'token', index: i, textStart, textEnd });
    else segments.push({ kind: 'bracket', first: i, last, textStart, textEnd });
    cursor = textEnd;
    i = last;
  }
  if (cursor < textTo) segments.push({ kind: 'gap', textStart: cursor, textEnd: textTo });
  return segments;
}

export function segmentTokenRange(segment: Segment): [number, number] {
  switch (segment.kind) {
    case 'gap':
      return [0, 0];
    case 'token':
    case 'inserted':
      return [segment.index, segment.index + 1];
    case 'bracket':
      return [segment.first, segment.last];
    default: {
      const never: never = segment;
      throw new Error(`unknown segment ${JSON.stringify(never)}`);
    }
  }
}

/** A slice of segments rendered as one block: the unit of memoisation and of virtualisation. */
export interface Chunk {
  segmentFrom: number;
  segmentTo: number;
  /** First token in the chunk, and one past the last (equal when the chunk holds only gaps). */
  tokenFrom: number;
  tokenTo: number;
}

/**
 * Cuts segments into chunks at line ends, or after `maxTokens` tokens so a 1 MB single-line text still
 * becomes many small rows.
 */
export function chunkSegments(text: string, segments: readonly Segment[], maxTokens = 200): Chunk[] {
  const chunks: Chunk[] = [];
  let from = 0;
  let tokenFrom = 0;
  let tokenTo = 0;
  let inChunk = 0;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const [a, b] = segmentTokenRange(segment);
    if (b > a) {
      if (inChunk === 0) tokenFrom = a;
      tokenTo = b;
      inChunk += b - a;
    }
    const endsLine = segment.textEnd > segment.textStart && text.charCodeAt(segment.textEnd - 1) === 10;
    if (endsLine || inChunk >= maxTokens || s === segments.length - 1) {
      if (inChunk === 0) tokenFrom = tokenTo;
      chunks.push({ segmentFrom: from, segmentTo: s + 1, tokenFrom, tokenTo });
      from = s + 1;
      inChunk = 0;
    }
  }
  return chunks;
}

/** Fixed-size chunks for the list-like views (ids, raw tokens). */
export function chunkTokens(count: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i += size) out.push([i, Math.min(count, i + size)]);
  return out;
}

/** Index of the chunk holding `tokenIndex` (chunks sorted by token range). */
export function chunkOfToken(chunks: ReadonlyArray<{ tokenFrom: number; tokenTo: number }>, tokenIndex: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid]!.tokenTo <= tokenIndex) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

export function tokenBytesAt(tokens: TokenArrays, index: number): Uint8Array {
  return tokens.bytes.subarray(tokens.byteOffsets[index]!, tokens.byteOffsets[index + 1]!);
}

export interface TokenDetails {
  index: number;
  id: number;
  /** Raw vocabulary string. */
  token: string;
  special: boolean;
  start: number;
  end: number;
  bytes: Uint8Array;
  /** `F0 9F 99 82` */
  hex: string;
  decoded: DecodedPart[];
  /** Text, with ill-formed bytes written as `<F0 9F>`. */
  decodedText: string;
  wellFormed: boolean;
}

export function tokenDetails(tokens: TokenArrays, index: number): TokenDetails {
  const bytes = tokenBytesAt(tokens, index);
  const decoded = decodeUtf8Parts(bytes);
  return {
    index,
    id: tokens.ids[index]!,
    token: tokens.tokens[index] ?? '',
    special: tokens.special[index] === 1,
    start: tokens.starts[index]!,
    end: tokens.ends[index]!,
    bytes,
    hex: bytesToHex(bytes),
    decoded,
    decodedText: decodedLabel(decoded),
    wellFormed: isWellFormedUtf8(bytes),
  };
}

export interface TokenStats {
  tokens: number;
  /** Unicode code points. */
  characters: number;
  utf16Units: number;
  utf8Bytes: number;
  /** null for zero tokens. */
  charsPerToken: number | null;
}

export function computeStats(text: string, tokens: TokenArrays): TokenStats {
  const count = tokenCount(tokens);
  const characters = codePointLength(text);
  return {
    tokens: count,
    characters,
    utf16Units: text.length,
    utf8Bytes: utf8Length(text),
    charsPerToken: count === 0 ? null : characters / count,
  };
}

/**
 * Colour from the token id, not its position, so colours stay put while the user types
 * (the approach of gpt-tokenizer's `lib/token-display.ts`). Fibonacci hashing spreads neighbouring ids.
 */
export function colorIndex(id: number, paletteSize: number): number {
  return (Math.imul(id | 0, 0x9e3779b1) >>> 0) % paletteSize;
}

const GLYPHS: Record<string, string> = { ' ': '·', '\t': '→', '\n': '↵\n', '\r': '␍' };

/** `·` space, `→` tab, `↵` newline (the line still breaks after it), `␍` carriage return. */
export function renderWhitespace(text: string): string {
  return text.replace(/[ \t\n\r]/g, (c) => GLYPHS[c]!);
}

export interface TokenRow {
  id: number;
  token: string;
  text: string;
  start: number;
  end: number;
  special: boolean;
}

export function tokenRows(tokens: TokenArrays): TokenRow[] {
  const rows: TokenRow[] = [];
  for (let i = 0; i < tokenCount(tokens); i++) {
    rows.push({
      id: tokens.ids[i]!,
      token: tokens.tokens[i] ?? '',
      text: decodedLabel(decodeUtf8Parts(tokenBytesAt(tokens, i))),
      start: tokens.starts[i]!,
      end: tokens.ends[i]!,
      special: tokens.special[i] === 1,
    });
  }
  return rows;
}

export function toJson(tokens: TokenArrays): string {
  return JSON.stringify(tokenRows(tokens), null, 2);
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF (or edge spaces, which spreadsheets trim), double inner quotes. */
export function csvField(value: string | number | boolean): string {
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = ['id', 'token', 'text', 'start', 'end', 'special'] as const;

export function toCsv(tokens: TokenArrays): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of tokenRows(tokens)) lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** `[128000, 9906]` for Python; JSON is the compact `[128000,9906]`. */
export function idsAsPythonList(ids: ArrayLike<number>): string {
  return `[${Array.prototype.join.call(ids, ', ')}]`;
}

export function idsAsJson(ids: ArrayLike<number>): string {
  return JSON.stringify(Array.from(ids));
}
