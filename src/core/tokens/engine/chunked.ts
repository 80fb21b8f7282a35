import type { Split } from './pre-tokenized';
import type { NormalizedString } from './normalized-string';
import type { PipelineContext } from './context';
import { changedRange } from '../../text/text-edit';
import { ownCopy, type TextSource } from '../../text/text-source';

/**
 * Encoding a long text in chunks, with the same result as encoding it whole.
 *
 * A cut at original offset `e` is taken only when the pipeline provably does not look across it:
 *  - it sits before a "solid" character (letter, number, punctuation, symbol) that follows a space or newline,
 *    so no normalizer we allow (all character- or grapheme-local) joins across it;
 *  - encoding the chunk with `context` characters of real right context shows that no added token and no
 *    pre-tokenized word spans `e`, or the model can cut the word there (BPE/Unigram: no vocabulary entry
 *    contains the two characters on either side, see `canCut`);
 *  - the chunk after it starts mid-segment, so it gets no segment-start prefix (see `PipelineContext`).
 * Chunks are cached by their text, so after an edit only the chunks the edit touched are encoded again.
 */
export interface ChunkPipeline {
  splitsFor(text: string, base: number, ctx: PipelineContext): Split[];
  /** The splits' tokens, offsets relative to `base` (where the chunk starts in the text). */
  tokenizeSplits(splits: Split[], base: number): TokenArrays;
  /** Whether the model may cut the word `n` before unit `index`, with the same tokens on both sides. */
  canCut(n: NormalizedString, index: number): boolean;
}

/** One sequence's tokens as compact arrays: what long texts are assembled into without per-token objects. */
export interface TokenArrays {
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 for added tokens marked special. */
  special: Uint8Array;
  tokens: string[];
}

/** A result's span arrays, without the token strings. */
export type SpanArrays = Omit<TokenArrays, 'tokens'>;

/**
 * Where an encode puts its span arrays: arrays of exactly `count` entries, owned by the caller. The worker passes
 * memory the page handed back, because fresh megabytes for every keystroke's result cost more than filling them.
 */
export type SpanArraysFor = (count: number) => SpanArrays;

const freshSpanArrays: SpanArraysFor = (count) => ({ ids: new Int32Array(count), starts: new Int32Array(count), ends: new Int32Array(count), special: new Uint8Array(count) });

/**
 * How a chunked encode relates to the previous encode of the same `Chunker`: an incremental consumer (the text view's
 * row layout) can keep what it made of the tokens that stayed, instead of comparing 400k tokens to find them.
 */
export interface ChunkReuse {
  /** This encode's number, unique in the worker: the next encode's `previous` when it follows this one. */
  encode: number;
  /** The encode this one was compared with, null when there was none. */
  previous: number | null;
  /** The edit from that encode's text to this one: `[from, to)` of the old text was replaced. */
  from: number;
  to: number;
  /** The first `prefixTokens` tokens are the old ones and end at or before `from`. */
  prefixTokens: number;
  /** The last `suffixTokens` tokens are the old ones shifted by the edit, and start at or after it. */
  suffixTokens: number;
}

let encodes = 0;

/** The chunker's own copy of its last result, in arrays with room to grow; `count` tokens are in use. */
type ResultBuffer = TokenArrays & { count: number };

/**
 * Copies tokens `[from, from + n)` of `src` to `at` in `out`, offsets moved by `shift`; `src` may be `out` itself
 * (an edit moving the tokens after it). Returns where the next tokens go.
 */
function copyTokens(out: ResultBuffer, at: number, src: TokenArrays, from: number, n: number, shift: number): number {
  const withTokens = out.tokens.length > 0;
  if (out === src) {
    out.ids.copyWithin(at, from, from + n);
    out.special.copyWithin(at, from, from + n);
    out.starts.copyWithin(at, from, from + n);
    out.ends.copyWithin(at, from, from + n);
    if (withTokens) out.tokens.copyWithin(at, from, from + n);
    // In place, with the loop that places every chunk (already optimised by the time the first edit comes).
    if (shift !== 0) addOffsets(out, at, out, at, n, shift);
    return at + n;
  }
  out.ids.set(src.ids.subarray(from, from + n), at);
  out.special.set(src.special.subarray(from, from + n), at);
  addOffsets(out, at, src, from, n, shift);
  if (withTokens) for (let i = 0; i < n; i++) out.tokens[at + i] = src.tokens[from + i]!;
  return at + n;
}

