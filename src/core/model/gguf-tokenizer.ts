/**
 * GGUF metadata → tokenizer.json + tokenizer_config.json, following transformers'
 * `src/transformers/integrations/ggml.py` (`GGUFTokenizerSkeleton`, `GGUFLlamaConverter`, `GGUFGPTConverter`).
 *
 * Differences from transformers, on purpose:
 * - The converter is chosen by `tokenizer.ggml.model` (llama = SentencePiece BPE, gpt2 = byte-level BPE), not by the
 *   architecture: Llama-3 GGUFs are `general.architecture = llama` with a `gpt2` tokenizer.
 * - A byte-level tokenizer's split regex follows `tokenizer.ggml.pre` (llama.cpp's pre-tokenizer names), so a
 *   Llama-3 or Qwen2 GGUF splits like its tokenizer.json rather than with GPT-2's regex.
 * - The unknown token (token_type 2) is an added special token as in the Hub's tokenizer.json files, so a typed
 *   `<unk>` is one token.
 */
import type { AddedTokenJson, ChatTemplateNamed, DecoderJson, PostProcessorJson, PreTokenizerJson, TokenizerConfigJson, TokenizerJson } from '../tokens/tokenizer-json';

/** Metadata as `@huggingface/gguf` returns it: plain values, arrays, bigints for 64-bit integers. */
export type GgufMetadata = Record<string, unknown>;

export class GgufTokenizerError extends Error {
  override name = 'GgufTokenizerError';
}

/** llama.cpp `llama_token_type`. */
export const GgufTokenType = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

export interface GgufModelInfo {
  architecture: string | null;
  name: string | null;
  tokenizerModel: string;
  /** `tokenizer.ggml.pre` (byte-level tokenizers only). */
  preTokenizer: string | null;
  contextLength: number | null;
  embeddingLength: number | null;
  fileType: number | null;
  /** `Q4_K_M`, `F16`, …; null when the file type is missing or unknown. */
  quantization: string | null;
  /** Things the conversion had to guess, shown on the card. */
  warnings: string[];
}

export interface GgufTokenizer {
  json: TokenizerJson;
  config: TokenizerConfigJson;
  info: GgufModelInfo;
}

/** llama.cpp `llama_ftype` → label. */
const FILE_TYPES: Record<number, string> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K', 11: 'Q3_K_S', 12: 'Q3_K_M',
  13: 'Q3_K_L', 14: 'Q4_K_S', 15: 'Q4_K_M', 16: 'Q5_K_S', 17: 'Q5_K_M', 18: 'Q6_K', 19: 'IQ2_XXS', 20: 'IQ2_XS',
  21: 'Q2_K_S', 22: 'IQ3_XS', 23: 'IQ3_XXS', 24: 'IQ1_S', 25: 'IQ4_NL', 26: 'IQ3_S', 27: 'IQ3_M', 28: 'IQ2_S',
  29: 'IQ2_M', 30: 'IQ4_XS', 31: 'IQ1_M', 32: 'BF16', 36: 'TQ1_0', 37: 'TQ2_0', 38: 'MXFP4_MOE',
};

