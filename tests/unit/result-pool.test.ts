/** The worker's result memory (src/worker/result-pool.ts): results go into memory the page handed back when it fits. */
import { describe, expect, it } from 'vitest';
import { ResultPool } from '../../src/worker/result-pool';
import { spareBuffersOf, type SpareBuffers } from '../../src/worker/protocol';

/** A set of `capacity` entries whose first id and flag are `mark`, to recognise its memory after the pool moved it. */
const spare = (capacity: number, mark = 0): SpareBuffers => {
  const set = { ids: new ArrayBuffer(4 * capacity), starts: new ArrayBuffer(4 * capacity), ends: new ArrayBuffer(4 * capacity), special: new ArrayBuffer(capacity) };
  new Int32Array(set.ids)[0] = mark;
  new Uint8Array(set.special)[0] = mark;
  return set;
};
const markOf = (arrays: { ids: Int32Array }): number => arrays.ids[0]!;

describe('ResultPool', () => {
  it('gives arrays of exactly the count asked for, in new memory with room to grow when nothing was handed back', () => {
    const pool = new ResultPool();
    const a = pool.arraysFor(1000);
    expect([a.ids.length, a.starts.length, a.ends.length, a.special.length]).toEqual([1000, 1000, 1000, 1000]);
    expect(a.ids.buffer.byteLength).toBeGreaterThan(4 * 1000);
    expect(new Set([a.ids.buffer, a.starts.buffer, a.ends.buffer, a.special.buffer]).size).toBe(4);
  });

  it('re-uses handed-back memory that is large enough, once, and leaves smaller sets for smaller results', () => {
    const pool = new ResultPool();
    const small = spare(100, 1);
    const large = spare(5000, 2);
    pool.give(small);
    pool.give(large);
    const a = pool.arraysFor(3000);
    expect(markOf(a)).toBe(2);
    expect(a.special[0]).toBe(2);
    expect(a.ids.buffer.byteLength).toBe(4 * 5000);
    // Taken: the next result of that size gets other memory.
    expect(markOf(pool.arraysFor(3000))).toBe(0);
    expect(markOf(pool.arraysFor(80))).toBe(1);
  });

  it('moves what it is given to buffers of its own, so a result is the only view on its buffer', () => {
    const pool = new ResultPool();
    const given = spare(100, 3);
    const views = new Int32Array(given.ids);
    pool.give(given);
    // The caller's buffers (and any view on them) are detached: the memory now belongs to the pool's buffer objects.
    expect([given.ids.byteLength, given.starts.byteLength, given.ends.byteLength, given.special.byteLength]).toEqual([0, 0, 0, 0]);
    expect(views.length).toBe(0);
    const a = pool.arraysFor(50);
    expect(markOf(a)).toBe(3);
    expect(a.ids.buffer).not.toBe(given.ids);
  });

  it('ignores a set whose buffers are not four distinct movable ones', () => {
    const pool = new ResultPool();
    const shared = new ArrayBuffer(4 * 100);
    new Int32Array(shared)[0] = 4;
    pool.give({ ids: shared, starts: shared, ends: new ArrayBuffer(400), special: new ArrayBuffer(100) });
    expect(markOf(pool.arraysFor(50))).toBe(0);
  });

  it('keeps at most two sets, the largest, and ignores moved-away (detached) buffers', () => {
    const pool = new ResultPool();
    const sets = [spare(10, 10), spare(3000, 30), spare(2000, 20)];
    for (const s of sets) pool.give(s);
    const moved = spare(9000, 90);
    structuredClone(moved.ids, { transfer: [moved.ids] });
    pool.give(moved);
    const got = [pool.arraysFor(1), pool.arraysFor(1), pool.arraysFor(1)].map(markOf);
    expect(got.slice(0, 2).sort()).toEqual([20, 30]);
    expect(got[2]).toBe(0);
  });
});

describe('spareBuffersOf', () => {
  it('returns the four buffers of a result, and null for arrays sharing a buffer or already moved', () => {
    const buffer = new ArrayBuffer(64);
    const ids = new Int32Array(4);
    const spans = { ids, starts: new Int32Array(4), ends: new Int32Array(4), special: new Uint8Array(4) };
    expect(spareBuffersOf(spans)).toEqual({ ids: ids.buffer, starts: spans.starts.buffer, ends: spans.ends.buffer, special: spans.special.buffer });
    expect(spareBuffersOf({ ...spans, starts: new Int32Array(buffer, 0, 4), ends: new Int32Array(buffer, 16, 4) })).toBeNull();
    structuredClone(ids.buffer, { transfer: [ids.buffer] });
    expect(spareBuffersOf(spans)).toBeNull();
  });
});

describe('ResultPool.prepare', () => {
  it('readies two sets for a count, counting the sets already there that fit', () => {
    const pool = new ResultPool();
    pool.give(spare(5000, 5));
    pool.give(spare(10, 1));
    pool.prepare(1000);
    const taken = [pool.arraysFor(1000), pool.arraysFor(1000)];
    expect(taken.map(markOf)).toContain(5);
    // One new set was made next to the one handed back, and it was made with room to grow.
    const made = taken.find((a) => markOf(a) !== 5)!;
    expect(made.ids.buffer.byteLength).toBeGreaterThan(4 * 1000);
    pool.give(spareBuffersOf(pool.arraysFor(1000))!);
    pool.prepare(900);
    pool.prepare(900);
    expect(pool.arraysFor(900).ids.buffer.byteLength).toBeGreaterThan(4 * 900);
  });
});
