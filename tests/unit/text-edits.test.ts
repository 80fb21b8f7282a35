import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextEdit } from '../../src/core/text/text-edit';
import { noteTextEdit, textEditBetween } from '../../src/lib/text-edits';

const unit = fc.constantFrom('a', 'b', ' ', '\n', '你', '🙂');
const edit = fc.tuple(fc.nat(60), fc.nat(4), fc.string({ unit, maxLength: 4 }));

describe('textEditBetween', () => {
  it('composes the noted edits between any two versions, and falls back to comparing otherwise', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 50 }), fc.array(edit, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (start, edits, i, j) => {
        // Fresh string objects, as the editor's toString gives: the notes are found by identity, not by content.
        const versions = [start];
        for (const [at, del, insert] of edits) {
          const before = versions[versions.length - 1]!;
          const from = Math.min(at, before.length);
          const to = Math.min(before.length, from + del);
          const after = [...applyTextEdit(before, { from, to, insert })].join('');
          noteTextEdit(before, after, { from, to, insert });
          versions.push(after);
        }
        const a = versions[Math.min(i, j) % versions.length]!;
        const b = versions[Math.max(i, j) % versions.length]!;
        expect(applyTextEdit(a, textEditBetween(a, b))).toBe(b);
        expect(applyTextEdit(b, textEditBetween(b, a))).toBe(a);
      }),
      { numRuns: 1000 },
    );
  });
});
