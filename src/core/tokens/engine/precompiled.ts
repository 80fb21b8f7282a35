import type { NormalizedString } from './normalized-string';

/**
 * SentencePiece's precompiled character map (T5, ALBERT, XLM-R …). Not needed by any bundled tokenizer;
 * loaded tokenizers that use it get a clear message instead of silently wrong ids.
 */
export function createPrecompiled(charsmap: string | null): (n: NormalizedString) => void {
  if (!charsmap) return () => {};
  throw new Error('The Precompiled (SentencePiece charsmap) normalizer is not supported yet.');
}
