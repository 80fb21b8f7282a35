import type { TextSource } from './text-source';

/**
 * One contiguous edit between two versions of a text, found by their common prefix and suffix. Typing, pasting and
 * deleting are each one such edit, so an edit is what crosses to the worker instead of the whole (1 MB) text.
 */
export interface TextEdit {
  /** Replaced range of the old text, in UTF-16 units. */
  from: number;
  to: number;
  insert: string;
}

/**
 * Length of the common prefix. Compares blocks first (native string equality on slices, which V8 does without
 * copying), then narrows down: a megabyte in well under a millisecond where a character loop takes several.
 */
export function commonPrefix(a: TextSource, b: TextSource, max = Math.min(a.length, b.length)): number {
  let at = 0;
  for (let step = 65536; step >= 16; step >>= 4) {
    while (at + step <= max && a.slice(at, at + step) === b.slice(at, at + step)) at += step;
  }
  while (at < max && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** Length of the common suffix, at most `max` (pass what the prefix left, so the two never overlap). */
export function commonSuffix(a: TextSource, b: TextSource, max = Math.min(a.length, b.length)): number {
  let at = 0;
  const la = a.length;
  const lb = b.length;
  for (let step = 65536; step >= 16; step >>= 4) {
    while (at + step <= max && a.slice(la - at - step, la - at) === b.slice(lb - at - step, lb - at)) at += step;
  }
  while (at < max && a.charCodeAt(la - at - 1) === b.charCodeAt(lb - at - 1)) at++;
  return at;
}

/**
 * A range `[from, to)` of `before` outside which `after` has the same characters (empty, at the end, when they are
 * equal): the one `after` knows when it was made from `before` by edits (a `BlockText`), else the smallest, found by
 * comparing.
 */
export function changedRange(before: TextSource, after: TextSource): { from: number; to: number } {
  const known = after.editSince?.(before);
  if (known) return known;
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - prefix);
  return { from: prefix, to: before.length - suffix };
}

/** The edit that turns `before` into `after` (empty insert and range when they are equal). */
export function diffText(before: string, after: string): TextEdit {
  const { from, to } = changedRange(before, after);
  return { from, to, insert: after.slice(from, after.length - (before.length - to)) };
}

export function applyTextEdit(text: string, { from, to, insert }: TextEdit): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/**
 * `second` after `first` as one edit of the text `first` applied to: the smallest range covering both.
 * In the middle text, `first` wrote [first.from, firstEnd) and `second` replaces [second.from, second.to).
 */
export function composeEdits(first: TextEdit, second: TextEdit, after: string): TextEdit {
  const firstEnd = first.from + first.insert.length;
  const lo = Math.min(first.from, second.from);
  const hi = Math.max(firstEnd, second.to);
  const firstShift = first.insert.length - (first.to - first.from);
  const secondShift = second.insert.length - (second.to - second.from);
  return { from: lo, to: hi - firstShift, insert: after.slice(lo, hi + secondShift) };
}