/** All of `enc`'s tokens at `at`, offsets moved by `offset`. */
const putTokens = (out: ResultBuffer, at: number, enc: TokenArrays, offset: number): number => copyTokens(out, at, enc, 0, enc.ids.length, offset);

/** `src`'s offsets `[from, from + n)` at `at` in `dst`, plus `add`; `dst` may be `src` at the same place. */
function addOffsets(dst: TokenArrays, at: number, src: TokenArrays, from: number, n: number, add: number): void {
  if (add === 0) {
    dst.starts.set(src.starts.subarray(from, from + n), at);
    dst.ends.set(src.ends.subarray(from, from + n), at);
    return;
  }
  const { starts: ds, ends: de } = dst;
  const { starts: ss, ends: se } = src;
  for (let i = 0; i < n; i++) {
    ds[at + i] = ss[from + i]! + add;
    de[at + i] = se[from + i]! + add;
  }
}

/** A chunk's tokens, its length, and how much text (from its start) its decision read. */
interface CachedChunk { enc: TokenArrays; length: number; endsWithAdded: boolean; sliceLength: number }

/** A chunk placed in a text: where it starts, how much text its decision read, and the state it started in. */
interface ChunkRecord { start: number; sliceLength: number; chunk: CachedChunk; midSegment: boolean }

// Content-defined cuts: a chunk ends at the first clean candidate past MIN_CHUNK whose preceding characters hash to
// a "preferred" value (about one in PREFERRED candidates), or at the first clean candidate past MAX_CHUNK. Cuts then
// depend on the text around them, not on where the chunk started, so after an edit the chunks re-align with the
// cached ones right after the edited chunk.
const MIN_CHUNK = 512;
const MAX_CHUNK = 4096;
const PREFERRED = 256;
const WINDOW = 1024;
const CACHE_ENTRIES = 4096;
const SOLID = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** A cut may be tried before a solid character that follows a space or newline. */
function isCandidate(text: TextSource, p: number): boolean {
  const prev = text.charCodeAt(p - 1);
  return (prev === 0x0a || prev === 0x20) && SOLID.test(String.fromCharCode(text.charCodeAt(p)));
}

function isPreferred(text: TextSource, p: number): boolean {
  let h = 2166136261;
  for (let i = Math.max(0, p - 8); i < p; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % PREFERRED) === 0;
}

/** A cut before `b` is wanted (before checking that it is clean) in a chunk that starts at `start`. */
function isAcceptable(text: TextSource, start: number, b: number): boolean {
  return isCandidate(text, b) && (b >= start + MAX_CHUNK || isPreferred(text, b));
}

/** The first acceptable offset in [start + MIN_CHUNK, limit], or -1: where `findCut` will look first. */
function firstAcceptable(text: TextSource, start: number, limit: number): number {
  for (let b = Math.max(1, start + MIN_CHUNK); b <= limit; b++) if (isAcceptable(text, start, b)) return b;
  return -1;
}

/** Short slices are tried for this many chunks, then only while at least half of them found their cut. */
const SHORT_TRIAL = 16;

export class Chunker {
  /** flags → slice text → chunk. Nested so the key is the slice itself (a cheap view), not a new concatenation. */
  private readonly cache = new Map<string, Map<string, CachedChunk>>();
  private cached = 0;
  private shortTries = 0;
  private shortHits = 0;
  /** The previous call's text and chunks, for re-using everything an edit did not touch. */
  private last: { text: TextSource; records: ChunkRecord[] } | null = null;
  /** The previous `encode`: its number and how it was asked for (its tokens are in `buffer`). */
  private lastEncode: { encode: number; before: TokenArrays | null; after: TokenArrays | null; withTokens: boolean } | null = null;
  private buffer: ResultBuffer | null = null;

  constructor(private readonly pipeline: ChunkPipeline, private readonly context: number) {}

