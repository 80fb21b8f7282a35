/**
 * How Python `transformers` turns `padding` / `truncation` / `max_length` into what the Rust tokenizer is asked to do
 * (`PreTrainedTokenizerBase._get_padding_truncation_strategies`), and where the pad token and padding side come from.
 * Kept apart from `pad.ts` so the rules can be read (and tested) without encoding anything.
 */
import type { Tokenizer } from '../tokens/engine';
import { configTokenContent, type TokenizerConfigJson } from '../tokens/tokenizer-json';

export type PaddingMode = 'longest' | 'max_length' | 'none';
export type Side = 'left' | 'right';

/** A tokenizer as the batch lab needs it: the engine plus its `tokenizer_config.json` (null when the repo has none). */
export interface LoadedTokenizer {
  tokenizer: Tokenizer;
  config: TokenizerConfigJson | null;
}

/** Something a workshop should see next to the table: a silent fallback, an ignored setting, a hidden cost. */
export type BatchNoteCode =
  | 'pad-token-fallback'
  | 'max-length-ignored'
  | 'implicit-truncation'
  | 'no-model-max-length-padding'
  | 'no-model-max-length-truncation'
  | 'padding-side-class-default'
  | 'pad-masks-real-tokens';

export interface BatchNote {
  code: BatchNoteCode;
  message: string;
}

/** Settings Python rejects with a ValueError; we reject them too rather than show a batch Python would never build. */
export class BatchConfigError extends Error {
  constructor(readonly code: 'truncation-not-multiple' | 'no-pad-token' | 'invalid-length', message: string) {
    super(message);
    this.name = 'BatchConfigError';
  }
}

/** `tokenization_utils_base.LARGE_INTEGER`: a `model_max_length` above it means "unset" (Llama 3 ships 1e30). */
const LARGE_INTEGER = 1e20;

export interface StrategyInput {
  padding: PaddingMode;
  /** `undefined` is Python's `truncation=None`, which differs from `false` (implicit truncation, see below). */
  truncation?: boolean;
  maxLength?: number | null;
  padToMultipleOf?: number | null;
}

export interface ResolvedStrategy {
  padding: PaddingMode;
  truncation: boolean;
  /** The length truncation and `max_length` padding use (null: none applies). */
  maxLength: number | null;
  padToMultipleOf: number | null;
}

/** `_get_padding_truncation_strategies`, minus the pad-token check (we fall back to EOS instead of raising). */
export function resolveStrategy(input: StrategyInput, modelMaxLength: number | undefined, notes: BatchNote[]): ResolvedStrategy {
  let maxLength = input.maxLength ?? null;
  const multiple = input.padToMultipleOf && input.padToMultipleOf > 0 ? input.padToMultipleOf : null;
  if (maxLength !== null && (!Number.isInteger(maxLength) || maxLength < 0)) {
    throw new BatchConfigError('invalid-length', `max_length must be a non-negative integer, got ${maxLength}.`);
  }
  let padding = input.padding;
  let truncation = input.truncation ?? false;
  // Backward compatibility kept by Python (and transformers.js): max_length alone switches truncation on.
  if (maxLength !== null && padding === 'none' && input.truncation === undefined) {
    truncation = true;
    notes.push({ code: 'implicit-truncation', message: `max_length=${maxLength} with padding off and truncation unset truncates anyway (longest_first), as Python does.` });
  }
  if (padding === 'longest' && maxLength !== null && !truncation) {
    notes.push({ code: 'max-length-ignored', message: `padding='longest' pads to the longest line and ignores max_length=${maxLength}; use padding='max_length' to pad to it.` });
  }
  // Python's default model_max_length is VERY_LARGE_INTEGER (1e30) when the config has none.
  const modelMax = modelMaxLength !== undefined && modelMaxLength <= LARGE_INTEGER ? modelMaxLength : null;
  if (maxLength === null) {
    if (padding === 'max_length') {
      if (modelMax === null) {
        padding = 'none';
        notes.push({ code: 'no-model-max-length-padding', message: "padding='max_length' without max_length, and the tokenizer has no model_max_length: no padding (Python warns and does the same)." });
      } else maxLength = modelMax;
    }
    if (truncation) {
      if (modelMax === null) {
        truncation = false;
        notes.push({ code: 'no-model-max-length-truncation', message: 'truncation without max_length, and the tokenizer has no model_max_length: no truncation (Python warns and does the same).' });
      } else maxLength = modelMax;
    }
  }
  if (truncation && padding !== 'none' && multiple !== null && maxLength !== null && maxLength % multiple !== 0) {
    throw new BatchConfigError('truncation-not-multiple', `Truncation and padding are both activated but truncation length (${maxLength}) is not a multiple of pad_to_multiple_of (${multiple}).`);
  }
  return { padding, truncation, maxLength, padToMultipleOf: multiple };
}

