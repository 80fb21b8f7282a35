// Public surface of the tokenizer engine. (Being written: see createTokenizer below.)
import type { AddedTokenJson, TokenizerJson } from '../tokenizer-json';
import type { EncodeOptions, Encoding } from '../encoding';

export interface Tokenizer {
  encode(text: string, options: EncodeOptions): Encoding;
  /** As Rust `get_vocab_size(with_added_tokens)`. */
  getVocabSize(withAddedTokens: boolean): number;
  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;
  /** The UTF-8 bytes a token stands for (byte-level, `<0xNN>`, `▁`, `##` all resolved); added tokens give their content. */
  tokenBytes(id: number): Uint8Array;
  readonly addedTokens: readonly AddedTokenJson[];
  /** `BPE` | `WordPiece` | `Unigram` | `WordLevel` */
  readonly modelType: string;
}

export function createTokenizer(_json: TokenizerJson): Tokenizer {
  throw new Error('engine not written yet');
}
