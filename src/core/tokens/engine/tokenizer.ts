import type { AddedTokenJson, DecoderJson, TokenizerJson } from '../tokenizer-json';
import type { EncodeOptions, Encoding, PaddingOptions, TruncationOptions } from '../encoding';
import type { Model } from './models/model';
import { createModel } from './models';
import { createNormalizer, type Normalizer } from './normalizers';
import { createPreTokenizer, type PreTokenizer } from './pre-tokenizers';
import { addedTokenCount, createPostProcessor, concatEncodings, type PostProcessor, type RawEncoding } from './post-processors';
import { padBatch, truncatePair } from './padding';
import { AddedVocabulary } from './added-vocabulary';
import { CHAR_TO_BYTE, parseByteToken, utf8 } from './byte-level';
import { WHOLE_TEXT, type PipelineContext } from './context';
import { stringOf, type TextSource } from '../../text/text-source';
import { Chunker, type ChunkReuse, type SpanArraysFor, type TokenArrays } from './chunked';
import { TokenBuffer } from './token-buffer';
import type { Split } from './pre-tokenized';
import type { NormalizedString } from './normalized-string';
import type { NormalizerJson } from '../tokenizer-json';
import { isLowSurrogate } from '../../text/utf16';

/** Texts shorter than this are encoded whole; longer ones in cached chunks (same result, see chunked.ts). */
const CHUNKED_FROM = 8192;

/** Normalizers that only look at one character or grapheme at a time, so a chunk boundary cannot change them. */
function isLocalNormalizer(n: NormalizerJson | null | undefined): boolean {
  if (!n) return true;
  switch (n.type) {
    case 'Sequence': return n.normalizers.every(isLocalNormalizer);
    case 'Replace': return 'String' in n.pattern && Array.from(n.pattern.String).length === 1;
    case 'Strip': return false;
    default: return true;
  }
}

/** Per-call overrides of the `truncation`/`padding` blocks of tokenizer.json (null turns them off). */
export interface BatchOptions {
  truncation?: TruncationOptions | null;
  padding?: PaddingOptions | null;
}

export interface EncodeArraysOptions {
  addSpecialTokens: boolean;
  withTokens?: boolean;
  wellFormed?: boolean;
  /** Where a chunked encode puts its span arrays (fresh ones when absent); short texts get fresh ones anyway. */
  arraysFor?: SpanArraysFor;
}

export interface Tokenizer {
  /** As Rust `encode`: truncation and padding from tokenizer.json apply, as they do there. */
  encode(text: string, options: EncodeOptions): Encoding;
  /** As Rust `encode_batch`; `batch` overrides tokenizer.json's truncation and padding when given. */
  encodeBatch(texts: string[], options: EncodeOptions, batch?: BatchOptions): Encoding[];
  /**
   * The same tokens as `encode` for one sequence, as compact typed arrays (no per-token objects): what the app uses
   * for long texts, where building a million small arrays would dominate. `specialMask` as in `Encoding`.
   * `wellFormed`: the caller vouches that `text` has no lone surrogates (the worker keeps it so), saving a 1 MB scan.
   * `reuse` is there when the text was encoded in chunks: which tokens are those of the previous chunked encode.
   * `text` may be a `BlockText` (core/text/block-text.ts): a long one is then read a chunk at a time.
   */
  encodeArrays(text: TextSource, options: EncodeArraysOptions): TokenArrays & { specialMask: Uint8Array; reuse?: ChunkReuse };
  /**
   * `encodeArrays` with a chunker of its own (the same pipeline; an empty cache and no previous text), for encoding
   * texts that must not disturb what the real chunker re-uses on the next edit. Null when this tokenizer encodes
   * long texts whole (its normalizer or added tokens look across any cut).
   */
  withOwnChunker(): Pick<Tokenizer, 'encodeArrays'> | null;
  /** The truncation and padding tokenizer.json asks for, in our option shapes (null when absent). */
  readonly defaultTruncation: TruncationOptions | null;
  readonly defaultPadding: PaddingOptions | null;
  /** As Rust `get_vocab_size(with_added_tokens)`. */
  getVocabSize(withAddedTokens: boolean): number;
  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;
  /** The UTF-8 bytes a token stands for (byte-level, `<0xNN>`, `▁`, `##` resolved); added tokens give their content. */
  tokenBytes(id: number): Uint8Array;
  readonly addedTokens: readonly AddedTokenJson[];
  /** `BPE` | `WordPiece` | `Unigram` | `WordLevel` */
  readonly modelType: Model['type'];
}

