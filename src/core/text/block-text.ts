/**
 * A long text held as blocks of a few thousand characters, for the worker's copy of the page's text.
 *
 * Why: a string cannot be edited in place. Each keystroke on a 1 MB text made a new 2 MB string (V8 flattens the
 * concatenation the first time it is read), which lived until the next keystroke and so filled the old generation:
 * a major GC of 7–11 ms every few keystrokes, in the middle of an edit. An edit here makes one new block and a new
 * list of the others.
 *
 * A `BlockText` is immutable; `edit` returns a new one. It also remembers, for its last few ancestors, which range of
 * the ancestor its edits replaced, so a reader that knows the ancestor (the chunker, the row layout) finds the
 * changed region without comparing two megabytes.
 */
import { ownCopy, type TextSource } from './text-source';

export interface BlockSizes {
  /** Blocks are cut to this size, and an edited block is cut again once it reaches twice it. */
  block: number;
  /** An edited block shorter than this joins its neighbour. */
  minBlock: number;
}

/** Small enough that an edit copies little, large enough that a chunk's slice spans few blocks. */
const SIZES: BlockSizes = { block: 8192, minBlock: 1024 };
/** Ancestors whose edit is remembered: more than the edits the page can send while the worker encodes one. */
const REMEMBERED = 16;

interface Origin {
  /** The ancestor's id. */
  base: number;
  /** `[from, to)` of the ancestor was replaced by `insertLength` characters. */
  from: number;
  to: number;
  insertLength: number;
}

let nextId = 1;

export class BlockText implements TextSource {
  readonly length: number;
  private readonly id = nextId++;
  /** Where each block starts; `starts[blocks.length]` is the length. */
  private readonly starts: Int32Array;
  /** The block the last read was in: reads come in runs. */
  private at = 0;

  private constructor(
    private readonly blocks: readonly string[],
    private readonly origins: readonly Origin[],
    private readonly sizes: BlockSizes,
  ) {
    const starts = new Int32Array(blocks.length + 1);
    for (let i = 0; i < blocks.length; i++) starts[i + 1] = starts[i]! + blocks[i]!.length;
    this.starts = starts;
    this.length = starts[blocks.length]!;
  }

  /** `sizes` is for tests, which use tiny blocks so that edits meet block boundaries. */
  static of(text: string, sizes = SIZES): BlockText {
    return new BlockText(cut(text, sizes.block), [], sizes);
  }

  charCodeAt(index: number): number {
    const b = this.blockOf(index);
    return b < 0 ? NaN : this.blocks[b]!.charCodeAt(index - this.starts[b]!);
  }

  slice(from: number, to = this.length): string {
    from = Math.max(0, Math.min(from, this.length));
    to = Math.max(from, Math.min(to, this.length));
    if (from === to) return '';
    const first = this.blockOf(from);
    const last = this.blockOf(to - 1);
    const starts = this.starts;
    if (first === last) return this.blocks[first]!.slice(from - starts[first]!, to - starts[first]!);
    const parts = [this.blocks[first]!.slice(from - starts[first]!)];
    for (let b = first + 1; b < last; b++) parts.push(this.blocks[b]!);
    parts.push(this.blocks[last]!.slice(0, to - starts[last]!));
    return parts.join('');
  }

  toString(): string {
    return this.blocks.join('');
  }

  /** This text with `[from, to)` replaced by `insert`. */
  edit(from: number, to: number, insert: string): BlockText {
    if (from < 0 || to < from || to > this.length) throw new RangeError(`edit [${from}, ${to}) outside a text of ${this.length}`);
    const { blocks, starts } = this;
    const edit: Origin = { base: this.id, from, to, insertLength: insert.length };
    const origins = [edit, ...this.origins.slice(0, REMEMBERED - 1).map((o) => compose(o, edit))];
    if (!blocks.length) return new BlockText(cut(insert, this.sizes.block), origins, this.sizes);
    // The blocks the edit touches (an insert at a block boundary goes into the block before it).
    let first = Math.max(0, this.blockOf(from > 0 ? from - 1 : 0));
    let last = Math.max(first, this.blockOf(to > from ? to - 1 : from > 0 ? from - 1 : 0));
    let middle = blocks[first]!.slice(0, from - starts[first]!) + insert + blocks[last]!.slice(to - starts[last]!);
    // Too small a block joins a neighbour (the next one if any), so edits that delete do not leave slivers behind.
    if (middle.length < this.sizes.minBlock && blocks.length > last - first + 1) {
      if (last + 1 < blocks.length) middle += blocks[++last]!;
      else middle = blocks[--first]! + middle;
    }
    const replaced = middle.length >= 2 * this.sizes.block ? cut(middle, this.sizes.block) : middle.length ? [middle] : [];
    const next = [...blocks.slice(0, first), ...replaced, ...blocks.slice(last + 1)];
    return new BlockText(next, origins, this.sizes);
  }

  editSince(base: TextSource): { from: number; to: number } | undefined {
    if (base === this) return { from: this.length, to: this.length };
    if (!(base instanceof BlockText)) return undefined;
    const origin = this.origins.find((o) => o.base === base.id);
    return origin && { from: origin.from, to: origin.to };
  }

  /** Index of the block holding `index`, or -1 outside the text. */
  private blockOf(index: number): number {
    const starts = this.starts;
    const n = this.blocks.length;
    if (index < 0 || index >= this.length) return -1;
    const b = this.at;
    if (index >= starts[b]! && index < starts[b + 1]!) return b;
    if (b + 1 < n && index >= starts[b + 1]! && index < starts[b + 2]!) return (this.at = b + 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return (this.at = lo);
  }
}

/** `text` in blocks of `size` characters, each a string of its own (not a view that keeps `text` alive). */
function cut(text: string, size: number): string[] {
  const blocks: string[] = [];
  for (let at = 0; at < text.length; at += size) blocks.push(ownCopy(text.slice(at, at + size)));
  return blocks;
}

/**
 * `older` (ancestor → parent) followed by `edit` (parent → child), as one edit of the ancestor: the smallest range
 * covering both.
 */
function compose(older: Origin, edit: Origin): Origin {
  const olderEnd = older.from + older.insertLength;
  const lo = Math.min(older.from, edit.from);
  const hi = Math.max(olderEnd, edit.to);
  const olderShift = older.insertLength - (older.to - older.from);
  const editShift = edit.insertLength - (edit.to - edit.from);
  return { base: older.base, from: lo, to: hi - olderShift, insertLength: hi + editShift - lo };
}
