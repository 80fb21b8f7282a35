import type { UnigramModelJson } from '../../tokenizer-json';
import type { Token } from '../pre-tokenized';
import type { Model } from './model';
import { isHighSurrogate } from '../../../text/utf16';

const UNK_PENALTY = 10;

interface TrieNode { children: Map<number, TrieNode>; id: number }

/** SentencePiece Unigram: the Viterbi best path over vocabulary pieces, unknown runs fused into one unk. */
export class UnigramModel implements Model {
  readonly type = 'Unigram' as const;
  private readonly toId = new Map<string, number>();
  private readonly pieces: string[] = [];
  private readonly scores: Float64Array;
  private readonly trie: TrieNode = { children: new Map(), id: -1 };
  private readonly unkId: number | null;
  private readonly minScore: number;

  constructor(private readonly config: Omit<UnigramModelJson, 'type'>) {
    this.scores = new Float64Array(config.vocab.length);
    let min = Infinity;
    config.vocab.forEach(([piece, score], id) => {
      this.toId.set(piece, id);
      this.pieces[id] = piece;
      this.scores[id] = score;
      if (score < min) min = score;
      let node = this.trie;
      for (let i = 0; i < piece.length; i++) {
        const c = piece.charCodeAt(i);
        let child = node.children.get(c);
        if (!child) { child = { children: new Map(), id: -1 }; node.children.set(c, child); }
        node = child;
      }
      node.id = id;
    });
    this.minScore = min;
    this.unkId = config.unk_id ?? null;
  }

  get vocabSize(): number { return this.pieces.length; }
  tokenToId(token: string): number | undefined { return this.toId.get(token); }
  idToToken(id: number): string | undefined { return this.pieces[id]; }

  private encode(s: string): Array<[number, number]> {
    const n = s.length;
    const bestScore = new Float64Array(n + 1);
    const startsAt = new Int32Array(n + 1).fill(-1);
    const nodeId = new Int32Array(n + 1);
    const unkScore = this.minScore - UNK_PENALTY;
    for (let start = 0; start < n;) {
      const code = s.charCodeAt(start);
      const charLen = isHighSurrogate(code) && start + 1 < n ? 2 : 1;
      const base = bestScore[start]!;
      let hasSingle = false;
      let node: TrieNode | undefined = this.trie;
      for (let i = start; i < n && node; i++) {
        node = node.children.get(s.charCodeAt(i));
        if (!node) break;
        if (node.id >= 0) {
          const end = i + 1;
          const candidate = this.scores[node.id]! + base;
          if (startsAt[end] === -1 || candidate > bestScore[end]!) { bestScore[end] = candidate; startsAt[end] = start; nodeId[end] = node.id; }
          if (end - start === charLen) hasSingle = true;
        }
      }
      if (!hasSingle) {
        if (this.unkId === null) throw new Error('Unigram: an unknown character and no unk_id');
        const end = start + charLen;
        const candidate = unkScore + base;
        if (startsAt[end] === -1 || candidate > bestScore[end]!) { bestScore[end] = candidate; startsAt[end] = start; nodeId[end] = this.unkId; }
      }
      start += charLen;
    }
    const out: Array<[number, number]> = [];
    let fusedEnd = -1;
    for (let end = n; end > 0;) {
      const start = startsAt[end]!;
      if (this.unkId !== null && nodeId[end] === this.unkId) {
        if (fusedEnd < 0) fusedEnd = end;
      } else {
        if (fusedEnd >= 0) { out.push([end, fusedEnd]); fusedEnd = -1; }
        out.push([start, end]);
      }
      end = start;
    }
    if (fusedEnd >= 0) out.push([0, fusedEnd]);
    return out.reverse();
  }

  tokenize(word: string): Token[] {
    if (word.length === 0) return [];
    const tokens: Token[] = [];
    for (const [start, end] of this.encode(word)) {
      const piece = word.slice(start, end);
      const id = this.toId.get(piece);
      if (id !== undefined) { tokens.push({ id, value: piece, start, end }); continue; }
      if (this.config.byte_fallback) {
        const bytes = new TextEncoder().encode(piece);
        const ids = Array.from(bytes, (b) => this.toId.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`));
        if (ids.every((x) => x !== undefined)) {
          ids.forEach((bid, k) => tokens.push({ id: bid!, value: `<0x${bytes[k]!.toString(16).toUpperCase().padStart(2, '0')}>`, start, end }));
          continue;
        }
      }
      if (this.unkId === null) throw new Error('Unigram: an unknown piece and no unk_id');
      tokens.push({ id: this.unkId, value: piece, start, end });
    }
    return tokens;
  }
}
