import type { WordPieceModelJson } from '../../tokenizer-json';
import type { Token } from '../pre-tokenized';
import { type Model, vocabMaps } from './model';
import { isLowSurrogate } from '../../../text/utf16';

const CACHE_LIMIT = 50_000;
const CACHE_MAX_WORD = 256;

/** Greedy longest-match-first WordPiece; a word with any unmatchable rest becomes a single unk. */
export class WordPieceModel implements Model {
  readonly type = 'WordPiece' as const;
  private readonly toId: Map<string, number>;
  private readonly toToken: string[];
  private readonly prefix: string;
  private readonly maxChars: number;
  /** The longest vocabulary entry, in UTF-16 units: no longer candidate can match, so none is built. */
  private readonly maxTokenLength: number;
  /** word → its tokens (shared, read-only): words repeat, and greedy matching is the costly part. */
  private readonly cache = new Map<string, Token[]>();

  constructor(private readonly config: Omit<WordPieceModelJson, 'type'>) {
    const { toId, toToken } = vocabMaps(config.vocab);
    this.toId = toId;
    this.toToken = toToken;
    this.prefix = config.continuing_subword_prefix ?? '##';
    this.maxChars = config.max_input_chars_per_word ?? 100;
    let longest = 0;
    for (const token of toId.keys()) if (token.length > longest) longest = token.length;
    this.maxTokenLength = longest;
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
    if (word.length > CACHE_MAX_WORD) return this.tokenizeWord(word);
    let tokens = this.cache.get(word);
    if (tokens === undefined) {
      tokens = this.tokenizeWord(word);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(word, tokens);
    }
    return tokens;
  }

  private tokenizeWord(word: string): Token[] {
    let chars = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (!isLowSurrogate(c)) chars++; // count code points, as Rust counts chars
      if (chars > this.maxChars) return this.unk(word);
    }
    const out: Token[] = [];
    let start = 0;
    while (start < word.length) {
      let end = this.firstEnd(word, start);
      let found: Token | null = null;
      while (start < end) {
        const sub = (start > 0 ? this.prefix : '') + word.slice(start, end);
        const id = this.toId.get(sub);
        if (id !== undefined) { found = { id, value: sub, start, end }; break; }
        const c = word.charCodeAt(end - 1);
        end -= isLowSurrogate(c) && end - 2 >= start ? 2 : 1;
      }
      if (!found) return this.unk(word);
      out.push(found);
      start = found.end;
    }
    return out;
  }

  /**
   * Where the longest-first search from `start` can first succeed: the ends the full search tries before it give
   * candidates longer than any vocabulary entry, which cannot match, so they are stepped over (the same steps,
   * without building the strings).
   */
  private firstEnd(word: string, start: number): number {
    const limit = start + this.maxTokenLength - (start > 0 ? this.prefix.length : 0);
    let end = word.length;
    while (end > limit && start < end) {
      const c = word.charCodeAt(end - 1);
      end -= isLowSurrogate(c) && end - 2 >= start ? 2 : 1;
    }
    return end;
  }
}
