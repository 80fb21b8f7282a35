import type { BpeModelJson } from '../../tokenizer-json';
import type { Token } from '../pre-tokenized';
import { type Model, type WordTokens, vocabMaps } from './model';
import { MinHeap } from './min-heap';
import { PairTable } from './pair-table';
import { isHighSurrogate } from '../../../text/utf16';

const CACHE_LIMIT = 50_000;
const CACHE_MAX_WORD = 256;

type Merged = { ids: Int32Array; starts: Int32Array; ends: Int32Array };

/**
 * Byte-pair encoding as Rust `tokenizers` does it: characters (or `<0xNN>` byte pieces, or unk) become symbols,
 * then the lowest-ranked adjacent pair is merged until none is left, leftmost first among equals.
 */
export class BpeModel implements Model {
  readonly type = 'BPE' as const;
  private readonly toId: Map<string, number>;
  private readonly toToken: string[];
  private readonly merges: PairTable;
  private readonly unkId: number | null;
  private readonly prefix: string | null;
  private readonly suffix: string | null;
  private readonly byteIds: Int32Array | null;
  private readonly cache = new Map<string, WordTokens>();
  private readonly work = new WordScratch();
  private readonly heap = new MinHeap();

  constructor(private readonly config: Omit<BpeModelJson, 'type'>) {
    const { toId, toToken } = vocabMaps(config.vocab);
    this.toId = toId;
    this.toToken = toToken;
    this.prefix = config.continuing_subword_prefix ?? null;
    this.suffix = config.end_of_word_suffix ?? null;
    const prefixLen = this.prefix?.length ?? 0;
    this.merges = new PairTable(config.merges.length);
    config.merges.forEach((merge, rank) => {
      let a: string, b: string;
      if (typeof merge === 'string') {
        const space = merge.indexOf(' ', 1);
        a = merge.slice(0, space);
        b = merge.slice(space + 1);
      } else [a, b] = merge;
      const left = toId.get(a), right = toId.get(b);
      const merged = toId.get(a + b.slice(prefixLen));
      if (left === undefined || right === undefined || merged === undefined) return;
      this.merges.set(left, right, rank, merged);
    });
    this.unkId = config.unk_token != null ? (toId.get(config.unk_token) ?? null) : null;
    if (config.byte_fallback) {
      const ids = new Int32Array(256);
      for (let b = 0; b < 256; b++) ids[b] = toId.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`) ?? -1;
      this.byteIds = ids;
    } else this.byteIds = null;
  }

  get vocabSize(): number {
    return this.toId.size;
  }

  tokenToId(token: string): number | undefined {
    return this.toId.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.toToken[id];
  }

  tokenize(word: string): Token[] {
    if (word.length === 0) return [];
    const merged = this.wordTokens(word);
    const out: Token[] = new Array<Token>(merged.ids.length);
    for (let i = 0; i < merged.ids.length; i++) {
      out[i] = { id: merged.ids[i]!, value: merged.values[i]!, start: merged.starts[i]!, end: merged.ends[i]! };
    }
    return out;
  }

  /**
   * The word's tokens, cached by word. The cache is asked first, also with `ignore_merges`: a word found in the
   * vocabulary is cached as its single token, so a repeated word costs one lookup in the small cache instead of one
   * in the whole vocabulary too.
   */
  wordTokens(word: string): WordTokens {
    const cacheable = word.length <= CACHE_MAX_WORD;
    let tokens = cacheable ? this.cache.get(word) : undefined;
    if (tokens) return tokens;
    tokens = (this.config.ignore_merges && this.wholeWord(word)) || this.withValues(this.mergeWord(word));
    if (cacheable) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(word, tokens);
    }
    return tokens;
  }

  /** `ignore_merges`: a word that is a vocabulary entry is that one token, its value the word itself (as in Rust). */
  private wholeWord(word: string): WordTokens | null {
    const id = this.toId.get(word);
    if (id === undefined || word.length === 0) return null;
    return { ids: Int32Array.of(id), starts: Int32Array.of(0), ends: Int32Array.of(word.length), values: [word] };
  }

  private withValues(merged: Merged): WordTokens {
    return { ...merged, values: Array.from(merged.ids, (id) => this.toToken[id]!) };
  }

  private mergeWord(word: string): Merged {
    const n = word.length;
    const work = this.work;
    work.ensure(5 * n); // a character is at most 4 byte-fallback pieces
    const { ids, starts, ends } = work;
    let count = 0;
    const add = (id: number, s: number, e: number) => { ids[count] = id; starts[count] = s; ends[count] = e; count++; };
    let unk: [number, number, number] | null = null; // id, start, end of a pending (maybe fused) unknown
    const { prefix, suffix, byteIds } = this;
    for (let i = 0; i < n;) {
      const code = word.charCodeAt(i);
      const len = isHighSurrogate(code) && i + 1 < n ? 2 : 1;
      const isFirst = i === 0, isLast = i + len >= n;
      let s = word.slice(i, i + len);
      if (!isFirst && prefix) s = prefix + s;
      if (isLast && suffix) s = s + suffix;
      const id = this.toId.get(s);
      if (id !== undefined) {
        if (unk) { add(unk[0], unk[1], unk[2]); unk = null; }
        add(id, i, i + len);
      } else {
        let handled = false;
        if (byteIds) {
          const bytes = utf8Encoder.encode(s);
          let all = true;
          for (const b of bytes) if (byteIds[b]! < 0) { all = false; break; }
          if (all) {
            // Every byte piece of a character aligns with the whole character, as in Rust.
            for (const b of bytes) add(byteIds[b]!, i, i + len);
            handled = true;
          }
        }
        if (!handled && this.unkId !== null) {
          if (unk && this.config.fuse_unk) unk[2] = i + len;
          else {
            if (unk) add(unk[0], unk[1], unk[2]);
            unk = [this.unkId, i, i + len];
          }
        }
      }
      i += len;
    }
    if (unk) add(unk[0], unk[1], unk[2]);
    return this.mergeAll(count);
  }

  /** Merge the `n` symbols in the working arrays; returns the surviving ones in new, exactly-sized arrays. */
  private mergeAll(n: number): Merged {
    const { ids, starts, ends, prev, next, alive } = this.work;
    for (let i = 0; i < n; i++) { prev[i] = i - 1; next[i] = i + 1 < n ? i + 1 : -1; alive[i] = 1; }
    const heap = this.heap;
    heap.size = 0;
    const merges = this.merges;
    // Heap keys pack rank and position into one double (positions below 2^21): lowest rank first, then leftmost.
    const HEAP_POS = 2097152;
    const pushPair = (pos: number, right: number) => {
      const slot = merges.find(ids[pos]!, ids[right]!);
      if (slot >= 0) heap.push(merges.ranks[slot]! * HEAP_POS + pos);
    };
    if (n >= HEAP_POS) throw new Error('word too long for BPE');
    for (let i = 0; i + 1 < n; i++) pushPair(i, i + 1);
    while (heap.size > 0) {
      const top = heap.pop();
      const rank = Math.floor(top / HEAP_POS);
      const pos = top - rank * HEAP_POS;
      if (!alive[pos]) continue;
      const right = next[pos]!;
      if (right < 0) continue;
      const slot = merges.find(ids[pos]!, ids[right]!);
      if (slot < 0 || merges.ranks[slot] !== rank) continue; // an expired entry
      ids[pos] = merges.merged[slot]!;
      ends[pos] = ends[right]!;
      alive[right] = 0;
      const after = next[right]!;
      next[pos] = after;
      if (after >= 0) prev[after] = pos;
      if (prev[pos]! >= 0) pushPair(prev[pos]!, pos);
      if (after >= 0) pushPair(pos, after);
    }
    let count = 0;
    for (let i = 0; i < n; i++) if (alive[i]) count++;
    const outIds = new Int32Array(count), outStarts = new Int32Array(count), outEnds = new Int32Array(count);
    for (let i = 0, k = 0; i < n; i++) {
      if (!alive[i]) continue;
      outIds[k] = ids[i]!; outStarts[k] = starts[i]!; outEnds[k] = ends[i]!; k++;
    }
    return { ids: outIds, starts: outStarts, ends: outEnds };
  }
}

const utf8Encoder = new TextEncoder();

/**
 * The working arrays of one word's merge, kept by the model and reused: allocating them for every new word (each
 * typed array has its own backing store) cost more than the merging on typical words.
 */
class WordScratch {
  ids = new Int32Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  prev = new Int32Array(0);
  next = new Int32Array(0);
  alive = new Uint8Array(0);

  ensure(capacity: number): void {
    if (this.ids.length >= capacity) return;
    const size = Math.max(capacity, 2 * this.ids.length, 64);
    this.ids = new Int32Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.next = new Int32Array(size);
    this.alive = new Uint8Array(size);
  }
}
