import type { Token } from '../pre-tokenized';

/** A tokenization model: one pre-tokenized word (already normalized) in, tokens with unit offsets out. */
export interface Model {
  readonly type: 'BPE' | 'WordPiece' | 'Unigram' | 'WordLevel';
  tokenize(word: string): Token[];
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /** Number of entries in the model's own vocabulary (without added tokens). */
  readonly vocabSize: number;
  /** The same tokens as `tokenize`, as (possibly shared, read-only) arrays, for models that keep them that way. */
  wordTokens?(word: string): WordTokens;
}

/** One word's tokens as parallel arrays; offsets in UTF-16 units of the word. */
export interface WordTokens {
  readonly ids: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly values: readonly string[];
}

/** Offsets of each character of `word`, in UTF-16 units: `[start, end)` pairs. */
export function charSpans(word: string): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  let i = 0;
  for (const c of word) { out.push([i, i + c.length, c]); i += c.length; }
  return out;
}

export function vocabMaps(vocab: Record<string, number>): { toId: Map<string, number>; toToken: string[] } {
  const toId = new Map<string, number>();
  const toToken: string[] = [];
  for (const token in vocab) {
    const id = vocab[token]!;
    toId.set(token, id);
    toToken[id] = token;
  }
  return { toId, toToken };
}
