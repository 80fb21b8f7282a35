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

/** Per-call overrides of the `truncation`/`padding` blocks of tokenizer.json (null turns them off). */
export interface BatchOptions {
  truncation?: TruncationOptions | null;
  padding?: PaddingOptions | null;
}

export interface Tokenizer {
  /** As Rust `encode`: truncation and padding from tokenizer.json apply, as they do there. */
  encode(text: string, options: EncodeOptions): Encoding;
  /** As Rust `encode_batch`; `batch` overrides tokenizer.json's truncation and padding when given. */
  encodeBatch(texts: string[], options: EncodeOptions, batch?: BatchOptions): Encoding[];
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
    let splits = this.added.extractAndNormalize(text, this.normalizer);
    if (this.preTokenizer) splits = this.preTokenizer(splits);
    const out: RawEncoding = { ids: [], tokens: [], offsets: [], specialMask: [], special: [], typeIds: [], attentionMask: [] };
    for (const split of splits) {
      const addedToken = split.tokens !== null;
      const tokens = split.tokens ?? this.model.tokenize(split.n.s);
      for (const t of tokens) {
        out.ids.push(t.id);
        out.tokens.push(t.value);
        out.offsets.push(split.n.originalRange(t.start, t.end));
        out.specialMask.push(0);
        out.special.push(addedToken && this.addedById.get(t.id)?.special ? 1 : 0);
        out.typeIds.push(typeId);
        out.attentionMask.push(1);
      }
    }
    return out;
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

export function createTokenizer(json: TokenizerJson): Tokenizer {
  return new PipelineTokenizer(json);
}