export interface PadTokenChoice {
  id: number;
  token: string;
  source: 'option' | 'config' | 'eos-fallback';
}

/**
 * Explicit choice, then `pad_token` from the config, then EOS. Python raises "Asking to pad but the tokenizer does not
 * have a padding token" instead of the last step; transformers.js takes EOS silently (`getToken('pad_token', 'eos_token')`).
 */
export function resolvePadToken(loaded: LoadedTokenizer, choice: { padToken?: string; padTokenId?: number }, notes: BatchNote[]): PadTokenChoice | null {
  const { tokenizer, config } = loaded;
  if (choice.padTokenId !== undefined) {
    const token = tokenizer.idToToken(choice.padTokenId);
    if (token === undefined) throw new BatchConfigError('no-pad-token', `Pad id ${choice.padTokenId} is not in the vocabulary.`);
    return { id: choice.padTokenId, token, source: 'option' };
  }
  if (choice.padToken !== undefined) {
    const id = tokenizer.tokenToId(choice.padToken);
    if (id === undefined) throw new BatchConfigError('no-pad-token', `Pad token ${JSON.stringify(choice.padToken)} is not in the vocabulary.`);
    return { id, token: choice.padToken, source: 'option' };
  }
  const pad = configTokenContent(config?.pad_token);
  const padId = pad === null ? undefined : tokenizer.tokenToId(pad);
  if (pad !== null && padId !== undefined) return { id: padId, token: pad, source: 'config' };
  const eos = configTokenContent(config?.eos_token);
  const eosId = eos === null ? undefined : tokenizer.tokenToId(eos);
  if (eos === null || eosId === undefined) return null;
  notes.push({
    code: 'pad-token-fallback',
    message: `No pad_token in tokenizer_config.json: padding with EOS ${eos} (${eosId}), as transformers.js does. Python transformers raises here until you set tokenizer.pad_token = tokenizer.eos_token.`,
  });
  return { id: eosId, token: eos, source: 'eos-fallback' };
}

/** The EOS id from the config, if the vocabulary has it. */
export function eosId(loaded: LoadedTokenizer): number | null {
  const eos = configTokenContent(loaded.config?.eos_token);
  return eos === null ? null : loaded.tokenizer.tokenToId(eos) ?? null;
}

/**
 * Classes whose Python default is `padding_side = "left"` (class attribute in tokenization_llama_fast.py /
 * tokenization_gemma_fast.py); AutoTokenizer loads the fast class even when the config names the slow one.
 */
const LEFT_PADDING_CLASSES = new Set(['LlamaTokenizer', 'LlamaTokenizerFast', 'GemmaTokenizer', 'GemmaTokenizerFast']);

export function resolvePaddingSide(loaded: LoadedTokenizer, explicit: Side | undefined, notes: BatchNote[]): { side: Side; source: 'option' | 'config' | 'class-default' | 'default' } {
  if (explicit) return { side: explicit, source: 'option' };
  const fromConfig = loaded.config?.padding_side;
  if (fromConfig === 'left' || fromConfig === 'right') return { side: fromConfig, source: 'config' };
  const cls = loaded.config?.tokenizer_class;
  if (cls && LEFT_PADDING_CLASSES.has(cls)) {
    notes.push({ code: 'padding-side-class-default', message: `${cls} pads on the left by default in Python transformers (class attribute), though tokenizer_config.json does not say so.` });
    return { side: 'left', source: 'class-default' };
  }
  return { side: 'right', source: 'default' };
}

export function resolveTruncationSide(loaded: LoadedTokenizer, explicit: Side | undefined): Side {
  const fromConfig = loaded.config?.truncation_side;
  return explicit ?? (fromConfig === 'left' || fromConfig === 'right' ? fromConfig : 'right');
}
