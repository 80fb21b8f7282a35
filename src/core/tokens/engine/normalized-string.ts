/**
 * A string being normalized, with the original `[start, end)` (UTF-16 units, absolute in the input text) that
 * every normalized UTF-16 unit comes from. This mirrors Rust `tokenizers`' `NormalizedString` alignments, which is
 * what makes our offsets equal the reference: every transform below follows the Rust rule for which original
 * character a new character is aligned with.
 */
import { isHighSurrogate, isLowSurrogate, isSurrogate } from '../../text/utf16';
export type CharChange = readonly [char: string, change: number];

export class NormalizedString {
  // The alignments are a window `[offset, offset + s.length)` of these arrays: a slice shares its parent's arrays,
  // since most slices (pre-tokenized words) are only ever read at a token's first and last unit, and two typed-array
  // views per word were a large share of the per-word cost.
  private startsBase: Int32Array;
  private endsBase: Int32Array;
  private offset: number;

  constructor(
    /** The normalized text. */
    public s: string,
    /** Original start of each UTF-16 unit of `s`. */
    starts: Int32Array,
    /** Original end of each UTF-16 unit of `s`. */
    ends: Int32Array,
    /** Original range this piece was cut from (Rust `offsets_original`), needed when `s` is empty. */
    public originalStart: number,
    public originalEnd: number,
    offset = 0,
  ) {
    this.startsBase = starts;
    this.endsBase = ends;
    this.offset = offset;
  }

