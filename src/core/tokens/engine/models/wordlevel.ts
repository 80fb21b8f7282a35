import type { WordLevelModelJson } from '../../tokenizer-json';
import type { Token } from '../pre-tokenized';
import { type Model, vocabMaps } from './model';

/** One word, one id: unknown words become the unk token (Rust returns its id; it never drops the word). */
export class WordLevelModel implements Model {
  readonly type = 'WordLevel' as const;
  private readonly toId: Map<string, number>;
  private readonly toToken: string[];

  constructor(private readonly config: Omit<WordLevelModelJson, 'type'>) {
    const { toId, toToken } = vocabMaps(config.vocab);
    this.toId = toId;
    this.toToken = toToken;
  }

  get vocabSize(): number { return this.toId.size; }
  tokenToId(token: string): number | undefined { return this.toId.get(token); }
  idToToken(id: number): string | undefined { return this.toToken[id]; }

  tokenize(word: string): Token[] {
    const id = this.toId.get(word);
    if (id !== undefined) return [{ id, value: word, start: 0, end: word.length }];
    const unk = this.config.unk_token;
    const unkId = unk != null ? this.toId.get(unk) : undefined;
    if (unk == null || unkId === undefined) throw new Error(`WordLevel: "${word}" is not in the vocabulary and there is no unk token`);
    return [{ id: unkId, value: unk, start: 0, end: word.length }];
  }
}
