import type { ModelConfigJson, TokenizerConfigJson } from '../tokens/tokenizer-json';

/**
 * transformers writes `model_max_length = int(1e30)` (VERY_LARGE_INTEGER) when a tokenizer has no limit of its own,
 * so anything this large means "unknown", not a real window.
 */
const ABSURD_LENGTH = 1e15;

export interface ContextLength {
  value: number | null;
  source: 'tokenizer_config.model_max_length' | 'config.max_position_embeddings' | 'config.n_positions' | 'gguf' | null;
}

/** `model_max_length`, falling back to the model config when it is missing or absurd. */
export function contextLength(config: TokenizerConfigJson | null, model: ModelConfigJson | null, ggufContext?: number | null): ContextLength {
  const fromTokenizer = config?.model_max_length;
  if (typeof fromTokenizer === 'number' && fromTokenizer > 0 && fromTokenizer < ABSURD_LENGTH) {
    return { value: fromTokenizer, source: 'tokenizer_config.model_max_length' };
  }
  if (typeof model?.max_position_embeddings === 'number' && model.max_position_embeddings > 0) {
    return { value: model.max_position_embeddings, source: 'config.max_position_embeddings' };
  }
  if (typeof model?.n_positions === 'number' && model.n_positions > 0) return { value: model.n_positions, source: 'config.n_positions' };
  if (typeof ggufContext === 'number' && ggufContext > 0) return { value: ggufContext, source: 'gguf' };
  return { value: null, source: null };
}

/** 131072 → "131,072 (128k)"; 4096 → "4,096 (4k)"; 1000 → "1,000". */
export function formatContextLength(value: number | null): string {
  if (value === null) return 'unknown';
  const plain = value.toLocaleString('en-US');
  if (value >= 1024 && value % 1024 === 0) return `${plain} (${value / 1024}k)`;
  return plain;
}

/** `hidden_size` / `d_model` / `n_embd`, whichever the model config names. */
export function embeddingSize(model: ModelConfigJson | null): number | null {
  for (const v of [model?.hidden_size, model?.d_model, model?.n_embd]) if (typeof v === 'number' && v > 0) return v;
  return null;
}
