/**
 * A string being normalized, with the original `[start, end)` (UTF-16 units, absolute in the input text) that
 * every normalized UTF-16 unit comes from. This mirrors Rust `tokenizers`' `NormalizedString` alignments, which is
 * what makes our offsets equal the reference: every transform below follows the Rust rule for which original
 * character a new character is aligned with.
 */
export type CharChange = readonly [char: string, change: number];

export class NormalizedString {
  constructor(
    /** The normalized text. */
    public s: string,
    /** Original start of each UTF-16 unit of `s`. */
    public starts: Int32Array,
    /** Original end of each UTF-16 unit of `s`. */
    public ends: Int32Array,
    /** Original range this piece was cut from (Rust `offsets_original`), needed when `s` is empty. */
    public originalStart: number,
    public originalEnd: number,
  ) {}

  /** A fresh string whose alignments are the identity over `text`, which starts at `base` in the input. */
  static fromOriginal(text: string, base = 0): NormalizedString {
    const n = text.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Both halves of a surrogate pair align with the whole character, as Rust aligns every byte of a char.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
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

  /** Original range covered by normalized units `[start, end)` (Rust `convert_offsets` on a normalized range). */
  originalRange(start: number, end: number): [number, number] {
    if (start >= end) {
      if (this.s.length === 0) return [this.originalStart, this.originalEnd];
      const at = Math.min(start, this.s.length - 1);
      return start >= this.s.length ? [this.ends[at]!, this.ends[at]!] : [this.starts[at]!, this.starts[at]!];
    }
    return [this.starts[start]!, this.ends[end - 1]!];
  }

  /** Piece `[start, end)` of the normalized string, keeping its alignments (Rust `slice`). */
  slice(start: number, end: number): NormalizedString {
    const [os, oe] = this.originalRange(start, end);
    return new NormalizedString(this.s.slice(start, end), this.starts.subarray(start, end), this.ends.subarray(start, end), os, oe);
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
    this.s = this.s.slice(0, start) + text + this.s.slice(end);
    this.starts = starts;
    this.ends = ends;
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
    this.s = parts.join('');
    this.starts = Int32Array.from(starts);
    this.ends = Int32Array.from(ends);
  }
}

export function charLen(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}