const LLAMA3_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** llama.cpp pre-tokenizer names → the split regex their tokenizer.json uses (null = GPT-2's ByteLevel regex). */
const PRE_SPLITS: Record<string, { regex: string | null; ignoreMerges?: boolean }> = {
  default: { regex: null },
  'gpt-2': { regex: null },
  gpt2: { regex: null },
  'llama-bpe': { regex: LLAMA3_SPLIT, ignoreMerges: true },
  llama3: { regex: LLAMA3_SPLIT, ignoreMerges: true },
  smollm: { regex: null },
  qwen2: { regex: QWEN2_SPLIT },
};

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function arr<T>(v: unknown, key: string, check: (x: unknown) => x is T): T[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw new GgufTokenizerError(`GGUF key "${key}" should be an array`);
  for (let i = 0; i < v.length; i++) if (!check(v[i])) throw new GgufTokenizerError(`GGUF key "${key}" has a bad entry at index ${i}`);
  return v as T[];
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' || typeof x === 'bigint';

/**
 * Merges for a SentencePiece BPE vocabulary that ships only scores (`GGUFTokenizerSkeleton`): every split of every
 * piece whose halves are both in the vocabulary, ranked by the piece's score (highest first); within one piece by
 * the halves' scores. Python splits by code point, so do we.
 */
export function generateMerges(tokens: readonly string[], scores: readonly number[]): Array<[string, string]> {
  const score = new Map<string, number>();
  tokens.forEach((t, i) => {
    if (!score.has(t)) score.set(t, scores[i] ?? 0);
  });
  const all: Array<[string, string, number]> = [];
  for (const [piece, pieceScore] of score) {
    const chars = Array.from(piece);
    if (chars.length < 2) continue;
    const local: Array<[string, string, number]> = [];
    let left = '';
    for (let i = 1; i < chars.length; i++) {
      left += chars[i - 1];
      const right = piece.slice(left.length);
      if (score.has(left) && score.has(right)) local.push([left, right, pieceScore]);
    }
    local.sort((a, b) => score.get(b[0])! - score.get(a[0])! || score.get(b[1])! - score.get(a[1])!);
    for (const m of local) all.push(m);
  }
  all.sort((a, b) => b[2] - a[2]); // stable, as Python's sorted
  return all.map(([l, r]) => [l, r]);
}

function templates(meta: GgufMetadata): string | ChatTemplateNamed[] | null {
  const main = str(meta['tokenizer.chat_template']);
  const named: ChatTemplateNamed[] = [];
  for (const [key, value] of Object.entries(meta)) {
    const m = /^tokenizer\.chat_template\.(.+)$/.exec(key);
    if (m && typeof value === 'string') named.push({ name: m[1]!, template: value });
  }
  if (named.length === 0) return main;
  // transformers' list form: the unnamed template is "default".
  return main ? [{ name: 'default', template: main }, ...named] : named;
}

function fileTypeOf(meta: GgufMetadata): { fileType: number | null; quantization: string | null } {
  const fileType = num(meta['general.file_type']);
  return { fileType, quantization: fileType === null ? null : (FILE_TYPES[fileType] ?? null) };
}

function templateProcessing(bos: string, bosId: number, eos: string | null, eosId: number | null): PostProcessorJson {
  const special: Record<string, { id: string; ids: number[]; tokens: string[] }> = { [bos]: { id: bos, ids: [bosId], tokens: [bos] } };
  const tail = (typeId: number) => (eos !== null && eosId !== null ? [{ SpecialToken: { id: eos, type_id: typeId } }] : []);
  if (eos !== null && eosId !== null) special[eos] = { id: eos, ids: [eosId], tokens: [eos] };
  return {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, ...tail(0)],
    pair: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, ...tail(0), { SpecialToken: { id: bos, type_id: 1 } }, { Sequence: { id: 'B', type_id: 1 } }, ...tail(1)],
    special_tokens: special,
  };
}