/** How the decoder turns one vocabulary string back into bytes. */
interface ByteRules { byteLevel: boolean; byteFallback: boolean; metaspace: string | null; wordPiecePrefix: string | null }

function byteRules(decoder: DecoderJson | null | undefined, rules: ByteRules = { byteLevel: false, byteFallback: false, metaspace: null, wordPiecePrefix: null }): ByteRules {
  if (!decoder) return rules;
  switch (decoder.type) {
    case 'Sequence': for (const d of decoder.decoders) byteRules(d, rules); break;
    case 'ByteLevel': rules.byteLevel = true; break;
    case 'ByteFallback': rules.byteFallback = true; break;
    case 'Metaspace': rules.metaspace = decoder.replacement; break;
    case 'Replace': if ('String' in decoder.pattern && decoder.content === ' ') rules.metaspace = decoder.pattern.String; break;
    case 'WordPiece': rules.wordPiecePrefix = decoder.prefix ?? '##'; break;
    default: break;
  }
  return rules;
}

class PipelineTokenizer implements Tokenizer {
  private readonly normalizer: Normalizer | null;
  private readonly preTokenizer: PreTokenizer | null;
  private readonly model: Model;
  private readonly postProcessor: PostProcessor | null;
  private readonly postProcessorJson: TokenizerJson['post_processor'];
  readonly defaultTruncation: TruncationOptions | null;
  readonly defaultPadding: PaddingOptions | null;
  private readonly added: AddedVocabulary;
  private readonly addedById = new Map<number, AddedTokenJson>();
  private readonly addedByContent = new Map<string, AddedTokenJson>();
  private readonly rules: ByteRules;
  readonly addedTokens: readonly AddedTokenJson[];
  readonly modelType: Model['type'];
  private readonly chunker: Chunker | null;
  private readonly cutPairs = new Map<string, Set<string>>();
  private readonly modelJson: TokenizerJson['model'];

  constructor(json: TokenizerJson) {
    this.normalizer = json.normalizer ? createNormalizer(json.normalizer) : null;
    this.preTokenizer = json.pre_tokenizer ? createPreTokenizer(json.pre_tokenizer) : null;
    this.model = createModel(json.model);
    this.modelType = this.model.type;
    this.postProcessor = json.post_processor ? createPostProcessor(json.post_processor) : null;
    this.postProcessorJson = json.post_processor;
    this.defaultTruncation = json.truncation ? {
      maxLength: json.truncation.max_length,
      direction: json.truncation.direction === 'Left' ? 'left' : 'right',
      strategy: json.truncation.strategy === 'OnlyFirst' ? 'only_first' : json.truncation.strategy === 'OnlySecond' ? 'only_second' : 'longest_first',
    } : null;
    const padding = json.padding;
    this.defaultPadding = padding ? {
      length: typeof padding.strategy === 'object' && padding.strategy && 'Fixed' in padding.strategy ? padding.strategy.Fixed : null,
      direction: padding.direction === 'Left' ? 'left' : 'right',
      padId: padding.pad_id ?? 0, padToken: padding.pad_token ?? '[PAD]', padTypeId: padding.pad_type_id ?? 0,
      padToMultipleOf: padding.pad_to_multiple_of ?? null,
    } : null;
    this.addedTokens = json.added_tokens ?? [];
    for (const t of this.addedTokens) { this.addedById.set(t.id, t); if (!this.addedByContent.has(t.content)) this.addedByContent.set(t.content, t); }
    this.added = new AddedVocabulary(this.addedTokens, this.normalizer);
    this.rules = byteRules(json.decoder);
    this.modelJson = json.model;
    this.chunker = isLocalNormalizer(json.normalizer) && !this.added.hasContextRules ? this.newChunker() : null;
  }

