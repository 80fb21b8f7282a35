import type { AddedTokenJson } from '../tokenizer-json';
import { NormalizedString } from './normalized-string';
import type { Split } from './pre-tokenized';
import { isAlphanumeric, isWhitespace } from './unicode';
import { WHOLE_TEXT, type PipelineContext } from './context';
import { isLowSurrogate } from '../../text/utf16';

interface TrieNode { next: Map<number, TrieNode>; token: AddedTokenJson | null }

/**
 * Leftmost-longest matcher over added-token contents, as Rust's Aho-Corasick `LeftmostLongest` split:
 * at the leftmost position where any token matches, the longest one wins.
 */
class TokenTrie {
  private readonly root: TrieNode = { next: new Map(), token: null };
  /** 1 for every UTF-16 unit some content starts with: most positions of a text are ruled out by one load. */
  private readonly firstUnits = new Uint8Array(0x10000);
  readonly empty: boolean;

  constructor(entries: Array<[string, AddedTokenJson]>) {
    for (const [content, token] of entries) {
      if (!content) continue;
      let node = this.root;
      this.firstUnits[content.charCodeAt(0)] = 1;
      for (let i = 0; i < content.length; i++) {
        const c = content.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) { child = { next: new Map(), token: null }; node.next.set(c, child); }
        node = child;
      }
      // The first registration of a content wins, like a HashMap insert that keeps the earlier id.
      node.token ??= token;
    }
    this.empty = this.root.next.size === 0;
  }

  *matches(s: string): Generator<[number, number, AddedTokenJson]> {
    const root = this.root;
    const firstUnits = this.firstUnits;
    for (let i = 0; i < s.length;) {
      const unit = s.charCodeAt(i);
      if (firstUnits[unit] === 0) { i++; continue; }
      let node = root.next.get(unit);
      if (!node) { i++; continue; }
      let best: [number, AddedTokenJson] | null = node.token ? [i + 1, node.token] : null;
      for (let j = i + 1; j < s.length; j++) {
        node = node.next.get(s.charCodeAt(j));
        if (!node) break;
        if (node.token) best = [j + 1, node.token];
      }
      if (best) { yield [i, best[0], best[1]]; i = best[0]; } else i++;
    }
  }
}

const isWordChar = (c: string): boolean => isAlphanumeric(c) || c === '_';

export class AddedVocabulary {
  private readonly rawTrie: TokenTrie;
  private readonly normalizedTrie: TokenTrie;

  /** The longest added-token content, in UTF-16 units (how much right context a chunk needs to see them whole). */
  readonly maxLength: number;
  /** Whether any token strips or checks its neighbours, which makes matches depend on text around them. */
  readonly hasContextRules: boolean;

  constructor(readonly tokens: readonly AddedTokenJson[], normalize: ((n: NormalizedString, ctx: PipelineContext) => void) | null) {
    this.maxLength = tokens.reduce((m, t) => Math.max(m, t.content.length), 0);
    this.hasContextRules = tokens.some((t) => t.lstrip || t.rstrip || t.single_word);
    this.rawTrie = new TokenTrie(tokens.filter((t) => !t.normalized).map((t) => [t.content, t]));
    // Tokens marked `normalized` are matched after normalization, by their own normalized content.
    this.normalizedTrie = new TokenTrie(tokens.filter((t) => t.normalized).map((t) => {
      const n = NormalizedString.fromOriginal(t.content);
      normalize?.(n, WHOLE_TEXT);
      return [n.s, t];
    }));
  }

  /** Rust `extract_and_normalize`: split out raw added tokens, normalize the rest, split out normalized ones. */
  extractAndNormalize(text: string, normalize: ((n: NormalizedString, ctx: PipelineContext) => void) | null, base = 0, ctx: PipelineContext = WHOLE_TEXT): Split[] {
    const out: Split[] = [];
    for (const piece of this.splitWith(NormalizedString.fromOriginal(text, base), this.rawTrie)) {
      if (piece.tokens) { out.push(piece); continue; }
      normalize?.(piece.n, ctx);
      for (const p of this.splitWith(piece.n, this.normalizedTrie)) out.push(p);
    }
    return out.filter((p) => p.n.length > 0);
  }

  private splitWith(n: NormalizedString, trie: TokenTrie): Split[] {
    if (trie.empty || n.length === 0) return [{ n, tokens: null }];
    const s = n.s;
    const pieces: Split[] = [];
    let cursor = 0;
    for (const [matchStart, matchEnd, token] of trie.matches(s)) {
      let start = matchStart, stop = matchEnd;
      if (token.single_word) {
        const before = start === 0 ? '' : lastChar(s, start);
        const after = stop === s.length ? '' : String.fromCodePoint(s.codePointAt(stop)!);
        if ((before && isWordChar(before)) || (after && isWordChar(after))) continue;
      }
      if (token.lstrip) {
        let k = start;
        while (k > 0) { const c = lastChar(s, k); if (!isWhitespace(c)) break; k -= c.length; }
        start = Math.max(k, cursor);
      }
      if (token.rstrip) {
        while (stop < s.length) { const c = String.fromCodePoint(s.codePointAt(stop)!); if (!isWhitespace(c)) break; stop += c.length; }
      }
      if (cursor < start) pieces.push({ n: n.slice(cursor, start), tokens: null });
      const slice = n.slice(start, stop);
      pieces.push({ n: slice, tokens: [{ id: token.id, value: token.content, start: 0, end: slice.length }] });
      cursor = stop;
    }
    if (cursor < s.length) pieces.push({ n: n.slice(cursor, s.length), tokens: null });
    return pieces;
  }
}

function lastChar(s: string, end: number): string {
  const c = s.charCodeAt(end - 1);
  return isLowSurrogate(c) && end >= 2 ? s.slice(end - 2, end) : s.slice(end - 1, end);
}