/** Converts the `tokenizer.*` metadata of a GGUF file; throws `GgufTokenizerError` with a readable message. */
export function ggufToTokenizer(meta: GgufMetadata): GgufTokenizer {
  const kind = str(meta['tokenizer.ggml.model']);
  if (!kind) throw new GgufTokenizerError('This GGUF file has no tokenizer (no "tokenizer.ggml.model" key).');
  const tokens = arr(meta['tokenizer.ggml.tokens'], 'tokenizer.ggml.tokens', isString);
  if (!tokens || tokens.length === 0) throw new GgufTokenizerError('This GGUF file has no vocabulary ("tokenizer.ggml.tokens" is missing or empty).');
  const types = arr(meta['tokenizer.ggml.token_type'], 'tokenizer.ggml.token_type', isNumber)?.map(Number) ?? null;
  const scores = arr(meta['tokenizer.ggml.scores'], 'tokenizer.ggml.scores', isNumber)?.map(Number) ?? null;
  const mergesRaw = arr(meta['tokenizer.ggml.merges'], 'tokenizer.ggml.merges', isString);
  const idOf = (key: string): number | null => {
    const id = num(meta[key]);
    return id !== null && id >= 0 && id < tokens.length ? id : null;
  };
  const bosId = idOf('tokenizer.ggml.bos_token_id');
  const eosId = idOf('tokenizer.ggml.eos_token_id');
  const padId = idOf('tokenizer.ggml.padding_token_id');
  let unkId = idOf('tokenizer.ggml.unknown_token_id');
  if (unkId === null && types) {
    const i = types.indexOf(GgufTokenType.unknown);
    if (i >= 0) unkId = i;
  }
  const arch = str(meta['general.architecture']);
  const warnings: string[] = [];

  // No prototype: a token may be spelled "constructor" or "__proto__".
  const vocab = Object.create(null) as Record<string, number>;
  tokens.forEach((t, i) => {
    if (!Object.hasOwn(vocab, t)) vocab[t] = i;
  });

  // Added tokens: control (3) → special; user-defined (4) → plain added tokens. Without types: unk/bos/eos.
  const added: AddedTokenJson[] = [];
  const addToken = (id: number, special: boolean) => added.push({ id, content: tokens[id]!, single_word: false, lstrip: false, rstrip: false, normalized: false, special });
  if (types) {
    types.forEach((t, id) => {
      if (t === GgufTokenType.control || (t === GgufTokenType.unknown && kind === 'llama')) addToken(id, true);
      else if (t === GgufTokenType.userDefined) addToken(id, false);
    });
  } else {
    for (const id of new Set([unkId, bosId, eosId])) if (id !== null) addToken(id, true);
  }

  const name = (id: number | null) => (id === null ? null : tokens[id]!);
  const addBos = meta['tokenizer.ggml.add_bos_token'];
  const addEos = meta['tokenizer.ggml.add_eos_token'];
  let json: TokenizerJson;
  let preName: string | null = null;

  if (kind === 'llama') {
    let merges: Array<string | [string, string]>;
    if (mergesRaw) merges = mergesRaw;
    else if (scores) merges = generateMerges(tokens, scores);
    else throw new GgufTokenizerError('This SentencePiece GGUF has neither merges nor scores, so its merges cannot be rebuilt.');
    const addPrefixSpace = meta['tokenizer.ggml.add_space_prefix'] !== false;
    const decoders: DecoderJson[] = [{ type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Replace', pattern: { String: '▁' }, content: ' ' }];
    if (addPrefixSpace) decoders.push({ type: 'Strip', content: ' ', start: 1, stop: 0 });
    const withBos = addBos !== false && bosId !== null;
    const withEos = addEos === true && eosId !== null;
    json = {
      version: '1.0',
      added_tokens: added,
      normalizer: { type: 'Sequence', normalizers: [...(addPrefixSpace ? [{ type: 'Prepend' as const, prepend: '▁' }] : []), { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] },
      pre_tokenizer: null,
      model: { type: 'BPE', vocab, merges, unk_token: name(unkId), fuse_unk: true, byte_fallback: true, dropout: null, continuing_subword_prefix: null, end_of_word_suffix: null },
      post_processor: withBos || withEos ? templateProcessing(name(withBos ? bosId : eosId)!, (withBos ? bosId : eosId)!, withBos && withEos ? name(eosId) : null, withBos && withEos ? eosId : null) : null,
      decoder: { type: 'Sequence', decoders },
    };
  } else if (kind === 'gpt2') {
    if (!mergesRaw) throw new GgufTokenizerError('This byte-level BPE GGUF has no "tokenizer.ggml.merges".');
    preName = str(meta['tokenizer.ggml.pre']);
    let pre = PRE_SPLITS[preName ?? 'default'];
    if (!pre) {
      warnings.push(`Unknown pre-tokenizer "${preName}": GPT-2's split regex is used, so some splits may differ from the original tokenizer.`);
      pre = PRE_SPLITS.default!;
    }
    const byteLevel = { type: 'ByteLevel' as const, add_prefix_space: false, trim_offsets: true, use_regex: pre.regex === null };
    const preTokenizer: PreTokenizerJson = pre.regex === null ? byteLevel : { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: pre.regex }, behavior: 'Isolated', invert: false }, byteLevel] };
    const withBos = addBos === true && bosId !== null;
    json = {
      version: '1.0',
      added_tokens: added,
      normalizer: null,
      pre_tokenizer: preTokenizer,
      model: { type: 'BPE', vocab, merges: mergesRaw, unk_token: null, fuse_unk: false, byte_fallback: false, dropout: null, continuing_subword_prefix: '', end_of_word_suffix: '', ignore_merges: pre.ignoreMerges ?? false },
      post_processor: withBos ? templateProcessing(name(bosId)!, bosId!, null, null) : { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
      decoder: { type: 'ByteLevel' },
    };
  } else {
    throw new GgufTokenizerError(`GGUF tokenizer kind "${kind}" is not supported yet. Supported: "llama" (SentencePiece BPE) and "gpt2" (byte-level BPE).`);
  }

  const config: TokenizerConfigJson = {
    tokenizer_class: kind === 'llama' ? 'LlamaTokenizerFast' : 'PreTrainedTokenizerFast',
    ...(bosId !== null ? { bos_token: tokens[bosId]! } : {}),
    ...(eosId !== null ? { eos_token: tokens[eosId]! } : {}),
    ...(unkId !== null ? { unk_token: tokens[unkId]! } : {}),
    ...(padId !== null ? { pad_token: tokens[padId]! } : {}),
    chat_template: templates(meta),
  };
  return {
    json,
    config,
    info: {
      architecture: arch,
      name: str(meta['general.name']),
      tokenizerModel: kind,
      preTokenizer: preName,
      contextLength: arch ? num(meta[`${arch}.context_length`]) : null,
      embeddingLength: arch ? num(meta[`${arch}.embedding_length`]) : null,
      ...fileTypeOf(meta),
      warnings,
    },
  };
}