  private newChunker(): Chunker {
    return new Chunker({
      splitsFor: (text, base, ctx) => this.splitsFor(text, base, ctx),
      tokenizeSplits: (splits, base) => this.tokenizeToArrays(splits, base),
      canCut: (n, index) => this.canCut(n, index),
    }, Math.max(64, this.added.maxLength + 8));
  }

  encode(text: string, options: EncodeOptions): Encoding {
    return this.encodeBatch([text], options)[0]!;
  }

  encodeBatch(texts: string[], options: EncodeOptions, batch?: BatchOptions): Encoding[] {
    const truncation = batch && 'truncation' in batch ? batch.truncation ?? null : this.defaultTruncation;
    const padding = batch && 'padding' in batch ? batch.padding ?? null : this.defaultPadding;
    const encoded = texts.map((text) => this.encodeOne(text, options, truncation));
    return padding ? padBatch(encoded, padding) : encoded;
  }

  /** Rust `encode` up to (not including) padding: sequences, truncation, post-processing. */
  private encodeOne(text: string, options: EncodeOptions, truncation: TruncationOptions | null): Encoding {
    let a = this.encodeSequence(text.toWellFormed(), 0);
    let b = options.pair != null ? this.encodeSequence(options.pair.toWellFormed(), 1) : null;
    if (truncation) {
      const isPair = b !== null;
      const added = options.addSpecialTokens && this.postProcessorJson ? addedTokenCount(this.postProcessorJson, isPair) : 0;
      [a, b] = truncatePair(a, b, { ...truncation, maxLength: Math.max(0, truncation.maxLength - added) });
    }
    const encodings = b ? [a, b] : [a];
    const processed = this.postProcessor ? this.postProcessor(encodings, options.addSpecialTokens) : encodings;
    return processed.length === 1 ? processed[0]! : concatEncodings(processed);
  }

  private encodeSequence(text: string, typeId: number): RawEncoding {
    if (this.chunker && text.length >= CHUNKED_FROM) return arraysToRaw(this.chunker.encode(text), typeId);
    return arraysToRaw(this.tokenizeToArrays(this.splitsFor(text, 0, WHOLE_TEXT), 0), typeId);
  }

  encodeArrays(text: TextSource, options: EncodeArraysOptions): TokenArrays & { specialMask: Uint8Array; reuse?: ChunkReuse } {
    return this.encodeArraysWith(this.chunker, text, options);
  }

  withOwnChunker(): Pick<Tokenizer, 'encodeArrays'> | null {
    if (!this.chunker) return null;
    const chunker = this.newChunker();
    return { encodeArrays: (text, options) => this.encodeArraysWith(chunker, text, options) };
  }

  private encodeArraysWith(chunker: Chunker | null, text: TextSource, options: EncodeArraysOptions): TokenArrays & { specialMask: Uint8Array; reuse?: ChunkReuse } {
    const wrap = this.fastWrap(options.addSpecialTokens);
    if (!chunker || !wrap || text.length < CHUNKED_FROM) return rawToArrays(this.encode(stringOf(text), options));
    return chunker.encode(options.wellFormed ? text : stringOf(text).toWellFormed(), wrap[0], wrap[1], options.withTokens ?? true, options.arraysFor);
  }

  private readonly wraps = new Map<boolean, [TokenArrays, TokenArrays] | null>();

