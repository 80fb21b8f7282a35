/**
 * Read access to a text. A string is one; so is a `BlockText`, which the worker holds a long text in so that an
 * edit does not make (and later collect) a new megabyte string.
 */
export interface TextSource {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(from: number, to?: number): string;
  /**
   * The range `[from, to)` of `base` that was replaced to make this text, when this text knows it was made from
   * `base` by edits (outside that range both texts are the same characters). Undefined when it cannot tell.
   */
  editSince?(base: TextSource): { from: number; to: number } | undefined;
}

/** The whole text as a string (a string is returned as it is). */
export function stringOf(text: TextSource): string {
  return typeof text === 'string' ? text : text.slice(0, text.length);
}

/**
 * `slice` in a string of its own. A slice is a view that keeps its whole parent alive: a cache key sliced from a
 * 1 MB text would keep that version of the text for as long as the entry lives.
 */
export function ownCopy(slice: string): string {
  return (' ' + slice).slice(1);
}
