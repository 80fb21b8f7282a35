import type { WordPieceModelJson } from '../../tokenizer-json';
import type { Token } from '../pre-tokenized';
import { type Model, vocabMaps } from './model';

/** Greedy longest-match-first WordPiece; a word with any unmatchable rest becomes a single unk. */
export class WordPieceModel implements Model {
  readonly type = 'WordPiece' as const;
  private readonly toId: Map<string, number>;
  private readonly toToken: string[];
  private readonly prefix: string;
  private readonly maxChars: number;

  constructor(private readonly config: Omit<WordPieceModelJson, 'type'>) {
    const { toId, toToken } = vocabMaps(config.vocab);
    this.toId = toId;
    this.toToken = toToken;
    this.prefix = config.continuing_subword_prefix ?? '##';
    this.maxChars = config.max_input_chars_per_word ?? 100;
  }

  get vocabSize(): number { return this.toId.size; }
  tokenToId(token: string): number | undefined { return this.toId.get(token); }
  idToToken(id: number): string | undefined { return this.toToken[id]; }

  private unk(word: string): Token[] {
    const id = this.toId.get(this.config.unk_token);
    if (id === undefined) throw new Error(`WordPiece: unk token ${this.config.unk_token} is not in the vocabulary`);
    return [{ id, value: this.config.unk_token, start: 0, end: word.length }];
  }

  tokenize(word: string): Token[] {
    let chars = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) chars++; // count code points, as Rust counts chars
      if (chars > this.maxChars) return this.unk(word);
    }
    const out: Token[] = [];
    let start = 0;
    while (start < word.length) {
      let end = word.length;
      let found: Token | null = null;
      while (start < end) {
        const sub = (start > 0 ? this.prefix : '') + word.slice(start, end);
        const id = this.toId.get(sub);
        if (id !== undefined) { found = { id, value: sub, start, end }; break; }
        const c = word.charCodeAt(end - 1);
        end -= c >= 0xdc00 && c <= 0xdfff && end - 2 >= start ? 2 : 1;
      }
      if (!found) return this.unk(word);
      out.push(found);
      start = found.end;
    }
    return out;
  }
}