  /**
   * The whole text's tokens, assembled from chunks, between the `before` and `after` special tokens the
   * post-processor wraps a sequence in; offsets absolute. `withTokens: false` skips the token strings (the app
   * fetches those only for what is on screen). The arrays returned are the caller's (the worker transfers them);
   * `arraysFor` says where they go.
   */
  encode(
    text: TextSource,
    before: TokenArrays | null = null,
    after: TokenArrays | null = null,
    withTokens = true,
    arraysFor: SpanArraysFor = freshSpanArrays,
  ): TokenArrays & { specialMask: Uint8Array; reuse: ChunkReuse } {
    const { records, keptPrefix, shiftedFrom, from, to, delta } = this.chunkRecords(text);
    const prev = this.lastEncode;
    const same = prev !== null && prev.before === before && prev.after === after;
    const beforeCount = before?.ids.length ?? 0;
    const afterCount = after?.ids.length ?? 0;
    let total = beforeCount + afterCount;
    let keptTokens = beforeCount;
    let shiftedTokens = 0;
    for (let i = 0; i < records.length; i++) {
      const n = records[i]!.chunk.enc.ids.length;
      total += n;
      if (i < keptPrefix) keptTokens += n;
      else if (i >= shiftedFrom) shiftedTokens += n;
    }
    // The previous result stays in `buffer`: after an edit its tokens before the edit are already in place, and
    // those after it move over by one block copy (offsets shifted), so ~400k tokens are not re-assembled chunk by chunk.
    const old = same && prev.withTokens === withTokens ? this.buffer : null;
    const buffer = this.bufferFor(total, withTokens, old, keptTokens);
    let at = 0;
    let next = 0;
    if (old) {
      if (shiftedTokens > 0) copyTokens(buffer, total - afterCount - shiftedTokens, old, old.count - afterCount - shiftedTokens, shiftedTokens, delta);
      at = keptTokens;
      next = keptPrefix;
    } else if (before) at = putTokens(buffer, at, before, 0);
    const middleEnd = old ? shiftedFrom : records.length;
    for (; next < middleEnd; next++) at = putTokens(buffer, at, records[next]!.chunk.enc, records[next]!.start);
    if (old) at += shiftedTokens;
    if (after) putTokens(buffer, at, after, 0);
    buffer.count = total;
    this.buffer = buffer;
    const encode = ++encodes;
    this.lastEncode = { encode, before, after, withTokens };
    const out = arraysFor(total);
    out.ids.set(buffer.ids.subarray(0, total));
    out.starts.set(buffer.starts.subarray(0, total));
    out.ends.set(buffer.ends.subarray(0, total));
    out.special.set(buffer.special.subarray(0, total));
    return {
      ...out,
      // Only the wrapping tokens are the post-processor's (chunks hold the text's own): made when asked for, as the
      // worker never asks.
      get specialMask() {
        return new Uint8Array(total).fill(1, 0, beforeCount).fill(1, total - afterCount);
      },
      tokens: withTokens ? buffer.tokens.slice(0, total) : [],
      reuse: { encode, previous: prev?.encode ?? null, from, to, prefixTokens: same ? keptTokens : 0, suffixTokens: same && shiftedTokens > 0 ? shiftedTokens + afterCount : 0 },
    };
  }

  /**
   * A buffer for `total` tokens: the current one when it is large enough, else a larger one holding the first
   * `kept` tokens of `old` (the rest is written or moved in by the caller).
   */
  private bufferFor(total: number, withTokens: boolean, old: ResultBuffer | null, kept: number): ResultBuffer {
    const current = this.buffer;
    if (current && current.ids.length >= total && (!withTokens || current.tokens.length >= total)) return current;
    const capacity = Math.ceil(total * 1.25) + 1024;
    const grown: ResultBuffer = {
      ids: new Int32Array(capacity), starts: new Int32Array(capacity), ends: new Int32Array(capacity), special: new Uint8Array(capacity),
      tokens: withTokens ? new Array<string>(capacity) : [], count: 0,
    };
    if (old) copyTokens(grown, 0, old, 0, kept, 0);
    return grown;
  }

