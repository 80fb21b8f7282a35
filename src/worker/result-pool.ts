/**
 * Memory for the token view's results. A 1 MB text's result is ~7 MB of typed arrays; allocating them fresh for every
 * keystroke cost the worker 4–8 ms per encode in Chromium (and the page a collection of the old ones), while filling
 * memory the page has handed back costs under one. The page returns a result's buffers once nothing shows it (see
 * `SpareBuffers`); results are views on the front of them.
 */
import type { SpanArrays } from '../core/tokens/engine';
import type { SpareBuffers } from './protocol';

/** Sets kept at most: the first two results of a typing burst, before the page has dropped any. */
const KEEP = 2;

const capacityOf = (b: SpareBuffers): number => Math.min(b.ids.byteLength >> 2, b.starts.byteLength >> 2, b.ends.byteLength >> 2, b.special.byteLength);

export class ResultPool {
  private readonly spare: SpareBuffers[] = [];

  /**
   * Buffers nothing uses any more: the page's, or a dropped result's (a detached or empty set is ignored). A result
   * made in a buffer that already has a view would give it two, and transferring such a buffer costs the worker V8's
   * `ArrayBufferDetaching` protector (see `transferTypedArraysOnce`); so the pool keeps them as new buffer objects
   * with no views (a transfer moves the memory, it copies nothing).
   */
  give(buffers: SpareBuffers): void {
    if (capacityOf(buffers) === 0) return;
    let moved: SpareBuffers;
    try {
      moved = structuredClone(buffers, { transfer: [buffers.ids, buffers.starts, buffers.ends, buffers.special] });
    } catch {
      return; // not four distinct movable buffers: nothing to re-use
    }
    this.spare.push(moved);
    if (this.spare.length > KEEP) this.spare.sort((a, b) => capacityOf(b) - capacityOf(a)).pop();
  }

  /**
   * Makes sure `KEEP` sets for `count` entries are ready: after a large result, while the worker is idle, so that the
   * next keystrokes' results need not wait for fresh memory (the page hands a set back only once it has dropped a
   * result: at once when it was stale, two results later when it was shown).
   */
  prepare(count: number): void {
    while (this.spare.filter((b) => capacityOf(b) >= count).length < KEEP) {
      const buffers = fresh(roomFor(count));
      // Written once, so its pages are mapped now rather than while the next result is copied in.
      for (const buffer of Object.values(buffers)) new Uint8Array(buffer).fill(0);
      this.give(buffers);
    }
  }

  /** Arrays of exactly `count` entries: in a spare set large enough, else in new buffers with room to grow. */
  readonly arraysFor = (count: number): SpanArrays => {
    const at = this.spare.findIndex((b) => capacityOf(b) >= count);
    const buffers = at >= 0 ? this.spare.splice(at, 1)[0]! : fresh(roomFor(count));
    return { ids: new Int32Array(buffers.ids, 0, count), starts: new Int32Array(buffers.starts, 0, count), ends: new Int32Array(buffers.ends, 0, count), special: new Uint8Array(buffers.special, 0, count) };
  };
}

/** Room for a typed paragraph or so, so a set still fits when it comes back after the text grew. */
const roomFor = (count: number): number => count + (count >> 4) + 4096;

function fresh(capacity: number): SpareBuffers {
  return { ids: new ArrayBuffer(capacity * 4), starts: new ArrayBuffer(capacity * 4), ends: new ArrayBuffer(capacity * 4), special: new ArrayBuffer(capacity) };
}
