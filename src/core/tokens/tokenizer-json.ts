/**
 * The shape of Hugging Face `tokenizer.json` and `tokenizer_config.json`, typed once, in their own field names.
 * Only the fields the engine reads are listed; unknown `type`s are rejected by the factories with a clear message.
 */

export type Pattern = { String: string } | { Regex: string };

export interface AddedTokenJson {
  id: number;
  content: string;
  single_word?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  normalized?: boolean;
  special?: boolean;
}

export type NormalizerJson =
  | { type: 'Sequence'; normalizers: NormalizerJson[] }
  | { type: 'NFC' } | { type: 'NFD' } | { type: 'NFKC' } | { type: 'NFKD' }
  | { type: 'Lowercase' }
  | { type: 'Strip'; strip_left?: boolean; strip_right?: boolean }
  | { type: 'StripAccents' }
  | { type: 'Replace'; pattern: Pattern; content: string }
  | { type: 'Prepend'; prepend: string }
  | { type: 'BertNormalizer'; clean_text?: boolean; handle_chinese_chars?: boolean; strip_accents?: boolean | null; lowercase?: boolean }
  | { type: 'Precompiled'; precompiled_charsmap: string | null }
  | { type: 'Nmt' }
  | { type: 'ByteLevel' };

export type SplitBehavior = 'Removed' | 'Isolated' | 'MergedWithPrevious' | 'MergedWithNext' | 'Contiguous';
export type PrependScheme = 'first' | 'always' | 'never';

export type PreTokenizerJson =
  | { type: 'Sequence'; pretokenizers: PreTokenizerJson[] }
  | { type: 'ByteLevel'; add_prefix_space?: boolean; trim_offsets?: boolean; use_regex?: boolean }
  | { type: 'Split'; pattern: Pattern; behavior: SplitBehavior; invert?: boolean }
  | { type: 'Metaspace'; replacement: string; add_prefix_space?: boolean; prepend_scheme?: PrependScheme; split?: boolean }
  | { type: 'Whitespace' }
  | { type: 'WhitespaceSplit' }
  | { type: 'BertPreTokenizer' }
  | { type: 'Punctuation'; behavior?: SplitBehavior }
  | { type: 'Digits'; individual_digits?: boolean }
  | { type: 'CharDelimiterSplit'; delimiter: string };

export interface BpeModelJson {
  type: 'BPE';
  vocab: Record<string, number>;
  merges: Array<string | [string, string]>;
  unk_token?: string | null;
  continuing_subword_prefix?: string | null;
  end_of_word_suffix?: string | null;
  fuse_unk?: boolean;
  byte_fallback?: boolean;
  ignore_merges?: boolean;
  dropout?: number | null;
}

export interface WordPieceModelJson {
  type: 'WordPiece';
  vocab: Record<string, number>;
  unk_token: string;
  continuing_subword_prefix?: string;
  max_input_chars_per_word?: number;
}

export interface UnigramModelJson {
  type: 'Unigram';
  vocab: Array<[string, number]>;
  unk_id?: number | null;
  byte_fallback?: boolean;
}

export interface WordLevelModelJson {
  type: 'WordLevel';
  vocab: Record<string, number>;
  unk_token?: string | null;
}

export type ModelJson = BpeModelJson | WordPieceModelJson | UnigramModelJson | WordLevelModelJson;

export type TemplatePiece =
  | { SpecialToken: { id: string; type_id: number } }
  | { Sequence: { id: 'A' | 'B'; type_id: number } };

export type PostProcessorJson =
  | { type: 'Sequence'; processors: PostProcessorJson[] }
  | { type: 'TemplateProcessing'; single: TemplatePiece[]; pair: TemplatePiece[]; special_tokens: Record<string, { id: string; ids: number[]; tokens: string[] }> }
  | { type: 'ByteLevel'; add_prefix_space?: boolean; trim_offsets?: boolean; use_regex?: boolean }
  | { type: 'BertProcessing'; sep: [string, number]; cls: [string, number] }
  | { type: 'RobertaProcessing'; sep: [string, number]; cls: [string, number]; trim_offsets?: boolean; add_prefix_space?: boolean };

export type DecoderJson =
  | { type: 'Sequence'; decoders: DecoderJson[] }
  | { type: 'ByteLevel' }
  | { type: 'Metaspace'; replacement: string; prepend_scheme?: PrependScheme; add_prefix_space?: boolean }
  | { type: 'WordPiece'; prefix?: string; cleanup?: boolean }
  | { type: 'BPEDecoder'; suffix?: string }
  | { type: 'Replace'; pattern: Pattern; content: string }
  | { type: 'ByteFallback' }
  | { type: 'Fuse' }
  | { type: 'Strip'; content: string; start: number; stop: number };

export interface TruncationJson { max_length: number; strategy?: 'LongestFirst' | 'OnlyFirst' | 'OnlySecond'; direction?: 'Left' | 'Right'; stride?: number }
export interface PaddingJson {
  strategy?: 'BatchLongest' | { Fixed: number };
  direction?: 'Left' | 'Right';
  pad_id?: number;
  pad_type_id?: number;
  pad_token?: string;
  pad_to_multiple_of?: number | null;
}

export interface TokenizerJson {
  version?: string;
  truncation?: TruncationJson | null;
  padding?: PaddingJson | null;
  added_tokens?: AddedTokenJson[];
  normalizer?: NormalizerJson | null;
  pre_tokenizer?: PreTokenizerJson | null;
  model: ModelJson | (Omit<BpeModelJson, 'type'> & { type?: undefined; merges: BpeModelJson['merges'] })
    | (Omit<WordPieceModelJson, 'type'> & { type?: undefined })
    | (Omit<UnigramModelJson, 'type'> & { type?: undefined });
  post_processor?: PostProcessorJson | null;
  decoder?: DecoderJson | null;
}

/** A special token as `tokenizer_config.json` writes it: a plain string or an AddedToken object. */
export type ConfigToken = string | { content: string; __type?: string; lstrip?: boolean; rstrip?: boolean; normalized?: boolean; single_word?: boolean; special?: boolean };

export interface ChatTemplateNamed { name: string; template: string }

export interface TokenizerConfigJson {
  tokenizer_class?: string;
  bos_token?: ConfigToken | null;
  eos_token?: ConfigToken | null;
  unk_token?: ConfigToken | null;
  pad_token?: ConfigToken | null;
  sep_token?: ConfigToken | null;
  cls_token?: ConfigToken | null;
  mask_token?: ConfigToken | null;
  additional_special_tokens?: ConfigToken[];
  add_bos_token?: boolean;
  add_eos_token?: boolean;
  model_max_length?: number;
  padding_side?: 'left' | 'right';
  truncation_side?: 'left' | 'right';
  chat_template?: string | ChatTemplateNamed[] | null;
  clean_up_tokenization_spaces?: boolean;
  do_lower_case?: boolean;
  added_tokens_decoder?: Record<string, { content: string; special?: boolean; lstrip?: boolean; rstrip?: boolean; normalized?: boolean; single_word?: boolean }>;
  [key: string]: unknown;
}

/** `config.json` of a model repo: only the sizing fields the app reads. */
export interface ModelConfigJson {
  model_type?: string;
  architectures?: string[];
  max_position_embeddings?: number;
  n_positions?: number;
  hidden_size?: number;
  d_model?: number;
  n_embd?: number;
  vocab_size?: number;
  [key: string]: unknown;
}

export function configTokenContent(token: ConfigToken | null | undefined): string | null {
  if (token == null) return null;
  return typeof token === 'string' ? token : token.content;
}