  /**
   * The chunks of `text`. After an edit, the chunks of the previous call whose whole slice lies in the unchanged
   * prefix are taken as they are, and once a new chunk starts where an old one started inside the unchanged suffix
   * (same state), the rest are the old ones shifted: their slices are the same characters, so the same decisions.
   * Only the chunks around the edit are looked up (or encoded); no hashing of the untouched megabyte.
   */
  private chunkRecords(text: TextSource): { records: ChunkRecord[]; keptPrefix: number; shiftedFrom: number; from: number; to: number; delta: number } {
    const prev = this.last;
    const records: ChunkRecord[] = [];
    /** Records `[0, keptPrefix)` are the old ones as they were, records from `shiftedFrom` on the old ones shifted. */
    let keptPrefix = 0;
    let shiftedFrom = Infinity;
    let from = 0;
    let to = prev?.text.length ?? 0;
    let start = 0;
    let midSegment = false;
    let suffixFrom = Infinity;
    let delta = 0;
    let expectedCut: number | null = null;
    const oldStarts = new Map<number, number>();
    if (prev) {
      if (prev.text === text) return { records: prev.records, keptPrefix: prev.records.length, shiftedFrom: prev.records.length, from: text.length, to: text.length, delta: 0 };
      const old = prev.text;
      // Free when the text knows which region of the previous one it replaced (the worker's `BlockText` does).
      const { from: p, to: oldTo } = changedRange(old, text);
      const s = old.length - oldTo;
      from = p;
      to = old.length - s;
      delta = text.length - old.length;
      for (const r of prev.records) {
        if (r.start + r.sliceLength >= p) break;
        records.push(r);
      }
      keptPrefix = records.length;
      const lastKept = records[records.length - 1];
      if (lastKept) { start = lastKept.start + lastKept.chunk.length; midSegment = !lastKept.chunk.endsWithAdded; }
      suffixFrom = text.length - s;
      prev.records.forEach((r, i) => { if (r.start > 0 && r.start >= old.length - s) oldStarts.set(r.start, i); });
      // The old chunk that started where re-encoding starts probably ends where it did (its cut moved by the edit).
      const next = prev.records[keptPrefix];
      if (next) {
        const end = next.start + next.chunk.length;
        expectedCut = end < p ? end : end >= old.length - s ? end + delta : null;
      }
    }
    while (start < text.length) {
      if (start >= suffixFrom && prev) {
        const i = oldStarts.get(start - delta);
        if (i !== undefined && prev.records[i]!.midSegment === midSegment) {
          shiftedFrom = records.length;
          for (let j = i; j < prev.records.length; j++) { const r = prev.records[j]!; records.push({ ...r, start: r.start + delta }); }
          break;
        }
      }
      let chunk: CachedChunk | null = null;
      for (let window = WINDOW; !chunk; window *= 4) chunk = this.chunk(text, start, midSegment, window, expectedCut);
      expectedCut = null;
      records.push({ start, sliceLength: chunk.sliceLength, chunk, midSegment });
      midSegment = !chunk.endsWithAdded;
      start += chunk.length;
    }
    this.last = { text, records };
    return { records, keptPrefix, shiftedFrom: Math.min(shiftedFrom, records.length), from, to, delta };
  }

  /**
   * The chunk starting at `start`: encodes a fixed slice (so an unchanged slice is a cache hit wherever it moved to)
   * and cuts at the first clean candidate after the target size. Null when the slice holds no clean cut.
   *
   * Most of a long slice is normally thrown away (the cut comes well before its end), and the pipeline ran over all
   * of it. So the slice that only reaches `context` past the first acceptable candidate is tried first: when that
   * candidate is clean, it is the cut the long slice gives too (earlier offsets are not acceptable, and whether a
   * cut is clean is decided with `context` characters of right context either way). Whether that first candidate
   * tends to be clean depends on the tokenizer (it is for whitespace-splitting pre-tokenizers, rarely for
   * GPT-style ones that attach the space to the next word), so the short try stops once it mostly fails.
   */
  private chunk(text: TextSource, start: number, midSegment: boolean, window: number, expectedCut: number | null = null): CachedChunk | null {
    const sliceEnd = Math.min(text.length, start + MAX_CHUNK + window + this.context);
    // (The rest of the text, when short enough, is one chunk without a cut: nothing to try.)
    const whole = sliceEnd === text.length && sliceEnd - start <= MAX_CHUNK + window;
    // After an edit, the slice reaching `context` past where the old chunk's cut now is: by the argument above, a cut
    // found in it is the cut the long slice gives, and it is usually that one (only the edited chunk is encoded).
    if (!whole && expectedCut !== null && expectedCut >= start + MIN_CHUNK && expectedCut + this.context < sliceEnd) {
      const chunk = this.chunkOf(text, start, midSegment, window, expectedCut + this.context);
      if (chunk) return chunk;
    }
    if (!whole && (this.shortTries < SHORT_TRIAL || this.shortHits * 2 >= this.shortTries)) {
      const first = firstAcceptable(text, start, sliceEnd - this.context);
      if (first >= 0 && first + this.context < sliceEnd) {
        this.shortTries++;
        const chunk = this.chunkOf(text, start, midSegment, window, first + this.context);
        if (chunk) { this.shortHits++; return chunk; }
      }
    }
    return this.chunkOf(text, start, midSegment, window, sliceEnd);
  }

