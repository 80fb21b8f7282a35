/**
 * Request and response of the worker's `batch` command (the batch lab). Types only, kept apart from `protocol.ts`
 * so that file's diff stays one command entry; `protocol.ts` re-exports them. Everything here is plain arrays:
 * the padding, flattening, bin packing and statistics run in the worker with `src/core/batch`.
 */

export type BatchPaddingMode = 'longest' | 'max_length' | 'none';
export type BatchSide = 'left' | 'right';

export interface BatchScalingRequest {
  distribution: 'normal' | 'lognormal' | 'uniform';
  /** Mean sequence length (tokens). */
  mean: number;
  batchSize: number;
  /** Standard deviations to sample, as fractions of the mean (coefficient of variation). */
  spreads: number[];
  trials: number;
  seed: number;
}

export interface BatchRequest {
  tokenizerId: string;
  /** One sequence per entry, in order; the page decides which lines count (it drops empty ones). */
  lines: string[];
  addSpecialTokens: boolean;
  padding: BatchPaddingMode;
  truncation: boolean;
  maxLength: number | null;
  padToMultipleOf: number | null;
  /** null: the tokenizer's own (tokenizer_config.json, else the Python class default, else right). */
  paddingSide: BatchSide | null;
  truncationSide: BatchSide | null;
  /** null: config `pad_token`, else EOS (transformers.js's fallback). */
  padTokenId: number | null;
  /** Bin size for TRL-style best-fit-decreasing packing; null: the longest sequence rounded up to a multiple of 8. */
  packLength: number | null;
  /** Padded rows returned in full (the statistics always cover every line). */
  rowLimit: number;
  /** Flattened tokens returned in full. */
  tokenLimit: number;
  scaling: BatchScalingRequest | null;
}

export interface BatchNoteInfo {
  code: string;
  message: string;
}

export interface BatchRowInfo {
  inputIds: number[];
  attentionMask: number[];
  /** −100 on padding (and on real tokens whose id equals the pad id, as DataCollatorForLanguageModeling does). */
  labels: number[];
  /** Readable text of each cell (decoded token, or the raw vocabulary string when it is a partial character). */
  texts: string[];
  /** Real tokens whose label is −100 only because their id is the pad id. */
  maskedReal: boolean[];
  length: number;
  truncated: number;
}

export interface BatchTokenRef {
  id: number;
  token: string;
}

export interface BatchCostInfo {
  strategy: 'padded' | 'flattened' | 'packed';
  rows: number;
  width: number;
  realTokens: number;
  slots: number;
  wastePercent: number;
  attentionCells: number;
  usefulAttentionCells: number;
}

export interface BatchPadded {
  rows: BatchRowInfo[];
  width: number;
  ragged: boolean;
  padding: BatchPaddingMode;
  truncation: boolean;
  maxLength: number | null;
  padToMultipleOf: number | null;
  paddingSide: BatchSide;
  truncationSide: BatchSide;
  pad: (BatchTokenRef & { source: 'option' | 'config' | 'eos-fallback' }) | null;
  padEqualsEos: boolean;
}

export interface BatchFlattened {
  /** The first `tokenLimit` tokens of the one packed row. */
  inputIds: number[];
  labels: number[];
  positionIds: number[];
  seqIdx: number[];
  texts: string[];
  /** Every boundary, even beyond `tokenLimit`. */
  cuSeqLens: number[];
  maxLength: number;
  total: number;
}

export interface BatchBins {
  packLength: number;
  bins: Array<{ pieces: Array<{ index: number; start: number; length: number }>; length: number }>;
  dropped: number;
}

export interface BatchScalingPoint {
  /** std ÷ mean of the sampled lengths. */
  spread: number;
  paddedWastePercent: number;
  attentionRatio: number;
}

export interface BatchResult {
  tokenizerId: string;
  sequenceCount: number;
  /** Real tokens per line after truncation: every line. */
  lengths: number[];
  defaults: {
    paddingSide: BatchSide;
    paddingSideSource: 'option' | 'config' | 'class-default' | 'default';
    tokenizerClass: string | null;
    pad: (BatchTokenRef & { source: 'option' | 'config' | 'eos-fallback' }) | null;
    eos: BatchTokenRef | null;
    modelMaxLength: number | null;
  };
  /** Pad tokens a workshop may pick instead: the config's, EOS, unused special tokens, id 0. */
  padCandidates: Array<BatchTokenRef & { why: string }>;
  /** Null when the settings are rejected (Python raises a ValueError): see `error`. */
  padded: BatchPadded | null;
  flattened: BatchFlattened | null;
  bins: BatchBins | null;
  costs: BatchCostInfo[];
  notes: BatchNoteInfo[];
  error: BatchNoteInfo | null;
  scaling: BatchScalingPoint[] | null;
}