  /**
   * The special tokens the post-processor puts before and after a single sequence, learned by running it on a
   * one-token probe; null when post-processing does more than wrap (offset trimming, truncation, padding), in which
   * case `encodeArrays` takes the general path.
   */
  private fastWrap(add: boolean): [TokenArrays, TokenArrays] | null {
    if (this.wraps.has(add)) return this.wraps.get(add)!;
    let wrap: [TokenArrays, TokenArrays] | null = null;
    if (!this.defaultTruncation && !this.defaultPadding && !trims(this.postProcessorJson)) {
      const probe: RawEncoding = { ids: [-1], tokens: [''], offsets: [[0, 0]], specialMask: [0], special: [0], typeIds: [0], attentionMask: [1] };
      const done = this.postProcessor ? this.postProcessor([probe], add)[0]! : probe;
      const at = done.ids.indexOf(-1);
      const part = (from: number, to: number): TokenArrays => ({
        ids: Int32Array.from(done.ids.slice(from, to)), starts: new Int32Array(to - from), ends: new Int32Array(to - from),
        special: new Uint8Array(to - from).fill(1), tokens: done.tokens.slice(from, to),
      });
      if (at >= 0) wrap = [part(0, at), part(at + 1, done.ids.length)];
    }
    this.wraps.set(add, wrap);
    return wrap;
  }

  private splitsFor(text: string, base: number, ctx: PipelineContext): Split[] {
    const splits = this.added.extractAndNormalize(text, this.normalizer, base, ctx);
    return this.preTokenizer ? this.preTokenizer(splits, ctx) : splits;
  }

  /**
   * Whether a word can be cut before unit `index` with the same tokens on both sides. True for BPE and Unigram when
   * no vocabulary entry contains the two characters around the cut (so no merge or piece can span it) and the cut
   * cannot separate two unknown characters that would have been fused into one unk.
   */
  private canCut(n: NormalizedString, index: number): boolean {
    const model = this.modelJson;
    const type = this.model.type;
    if (type !== 'BPE' && type !== 'Unigram') return false;
    if ('continuing_subword_prefix' in model && model.continuing_subword_prefix) return false;
    if ('end_of_word_suffix' in model && model.end_of_word_suffix) return false;
    const before = String.fromCodePoint(n.s.codePointAt(index - 1 - (isLowHalfAt(n.s, index - 1) ? 1 : 0))!);
    const after = String.fromCodePoint(n.s.codePointAt(index)!);
    if (this.pairsWith(before).has(after)) return false;
    const byteFallback = 'byte_fallback' in model && model.byte_fallback;
    if (!byteFallback && this.model.tokenToId(before) === undefined && this.model.tokenToId(after) === undefined) return false;
    return true;
  }

  /** Characters that follow `c` inside some vocabulary entry (built once per character, on demand). */
  private pairsWith(c: string): Set<string> {
    let set = this.cutPairs.get(c);
    if (!set) {
      set = new Set();
      for (let id = 0; id < this.model.vocabSize * 2 && set.size < 1e6; id++) {
        const token = this.model.idToToken(id);
        if (token === undefined) { if (id > this.model.vocabSize + 1024) break; continue; }
        for (let i = token.indexOf(c); i >= 0 && i + c.length < token.length; i = token.indexOf(c, i + 1)) {
          set.add(String.fromCodePoint(token.codePointAt(i + c.length)!));
        }
      }
      this.cutPairs.set(c, set);
    }
    return set;
  }

  /** The splits' tokens as typed arrays (no per-token objects), offsets relative to `base`. */
  private tokenizeToArrays(splits: Split[], base: number): TokenArrays {
    const out = new TokenBuffer();
    for (const { n, tokens } of splits) {
      if (tokens) {
        for (const t of tokens) out.push(t.id, t.value, n.originalStartOf(t.start, t.end) - base, n.originalEndOf(t.start, t.end) - base, this.addedById.get(t.id)?.special ? 1 : 0);
        continue;
      }
      const word = this.model.wordTokens?.(n.s);
      if (word) {
        for (let k = 0; k < word.ids.length; k++) {
          const start = word.starts[k]!, end = word.ends[k]!;
          out.push(word.ids[k]!, word.values[k]!, n.originalStartOf(start, end) - base, n.originalEndOf(start, end) - base, 0);
        }
      } else {
        for (const t of this.model.tokenize(n.s)) out.push(t.id, t.value, n.originalStartOf(t.start, t.end) - base, n.originalEndOf(t.start, t.end) - base, 0);
      }
    }
    return out.finish();
  }

