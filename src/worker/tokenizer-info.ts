import type { Tokenizer } from '../core/tokens/engine';
import { configTokenContent, type TokenizerConfigJson } from '../core/tokens/tokenizer-json';
import { contextLengthFrom, type SpecialRole, type SpecialTokenInfo, type TokenizerInfo } from './protocol';

const CONFIG_ROLES = [
  ['bos', 'bos_token'],
  ['eos', 'eos_token'],
  ['unk', 'unk_token'],
  ['pad', 'pad_token'],
  ['sep', 'sep_token'],
  ['cls', 'cls_token'],
  ['mask', 'mask_token'],
] as const satisfies ReadonlyArray<readonly [SpecialRole, keyof TokenizerConfigJson]>;

/**
 * Special tokens by role. The config names the roles; the vocabulary gives the ids. Added tokens marked
 * `special` that no role claims (`<|im_end|>`, `<|eot_id|>`) are listed as `control` so the UI can still label them.
 */
export function specialTokensOf(tokenizer: Tokenizer, config: TokenizerConfigJson): SpecialTokenInfo[] {
  const out: SpecialTokenInfo[] = [];
  const seen = new Set<string>();
  const push = (role: SpecialRole, content: string | null) => {
    if (content == null || content === '') return;
    out.push({ role, content, id: tokenizer.tokenToId(content) ?? null });
    seen.add(content);
  };
  for (const [role, key] of CONFIG_ROLES) push(role, configTokenContent(config[key]));
  for (const token of config.additional_special_tokens ?? []) {
    const content = configTokenContent(token);
    if (content != null && !seen.has(content)) push('additional', content);
  }
  for (const added of tokenizer.addedTokens) {
    if (added.special && !seen.has(added.content)) push('control', added.content);
  }
  return out;
}

/** The fields of `TokenizerInfo` that come from the tokenizer and its config alone. */
export function tokenizerInfoOf(id: string, tokenizer: Tokenizer, config: TokenizerConfigJson): Omit<TokenizerInfo, 'card' | 'origin' | 'chatTemplate'> {
  return {
    id,
    vocabSize: tokenizer.getVocabSize(true),
    modelType: tokenizer.modelType,
    contextLength: contextLengthFrom(config.model_max_length),
    specialTokens: specialTokensOf(tokenizer, config),
    addedTokensCount: tokenizer.addedTokens.length,
  };
}
