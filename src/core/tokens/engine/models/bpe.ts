import type { BpeModelJson } from '../../tokenizer-json';
import type { Token } from '../pre-tokenized';
import { type Model, vocabMaps } from './model';
import { MinHeap } from './min-heap';

// Pair keys and heap keys are packed into doubles: ids and positions stay below 2^22, ranks below 2^30.
const ID_SPACE = 4194304; // 2^22
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
  /** pairKey(left, right) → rank * ID_SPACE + newId */
  private readonly merges = new Map<number, number>();
  private readonly unkId: number | null;
  private readonly prefix: string | null;
  private readonly suffix: string | null;
  private readonly byteIds: Int32Array | null;
  private readonly cache = new Map<string, Merged>();

  constructor(private readonly config: Omit<BpeModelJson, 'type'>) {
    const { toId, toToken } = vocabMaps(config.vocab);
    this.toId = toId;
    this.toToken = toToken;
    this.prefix = config.continuing_subword_prefix ?? null;
    this.suffix = config.end_of_word_suffix ?? null;
    const prefixLen = this.prefix?.length ?? 0;
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
      this.merges.set(left * ID_SPACE + right, rank * ID_SPACE + merged);
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
    if (this.config.ignore_merges) {
      const id = this.toId.get(word);
      if (id !== undefined) return [{ id, value: word, start: 0, end: word.length }];
    }
    let merged = word.length <= CACHE_MAX_WORD ? this.cache.get(word) : undefined;
    if (!merged) {
      merged = this.mergeWord(word);
      if (word.length <= CACHE_MAX_WORD) {
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(word, merged);
      }
    }
    const out: Token[] = new Array<Token>(merged.ids.length);
    for (let i = 0; i < merged.ids.length; i++) {
      const id = merged.ids[i]!;
      out[i] = { id, value: this.toToken[id]!, start: merged.starts[i]!, end: merged.ends[i]! };
    }
    return out;
  }

  private mergeWord(word: string): Merged {
    const n = word.length;
    const ids = new Int32Array(n + 4 * n);
    const starts = new Int32Array(ids.length);
    const ends = new Int32Array(ids.length);
    let count = 0;
    const add = (id: number, s: number, e: number) => { ids[count] = id; starts[count] = s; ends[count] = e; count++; };
    let unk: [number, number, number] | null = null; // id, start, end of a pending (maybe fused) unknown
    const { prefix, suffix, byteIds } = this;
    const encoder = byteIds ? new TextEncoder() : null;
    for (let i = 0; i < n;) {
      const code = word.charCodeAt(i);
      const len = code >= 0xd800 && code <= 0xdbff && i + 1 < n ? 2 : 1;
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
        if (byteIds && encoder) {
          const bytes = encoder.encode(s);
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
    return this.mergeAll(ids.subarray(0, count), starts.subarray(0, count), ends.subarray(0, count));
  }

  private mergeAll(ids: Int32Array, starts: Int32Array, ends: Int32Array): Merged {
    const n = ids.length;
    if (n < 2) return { ids: ids.slice(), starts: starts.slice(), ends: ends.slice() };
    const prev = new Int32Array(n), next = new Int32Array(n);
    const alive = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) { prev[i] = i - 1; next[i] = i + 1 < n ? i + 1 : -1; }
    const heap = new MinHeap();
    const merges = this.merges;
    const HEAP_POS = 2097152; // 2^21 positions per rank step
    const pushPair = (pos: number, right: number) => {
      const m = merges.get(ids[pos]! * ID_SPACE + ids[right]!);
      if (m !== undefined) heap.push(Math.floor(m / ID_SPACE) * HEAP_POS + pos);
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
      const m = merges.get(ids[pos]! * ID_SPACE + ids[right]!);
      if (m === undefined || Math.floor(m / ID_SPACE) !== rank) continue; // an expired entry
      ids[pos] = m - rank * ID_SPACE;
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
