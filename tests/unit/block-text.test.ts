/**
 * BlockText (src/core/text/block-text.ts) against the plain string it stands for: every read equals the string's,
 * after any edits, and `editSince` names a range outside which the two versions really are equal. Tiny blocks make
 * edits meet block boundaries, merges and re-cuts all the time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockText } from '../../src/core/text/block-text';
import { stringOf } from '../../src/core/text/text-source';

const pieces = ['a', 'b', ' ', '\n', 'é', '🙂', '\uD83D', 'zq ', 'Hello world '];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));
const edit = fc.record({ at: fc.nat(), removed: fc.nat({ max: 12 }), insert: text });
const sizes = fc.constantFrom({ block: 1, minBlock: 1 }, { block: 4, minBlock: 2 }, { block: 7, minBlock: 3 }, { block: 64, minBlock: 16 });

function expectReadsEqual(blocks: BlockText, plain: string): void {
  expect(blocks.length).toBe(plain.length);
  expect(blocks.toString()).toBe(plain);
  expect(stringOf(blocks)).toBe(plain);
  for (let i = -1; i <= plain.length; i++) expect(blocks.charCodeAt(i)).toBe(plain.charCodeAt(i));
  for (let from = -1; from <= plain.length + 1; from += 3) {
    expect(blocks.slice(from)).toBe(plain.slice(Math.max(0, from)));
    for (let to = from; to <= plain.length + 1; to += 2) expect(blocks.slice(from, to)).toBe(plain.slice(Math.max(0, from), Math.max(0, to)));
  }
}

describe('BlockText', () => {
  it('reads as the string it holds, after any edits', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 14 }), sizes, (start, edits, size) => {
        let plain = start;
        let blocks = BlockText.of(start, size);
        expectReadsEqual(blocks, plain);
        for (const { at, removed, insert } of edits) {
          const from = at % (plain.length + 1);
          const to = Math.min(plain.length, from + removed);
          plain = plain.slice(0, from) + insert + plain.slice(to);
          blocks = blocks.edit(from, to, insert);
          expectReadsEqual(blocks, plain);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('knows which range of each of its last 16 ancestors was replaced', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 20 }), sizes, (start, edits, size) => {
        const versions = [BlockText.of(start, size)];
        for (const { at, removed, insert } of edits) {
          const last = versions[versions.length - 1]!;
          const from = at % (last.length + 1);
          versions.push(last.edit(from, Math.min(last.length, from + removed), insert));
        }
        const now = versions[versions.length - 1]!;
        expect(now.editSince(now)).toEqual({ from: now.length, to: now.length });
        versions.slice(0, -1).forEach((old, k) => {
          const since = now.editSince(old);
          if (versions.length - 1 - k > 16) return expect(since).toBeUndefined();
          expect(since).toBeDefined();
          const { from, to } = since!;
          expect(0 <= from && from <= to && to <= old.length).toBe(true);
          // Outside the range, the old and the new text are the same characters.
          expect(now.slice(0, from)).toBe(old.slice(0, from));
          expect(now.slice(now.length - (old.length - to))).toBe(old.slice(to));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('knows nothing of texts it was not made from', () => {
    const a = BlockText.of('same text');
    const b = BlockText.of('same text');
    expect(b.editSince(a)).toBeUndefined();
    expect(a.edit(0, 0, 'x').editSince(b)).toBeUndefined();
    expect(a.editSince('same text')).toBeUndefined();
  });

  it('refuses an edit outside the text', () => {
    const t = BlockText.of('abc');
    expect(() => t.edit(2, 4, '')).toThrow(RangeError);
    expect(() => t.edit(2, 1, '')).toThrow(RangeError);
    expect(() => t.edit(-1, 0, '')).toThrow(RangeError);
  });
});