  /** `chunk` over the slice `[start, sliceEnd)`. */
  private chunkOf(text: TextSource, start: number, midSegment: boolean, window: number, sliceEnd: number): CachedChunk | null {
    const last = sliceEnd === text.length;
    const slice = text.slice(start, sliceEnd);
    // Metaspace's `prepend_scheme: first` looks at whether a piece starts the whole text, so that is part of the key.
    const flags = `${start === 0 ? 1 : 0}${midSegment ? 1 : 0}${last ? 1 : 0}`;
    let bucket = this.cache.get(flags);
    if (!bucket) { bucket = new Map(); this.cache.set(flags, bucket); }
    const hit = bucket.get(slice);
    if (hit) return hit;
    const key = { bucket, slice };
    const splits = this.pipeline.splitsFor(slice, start, { noPrefixAt: midSegment ? start : null });
    const cut = last && sliceEnd - start <= MAX_CHUNK + window ? null : this.findCut(text, splits, start, sliceEnd - this.context);
    if (!cut) {
      if (!last) return null;
      return this.store(key, splits, start, slice.length, false);
    }
    return this.store(key, cut.kept, start, cut.at - start, cut.endsWithAdded);
  }

  /** The first acceptable offset in [start + MIN_CHUNK, limit] that no split spans (or the model can cut there). */
  private findCut(text: TextSource, splits: Split[], start: number, limit: number): { at: number; kept: Split[]; endsWithAdded: boolean } | null {
    const from = start + MIN_CHUNK;
    const acceptable = (b: number) => isAcceptable(text, start, b);
    let prevEnd = -1;
    let prevAdded = false;
    for (let k = 0; k < splits.length; k++) {
      const split = splits[k]!;
      const { originalStart: os, originalEnd: oe } = split.n;
      if (os > limit) break;
      // The gap between the previous split and this one (pre-tokenizers may drop characters, e.g. whitespace).
      for (let b = Math.max(from, prevEnd); b <= Math.min(os, limit); b++) {
        if (b > 0 && acceptable(b)) return { at: b, kept: splits.slice(0, k), endsWithAdded: prevAdded && b === prevEnd };
      }
      if (split.tokens === null && oe > from) {
        for (let b = Math.max(from, os + 1); b < Math.min(oe, limit + 1); b++) {
          if (!acceptable(b)) continue;
          const index = unitAt(split.n, b);
          if (index > 0 && index < split.n.length && this.pipeline.canCut(split.n, index)) {
            return { at: b, kept: [...splits.slice(0, k), { n: split.n.slice(0, index), tokens: null }], endsWithAdded: false };
          }
        }
      }
      prevEnd = oe;
      prevAdded = split.tokens !== null;
    }
    return null;
  }

  private store(key: { bucket: Map<string, CachedChunk>; slice: string }, kept: Split[], start: number, length: number, endsWithAdded: boolean): CachedChunk {
    const enc = this.pipeline.tokenizeSplits(kept, start);
    const chunk = { enc, length, endsWithAdded, sliceLength: key.slice.length };
    if (++this.cached > CACHE_ENTRIES) { this.cache.clear(); this.cached = 0; key.bucket.clear(); }
    key.bucket.set(ownCopy(key.slice), chunk);
    return chunk;
  }
}

/** First normalized unit whose original start is at or after `offset`, if the alignment cuts cleanly there. */
function unitAt(n: NormalizedString, offset: number): number {
  for (let i = 0; i < n.length; i++) {
    if (n.startAt(i) >= offset) return n.startAt(i) === offset && (i === 0 || n.endAt(i - 1) <= offset) ? i : -1;
  }
  return -1;
}