  /** A fresh string whose alignments are the identity over `text`, which starts at `base` in the input. */
  static fromOriginal(text: string, base = 0): NormalizedString {
    const n = text.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Both halves of a surrogate pair align with the whole character, as Rust aligns every byte of a char.
      if (isHighSurrogate(c) && i + 1 < n) {
        starts[i] = starts[i + 1] = base + i;
        ends[i] = ends[i + 1] = base + i + 2;
        i++;
      } else {
        starts[i] = base + i;
        ends[i] = base + i + 1;
      }
    }
    return new NormalizedString(text, starts, ends, base, base + n);
  }

  get length(): number {
    return this.s.length;
  }

  /** Original start of each UTF-16 unit of `s`. */
  get starts(): Int32Array {
    this.ownWindow();
    return this.startsBase;
  }

  /** Original end of each UTF-16 unit of `s`. */
  get ends(): Int32Array {
    this.ownWindow();
    return this.endsBase;
  }

  /** Original start of unit `i`. */
  startAt(i: number): number {
    return this.startsBase[this.offset + i]!;
  }

  /** Original end of unit `i`. */
  endAt(i: number): number {
    return this.endsBase[this.offset + i]!;
  }

  /** Replace the text and its alignments: units `[offset, offset + s.length)` of `starts` and `ends`. */
  reset(s: string, starts: Int32Array, ends: Int32Array, offset = 0): void {
    this.s = s;
    this.startsBase = starts;
    this.endsBase = ends;
    this.offset = offset;
  }

  /** Make the window the whole of its own arrays (views, no copy), for code that reads the arrays directly. */
  private ownWindow(): void {
    if (this.offset === 0 && this.startsBase.length === this.s.length) return;
    this.startsBase = this.startsBase.subarray(this.offset, this.offset + this.s.length);
    this.endsBase = this.endsBase.subarray(this.offset, this.offset + this.s.length);
    this.offset = 0;
  }

  /** Original range covered by normalized units `[start, end)` (Rust `convert_offsets` on a normalized range). */
  originalRange(start: number, end: number): [number, number] {
    if (start >= end) {
      if (this.s.length === 0) return [this.originalStart, this.originalEnd];
      const at = Math.min(start, this.s.length - 1);
      return start >= this.s.length ? [this.endAt(at), this.endAt(at)] : [this.startAt(at), this.startAt(at)];
    }
    return [this.startAt(start), this.endAt(end - 1)];
  }

  /** `originalRange(start, end)[0]`, without building the pair (the per-token path). */
  originalStartOf(start: number, end: number): number {
    return start < end ? this.startAt(start) : this.originalRange(start, end)[0];
  }

  /** `originalRange(start, end)[1]`, without building the pair. */
  originalEndOf(start: number, end: number): number {
    return start < end ? this.endAt(end - 1) : this.originalRange(start, end)[1];
  }

  /** Piece `[start, end)` of the normalized string, keeping its alignments (Rust `slice`). */
  slice(start: number, end: number): NormalizedString {
    const os = this.originalStartOf(start, end);
    const oe = this.originalEndOf(start, end);
    return new NormalizedString(this.s.slice(start, end), this.startsBase, this.endsBase, os, oe, this.offset + start);
  }

  /**
   * Rust `transform_range` over the whole string: `dest` lists the new characters, each with its change:
   * 0 replaces the next original character, +1 is inserted (aligned with the previous character),
   * -n replaces the next character and removes the n after it. `initialRemoved` characters are dropped first.
   */
  transform(dest: Iterable<CharChange>, initialRemoved = 0): void {
    this.transformRange(0, this.s.length, dest, initialRemoved);
  }

  transformRange(rangeStart: number, rangeEnd: number, dest: Iterable<CharChange>, initialRemoved = 0): void {
    const src = this.s;
    let pos = rangeStart; // current unit in the old normalized string
    for (let k = 0; k < initialRemoved; k++) pos += charLen(src, pos);
    const out: string[] = [];
    const newStarts: number[] = [];
    const newEnds: number[] = [];
    for (const [c, change] of dest) {
      let a0: number, a1: number;
      if (change > 0) {
        if (pos < 1) { a0 = 0; a1 = 0; } else { a0 = this.starts[pos - 1]!; a1 = this.ends[pos - 1]!; }
      } else {
        a0 = this.starts[pos]!; a1 = this.ends[pos]!;
        pos += charLen(src, pos);
        for (let k = 0; k < -change; k++) pos += charLen(src, pos);
      }
      out.push(c);
      for (let u = 0; u < c.length; u++) { newStarts.push(a0); newEnds.push(a1); }
    }
    this.splice(rangeStart, rangeEnd, out.join(''), newStarts, newEnds);
  }

  private splice(start: number, end: number, text: string, newStarts: ArrayLike<number>, newEnds: ArrayLike<number>): void {
    const n = start + text.length + (this.s.length - end);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    starts.set(this.starts.subarray(0, start));
    ends.set(this.ends.subarray(0, start));
    starts.set(newStarts, start);
    ends.set(newEnds, start);
    starts.set(this.starts.subarray(end), start + text.length);
    ends.set(this.ends.subarray(end), start + text.length);
    this.reset(this.s.slice(0, start) + text + this.s.slice(end), starts, ends);
  }

  /** Map every character independently (1 char → 1..n chars), as Rust `map`/`lowercase` do. */
  mapChars(fn: (c: string) => string): void {
    const src = this.s;
    let changed = false;
    const dest: CharChange[] = [];
    for (const c of src) {
      const r = fn(c);
      if (r !== c) changed = true;
      let first = true;
      for (const rc of r) { dest.push([rc, first ? 0 : 1]); first = false; }
      if (first) throw new Error('mapChars: a character may not map to nothing; use filter');
    }
    if (changed) this.transform(dest);
  }

  /** Keep only the characters for which `keep` holds (Rust `filter`: removed characters are dropped, never merged). */
  filter(keep: (c: string) => boolean): void {
    const dest: CharChange[] = [];
    let removed = 0;
    let removedStart = 0;
    let last: string | null = null;
    let any = false;
    for (const c of this.s) {
      if (keep(c)) {
        if (last !== null) dest.push([last, -removed]);
        else removedStart = removed;
        last = c;
        removed = 0;
      } else {
        removed++;
        any = true;
      }
    }
    if (!any) return;
    if (last !== null) dest.push([last, -removed]);
    else removedStart = removed;
    this.transform(dest, removedStart);
  }

  /** Rust `prepend`: the new text replaces the first char's slot, so it aligns with the first character. */
  prepend(text: string): void {
    if (this.s.length === 0) return;
    const first = String.fromCodePoint(this.s.codePointAt(0)!);
    const dest: CharChange[] = [];
    let i = 0;
    for (const c of text) dest.push([c, i++ === 0 ? 0 : 1]);
    dest.push([first, 1]);
    this.transformRange(0, first.length, dest);
  }

  /** Rust `replace`: each match becomes `content`, aligned with the last character of the match. */
  replace(matches: ReadonlyArray<readonly [number, number]>, content: string): void {
    if (matches.length === 0) return;
    const parts: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const src = this.s;
    let last = 0;
    const pushKept = (from: number, to: number) => {
      parts.push(src.slice(from, to));
      for (let i = from; i < to; i++) { starts.push(this.starts[i]!); ends.push(this.ends[i]!); }
    };
    for (const [ms, me] of matches) {
      if (me <= ms) continue;
      pushKept(last, ms);
      parts.push(content);
      const a0 = this.starts[me - 1]!, a1 = this.ends[me - 1]!;
      for (let u = 0; u < content.length; u++) { starts.push(a0); ends.push(a1); }
      last = me;
    }
    pushKept(last, src.length);
    this.reset(parts.join(''), Int32Array.from(starts), Int32Array.from(ends));
  }
}

export function charLen(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return isHighSurrogate(c) && i + 1 < s.length ? 2 : 1;
}

