/** The worker's result memory (src/worker/result-pool.ts): results go into memory the page handed back when it fits. */
import { describe, expect, it } from 'vitest';
import { ResultPool } from '../../src/worker/result-pool';
import { spareBuffersOf, type SpareBuffers } from '../../src/worker/protocol';

const spare = (capacity: number): SpareBuffers => ({
  ids: new ArrayBuffer(4 * capacity),
  starts: new ArrayBuffer(4 * capacity),
  ends: new ArrayBuffer(4 * capacity),
  special: new ArrayBuffer(capacity),
});

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
    const small = spare(100);
    const large = spare(5000);
    pool.give(small);
    pool.give(large);
    const a = pool.arraysFor(3000);
    expect(a.ids.buffer).toBe(large.ids);
    expect(a.special.buffer).toBe(large.special);
    // Taken: the next result of that size gets other memory.
    expect(pool.arraysFor(3000).ids.buffer).not.toBe(large.ids);
    expect(pool.arraysFor(80).ids.buffer).toBe(small.ids);
  });

  it('keeps at most two sets, the largest, and ignores moved-away (detached) buffers', () => {
    const pool = new ResultPool();
    const sets = [spare(10), spare(3000), spare(2000)];
    for (const s of sets) pool.give(s);
    const moved = spare(9000);
    structuredClone(moved.ids, { transfer: [moved.ids] });
    pool.give(moved);
    const got = [pool.arraysFor(1), pool.arraysFor(1), pool.arraysFor(1)].map((a) => a.ids.buffer);
    expect(got.slice(0, 2)).toEqual(expect.arrayContaining([sets[1]!.ids, sets[2]!.ids]));
    expect([sets[0]!.ids, moved.ids]).not.toContain(got[2]);
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
    const handedBack = spare(5000);
    pool.give(handedBack);
    pool.give(spare(10));
    pool.prepare(1000);
    const taken = [pool.arraysFor(1000), pool.arraysFor(1000)].map((a) => a.ids.buffer);
    expect(taken).toContain(handedBack.ids);
    // One new set was made next to the one handed back, and it was made with room to grow.
    const made = taken.find((b) => b !== handedBack.ids)!;
    expect(made.byteLength).toBeGreaterThan(4 * 1000);
    pool.give(spareBuffersOf(pool.arraysFor(1000))!);
    pool.prepare(900);
    pool.prepare(900);
    expect(pool.arraysFor(900).ids.buffer.byteLength).toBeGreaterThan(4 * 900);
  });
});
