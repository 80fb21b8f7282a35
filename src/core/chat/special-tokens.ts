/**
 * The special-token variables transformers passes to templates: `special_tokens_map` (bos/eos/unk/sep/pad/
 * cls/mask as strings, `additional_special_tokens` as a list), merged under the caller's kwargs. Tokens set
 * to null in the config are absent, so the template sees Undefined (Qwen3 has no bos_token).
 */
import { type TokenizerConfigJson, configTokenContent } from '../tokens/tokenizer-json';

export type SpecialTokens = Record<string, string | string[]>;

const NAMES = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'] as const;

export function specialTokensFromConfig(config: TokenizerConfigJson): SpecialTokens {
  const out: SpecialTokens = {};
  for (const n of NAMES) {
    const v = configTokenContent(config[n]);
    if (v !== null) out[n] = v;
  }
  if (config.additional_special_tokens?.length) {
    out.additional_special_tokens = config.additional_special_tokens.map((t) => configTokenContent(t) ?? '');
  }
  return out;
}