  getVocabSize(withAddedTokens: boolean): number {
    if (!withAddedTokens) return this.model.vocabSize;
    let extra = 0;
    for (const content of this.addedByContent.keys()) if (this.model.tokenToId(content) === undefined) extra++;
    return this.model.vocabSize + extra;
  }

  idToToken(id: number): string | undefined {
    return this.addedById.get(id)?.content ?? this.model.idToToken(id);
  }

  tokenToId(token: string): number | undefined {
    return this.addedByContent.get(token)?.id ?? this.model.tokenToId(token);
  }

  tokenBytes(id: number): Uint8Array {
    const added = this.addedById.get(id);
    if (added) return utf8(added.content);
    const token = this.model.idToToken(id);
    if (token === undefined) return new Uint8Array();
    const { byteLevel, byteFallback, metaspace, wordPiecePrefix } = this.rules;
    if (byteFallback) {
      const b = parseByteToken(token);
      if (b !== null) return Uint8Array.of(b);
    }
    if (byteLevel) {
      const bytes: number[] = [];
      for (const c of token) {
        const b = CHAR_TO_BYTE.get(c);
        if (b === undefined) return utf8(token);
        bytes.push(b);
      }
      return Uint8Array.from(bytes);
    }
    let s = token;
    if (metaspace) s = s.split(metaspace).join(' ');
    if (wordPiecePrefix && s.startsWith(wordPiecePrefix)) s = s.slice(wordPiecePrefix.length);
    return utf8(s);
  }
}

/** Whether a post-processor moves offsets (ByteLevel/RoBERTa `trim_offsets`), which the fast path does not do. */
function trims(p: TokenizerJson['post_processor']): boolean {
  if (!p) return false;
  switch (p.type) {
    case 'Sequence': return p.processors.some(trims);
    case 'ByteLevel': return p.trim_offsets ?? true;
    case 'RobertaProcessing': return p.trim_offsets ?? true;
    default: return false;
  }
}

function arraysToRaw(a: TokenArrays, typeId: number): RawEncoding {
  const n = a.ids.length;
  const out: RawEncoding = { ids: Array.from(a.ids), tokens: a.tokens, offsets: new Array(n), specialMask: new Array<number>(n).fill(0), special: Array.from(a.special), typeIds: new Array<number>(n).fill(typeId), attentionMask: new Array<number>(n).fill(1) };
  for (let i = 0; i < n; i++) out.offsets[i] = [a.starts[i]!, a.ends[i]!];
  return out;
}

function rawToArrays(e: Encoding): TokenArrays & { specialMask: Uint8Array } {
  const n = e.ids.length;
  const out = { ids: Int32Array.from(e.ids), starts: new Int32Array(n), ends: new Int32Array(n), special: Uint8Array.from(e.special), specialMask: Uint8Array.from(e.specialMask), tokens: e.tokens };
  for (let i = 0; i < n; i++) { out.starts[i] = e.offsets[i]![0]; out.ends[i] = e.offsets[i]![1]; }
  return out;
}

/** Whether unit `i` of `s` is the second half of a pair (so the character starts at `i - 1`). */
function isLowHalfAt(s: string, i: number): boolean {
  return i > 0 && isLowSurrogate(s.charCodeAt(i));
}

export function createTokenizer(json: TokenizerJson): Tokenizer {
  return new PipelineTokenizer(json);
}
