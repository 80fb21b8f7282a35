import { describe, expect, it, vi } from 'vitest';
import { TokenDetailsCache } from '../../src/features/tokens/token-details';
import type { TokenDetailsResult } from '../../src/worker/protocol';

/** Details as the worker sends them: each id's raw string and its UTF-8 bytes, back to back. */
function details(entries: Array<[number, string]>): TokenDetailsResult {
  const encoded = entries.map(([, t]) => new TextEncoder().encode(t));
  const byteOffsets = new Int32Array(entries.length + 1);
  encoded.forEach((b, k) => (byteOffsets[k + 1] = byteOffsets[k]! + b.length));
  const bytes = new Uint8Array(byteOffsets[entries.length]!);
  encoded.forEach((b, k) => bytes.set(b, byteOffsets[k]!));
  return { ids: Int32Array.from(entries, ([id]) => id), tokens: entries.map(([, t]) => t), bytes, byteOffsets };
}

describe('TokenDetailsCache', () => {
  it('tells its listeners only when new entries arrive, so re-sent details do not redraw every row', () => {
    const cache = new TokenDetailsCache(() => Promise.reject(new Error('not used')));
    const listener = vi.fn();
    cache.subscribe(listener);
    cache.add(details([[1, 'Hello'], [2, ' world']]));
    expect([cache.version, listener.mock.calls.length]).toEqual([1, 1]);
    expect(new TextDecoder().decode(cache.get(2)!.bytes)).toBe(' world');
    cache.add(details([[2, ' world'], [1, 'Hello']]));
    expect([cache.version, listener.mock.calls.length]).toEqual([1, 1]);
    cache.add(details([[1, 'Hello'], [3, '!']]));
    expect([cache.version, listener.mock.calls.length, cache.get(3)?.token]).toEqual([2, 2, '!']);
  });

  it('settles what ensure() waits for, even when the entries were already there', async () => {
    const fetched: number[][] = [];
    const cache = new TokenDetailsCache(async (ids) => {
      fetched.push(ids);
      return details(ids.map((id) => [id, `t${id}`]));
    });
    await cache.ensure([5, 6]);
    expect(fetched).toEqual([[5, 6]]);
    await cache.ensure([6]);
    expect(fetched).toEqual([[5, 6]]);
  });
});
