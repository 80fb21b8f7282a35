import type { ModelJson, TokenizerJson } from '../../tokenizer-json';
import type { Model } from './model';
import { BpeModel } from './bpe';
import { WordPieceModel } from './wordpiece';
import { UnigramModel } from './unigram';
import { WordLevelModel } from './wordlevel';

/** `model.type` is missing in some Hub files (older BERT, T5): infer it from the fields, as Rust's untagged serde does. */
export function resolveModelType(model: TokenizerJson['model']): ModelJson['type'] {
  if (model.type) return model.type;
  if ('merges' in model) return 'BPE';
  if (Array.isArray(model.vocab)) return 'Unigram';
  if ('continuing_subword_prefix' in model || 'max_input_chars_per_word' in model) return 'WordPiece';
  return 'WordLevel';
}

export function createModel(model: TokenizerJson['model']): Model {
  const type = resolveModelType(model);
  switch (type) {
    case 'BPE': return new BpeModel(model as Omit<Extract<ModelJson, { type: 'BPE' }>, 'type'>);
    case 'WordPiece': return new WordPieceModel(model as Omit<Extract<ModelJson, { type: 'WordPiece' }>, 'type'>);
    case 'Unigram': return new UnigramModel(model as Omit<Extract<ModelJson, { type: 'Unigram' }>, 'type'>);
    case 'WordLevel': return new WordLevelModel(model as Omit<Extract<ModelJson, { type: 'WordLevel' }>, 'type'>);
    default: {
      const unknown: never = type;
      throw new Error(`Unsupported model type: ${String(unknown)}`);
    }
  }
}
