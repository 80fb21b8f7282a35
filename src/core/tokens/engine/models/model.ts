import type { Token } from '../pre-tokenized';

/** A tokenization model: one pre-tokenized word (already normalized) in, tokens with unit offsets out. */
export interface Model {
  readonly type: 'BPE' | 'WordPiece' | 'Unigram' | 'WordLevel';
  tokenize(word: string): Token[];
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /** Number of entries in the model's own vocabulary (without added tokens). */
  readonly vocabSize: number;
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