/**
 * A new normalized text built unit by unit, each unit aligned with one unit of the string it is built from (or
 * with `[0, 0]` for source -1, Rust's alignment for an insertion before the first character). Normalizers whose
 * every output character inherits the alignment of one input character use it instead of a `CharChange` list:
 * same alignments, without a per-character tuple or a splice.
 *
 * It runs once per word in some pre-tokenizers, where allocating typed arrays dominated (each one of any size has
 * its own backing store), so the working arrays are shared between builders and the result's alignments are carved
 * out of a shared arena (see `AlignmentArena`).
 */
export class AlignedBuilder {
  private codes: Uint16Array;
  private sources: Int32Array;
  length = 0;
  /** Still equal to the source string, unit for unit (then `apply` has nothing to do). */
  private identity = true;

  constructor(private readonly from: NormalizedString) {
    const capacity = from.length + (from.length >> 2) + 16;
    const spare = scratch;
    if (spare && spare.codes.length >= capacity) {
      scratch = null; // builders never nest today; one that did would simply allocate its own arrays
      this.codes = spare.codes;
      this.sources = spare.sources;
    } else {
      this.codes = new Uint16Array(capacity);
      this.sources = new Int32Array(capacity);
    }
  }

  push(code: number, source: number): void {
    if (this.length === this.codes.length) this.grow();
    const k = this.length++;
    this.codes[k] = code;
    this.sources[k] = source;
    if (this.identity && (source !== k || code !== this.from.s.charCodeAt(k))) this.identity = false;
  }

  pushString(text: string, source: number): void {
    for (let i = 0; i < text.length; i++) this.push(text.charCodeAt(i), source);
  }

  /** Make `from` the built string, with the alignments of the units each new unit came from. */
  apply(): void {
    const n = this.from;
    if (!this.identity || this.length !== n.length) {
      const count = this.length;
      const at = arena.take(count);
      const { starts, ends } = arena;
      for (let k = 0; k < count; k++) {
        const src = this.sources[k]!;
        if (src >= 0) { starts[at + k] = n.startAt(src); ends[at + k] = n.endAt(src); }
      }
      n.reset(unitsToString(this.codes, count), starts, ends, at);
    }
    if (!scratch || scratch.codes.length < this.codes.length) scratch = { codes: this.codes, sources: this.sources };
  }

  private grow(): void {
    const codes = new Uint16Array(this.codes.length * 2);
    codes.set(this.codes);
    const sources = new Int32Array(this.sources.length * 2);
    sources.set(this.sources);
    this.codes = codes;
    this.sources = sources;
  }
}

let scratch: { codes: Uint16Array; sources: Int32Array } | null = null;

/**
 * Alignment arrays handed out as windows of large shared arrays (a bump allocator): a built string takes the next
 * `count` entries; a full arena is replaced by a fresh one and lives on only as long as strings still use it.
 * Entries are written once, when taken, and never changed (every transform replaces a string's arrays).
 */
class AlignmentArena {
  starts = new Int32Array(ARENA_SIZE);
  ends = new Int32Array(ARENA_SIZE);
  private used = 0;

  /** Offset of `count` fresh entries in `starts`/`ends` (read them after the call: the arrays may change). */
  take(count: number): number {
    if (this.used + count > this.starts.length) {
      const size = Math.max(ARENA_SIZE, count);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
      this.used = 0;
    }
    const at = this.used;
    this.used += count;
    return at;
  }
}

const ARENA_SIZE = 1 << 16;
const arena = new AlignmentArena();

// `ignoreBOM`: a leading U+FEFF is text here, not a byte-order mark to strip.
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** The string of the first `count` UTF-16 units, lone surrogates kept (a TextDecoder would replace them). */
export function unitsToString(units: Uint16Array, count: number): string {
  if (count <= 12) {
    // Short (most words): a decoder call costs more than building the string.
    let out = '';
    for (let i = 0; i < count; i++) out += String.fromCharCode(units[i]!);
    return out;
  }
  const view = units.subarray(0, count);
  if (isWellFormed(view)) return utf16.decode(view);
  const STEP = 8192; // stays well under the engine's argument-count limit
  let out = '';
  for (let i = 0; i < count; i += STEP) out += String.fromCharCode(...view.subarray(i, Math.min(count, i + STEP)));
  return out;
}

function isWellFormed(units: Uint16Array): boolean {
  for (let i = 0; i < units.length; i++) {
    const c = units[i]!;
    if (!isSurrogate(c)) continue;
    if (!isHighSurrogate(c) || i + 1 >= units.length) return false;
    const next = units[i + 1]!;
    if (!isLowSurrogate(next)) return false;
    i++;
  }
  return true;
}
