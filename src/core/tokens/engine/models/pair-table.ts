/**
 * BPE merges, (left id, right id) → (rank, merged id), in an open-addressing hash table of typed arrays. A `Map`
 * keyed by the packed pair (a number past the small-integer range) made every lookup hash a heap number, and those
 * lookups are most of the work of merging a word.
 */
export class PairTable {
  private readonly mask: number;
  /** -1 marks an empty slot. */
  private readonly lefts: Int32Array;
  private readonly rights: Int32Array;
  readonly ranks: Int32Array;
  readonly merged: Int32Array;

  constructor(expected: number) {
    let size = 16;
    while (size < expected * 1.5) size *= 2; // a load under 2/3 keeps probe runs short
    this.mask = size - 1;
    this.lefts = new Int32Array(size).fill(-1);
    this.rights = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.merged = new Int32Array(size);
  }

  /** The slot holding the pair, or -1. */
  find(left: number, right: number): number {
    const { lefts, rights, mask } = this;
    for (let i = hash(left, right) & mask; ; i = (i + 1) & mask) {
      const l = lefts[i]!;
      if (l === -1) return -1;
      if (l === left && rights[i] === right) return i;
    }
  }

  /** Add a pair, or overwrite it: a later duplicate merge wins, as when Rust collects the merges into a map. */
  set(left: number, right: number, rank: number, merged: number): void {
    const { lefts, rights, mask } = this;
    let i = hash(left, right) & mask;
    while (lefts[i] !== -1 && !(lefts[i] === left && rights[i] === right)) i = (i + 1) & mask;
    lefts[i] = left;
    rights[i] = right;
    this.ranks[i] = rank;
    this.merged[i] = merged;
  }
}

function hash(left: number, right: number): number {
  let h = Math.imul(left, 0x9e3779b1) ^ right;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
}
