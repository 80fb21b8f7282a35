/**
 * A padded batch as `tokenizer(lines, padding=…, truncation=…, max_length=…)` builds it in Python transformers, plus
 * the labels `DataCollatorForLanguageModeling(mlm=False)` would add. Encoding, truncation and padding themselves are the
 * engine's (which matches Rust `encode_batch`); this file only decides what to ask for and labels the result.
 */
import type { Encoding, PaddingOptions, TruncationOptions } from '../tokens/encoding';
import {
  BatchConfigError, eosId, resolvePaddingSide, resolvePadToken, resolveStrategy, resolveTruncationSide,
  type BatchNote, type LoadedTokenizer, type PadTokenChoice, type PaddingMode, type ResolvedStrategy, type Side,
} from './resolve';

/** The label PyTorch's cross-entropy ignores. */
export const IGNORE_INDEX = -100;

export interface PadBatchOptions {
  addSpecialTokens: boolean;
  padding: PaddingMode;
  /** Omit for Python's `truncation=None`: then `max_length` with padding off still truncates. */
  truncation?: boolean;
  maxLength?: number | null;
  padToMultipleOf?: number | null;
  /** Default: tokenizer_config `padding_side`, else the Python class default, else right. */
  paddingSide?: Side;
  /** Default: tokenizer_config `truncation_side`, else right. */
  truncationSide?: Side;
  /** Pick the pad token by content or id; default: config `pad_token`, else EOS (with a note). */
  padToken?: string;
  padTokenId?: number;
}

export interface PaddedRow {
  inputIds: number[];
  attentionMask: number[];
  /** `input_ids` with −100 wherever the id equals the pad id (the collator's rule, so real tokens too, see `maskedReal`). */
  labels: number[];
  tokens: string[];
  /** True for cells the padding added. */
  isPad: boolean[];
  /** True for real tokens whose label is −100 only because their id is the pad id (pad = eos hides the real EOS). */
  maskedReal: boolean[];
  /** Real tokens kept (attention_mask 1). */
  length: number;
  /** Tokens truncation removed from this line. */
  truncated: number;
}

export interface PadBatchResult {
  rows: PaddedRow[];
  /** Columns in the batch: the longest row (0 for an empty batch). */
  width: number;
  /**
   * Rows of different lengths: possible with padding off, or with max_length padding and no truncation (longer rows
   * stay longer). Python's `return_tensors="pt"` then fails ("Unable to create tensor").
   */
  ragged: boolean;
  resolved: ResolvedStrategy & { paddingSide: Side; paddingSideSource: 'option' | 'config' | 'class-default' | 'default'; truncationSide: Side };
  /** Null only when padding is off and the tokenizer has neither a pad token nor an EOS. */
  pad: PadTokenChoice | null;
  /** Pad id = EOS id: `DataCollatorForLanguageModeling` then masks every real EOS too, so the model never learns to stop. */
  padEqualsEos: boolean;
  notes: BatchNote[];
}

export function padBatch(loaded: LoadedTokenizer, lines: string[], options: PadBatchOptions): PadBatchResult {
  const { tokenizer, config } = loaded;
  const notes: BatchNote[] = [];
  const strategy = resolveStrategy(options, config?.model_max_length, notes);
  const side = resolvePaddingSide(loaded, options.paddingSide, notes);
  const truncationSide = resolveTruncationSide(loaded, options.truncationSide);
  const pad = resolvePadToken(loaded, options, notes);
  // Without padding the fallback only decides which id the labels mask; 'pad-masks-real-tokens' reports that if it bites.
  if (strategy.padding === 'none') notes.splice(0, notes.length, ...notes.filter((n) => n.code !== 'pad-token-fallback'));
  if (strategy.padding !== 'none' && pad === null) {
    throw new BatchConfigError('no-pad-token', 'Asking to pad but the tokenizer has neither a pad_token nor an eos_token to fall back on.');
  }
  const encodeOptions = { addSpecialTokens: options.addSpecialTokens };
  if (strategy.truncation && strategy.maxLength !== null && options.addSpecialTokens) {
    // Below the special-token count Rust's output is erratic (tokenizers 0.23.2: no truncation at all for Llama 2 at 0,
    // one kept token for BERT at 0 and 1) and the engine clamps to 0, so refuse rather than show either.
    const added = tokenizer.encodeBatch([''], encodeOptions, { truncation: null, padding: null })[0]!.ids.length;
    if (strategy.maxLength < added) {
      throw new BatchConfigError('invalid-length', `max_length=${strategy.maxLength} leaves no room for the ${added} special token(s) this tokenizer adds.`);
    }
  }
  // Encoded once without truncation to count what truncation drops (and reused when truncation is off).
  const full = tokenizer.encodeBatch(lines, encodeOptions, { truncation: null, padding: null });
  const truncation: TruncationOptions | null = strategy.truncation && strategy.maxLength !== null
    ? { maxLength: strategy.maxLength, direction: truncationSide, strategy: 'longest_first' } : null;
  const padding: PaddingOptions | null = strategy.padding !== 'none' && pad !== null ? {
    length: strategy.padding === 'max_length' ? strategy.maxLength : null,
    direction: side.side, padId: pad.id, padToken: pad.token, padTypeId: 0, padToMultipleOf: strategy.padToMultipleOf,
  } : null;
  const encoded = truncation || padding ? tokenizer.encodeBatch(lines, encodeOptions, { truncation, padding }) : full;
  const rows = encoded.map((e, i) => toRow(e, full[i]!.ids.length, pad?.id ?? null));
  const eos = eosId(loaded);
  const padEqualsEos = pad !== null && pad.id === eos;
  const masked = rows.reduce((n, r) => n + r.maskedReal.filter(Boolean).length, 0);
  if (masked > 0) {
    notes.push({
      code: 'pad-masks-real-tokens',
      message: `${masked} real token(s) have id ${pad!.id} (${pad!.token}) = the pad id: DataCollatorForLanguageModeling sets every pad id to −100, so they get no loss${padEqualsEos ? ' — with pad = eos the model never learns to emit EOS (transformers#23530, trl#976)' : ''}.`,
    });
  }
  const width = Math.max(0, ...rows.map((r) => r.inputIds.length));
  return {
    rows,
    width,
    ragged: rows.some((r) => r.inputIds.length !== width),
    resolved: { ...strategy, paddingSide: side.side, paddingSideSource: side.source, truncationSide },
    pad,
    padEqualsEos,
    notes,
  };
}

function toRow(e: Encoding, fullLength: number, padId: number | null): PaddedRow {
  const isPad = e.attentionMask.map((m) => m === 0);
  // DataCollatorForLanguageModeling: `labels[labels == pad_token_id] = -100`, by id, not by attention mask.
  const labels = e.ids.map((id, i) => (isPad[i] || id === padId ? IGNORE_INDEX : id));
  const maskedReal = e.ids.map((id, i) => !isPad[i] && id === padId);
  const length = isPad.filter((p) => !p).length;
  return {
    inputIds: e.ids, attentionMask: e.attentionMask, labels, tokens: e.tokens, isPad, maskedReal, length,
    truncated: fullLength - length,
  };
}
