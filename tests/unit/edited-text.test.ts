import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextEdit } from '../../src/core/text/text-edit';
import { EditedText } from '../../src/core/text/edited-text';

describe('EditedText', () => {
  it('equals the plainly edited string after any edits, across rebases', () => {
    const edit = fc.record({ a: fc.nat(), b: fc.nat(40), insert: fc.string({ maxLength: 30 }) });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(edit, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (start, edits, rebaseAt) => {
        const edited = new EditedText(start, rebaseAt);
        let plain = start;
        for (const { a, b, insert } of edits) {
          const from = a % (plain.length + 1);
          const to = Math.min(plain.length, from + b);
          plain = applyTextEdit(plain, { from, to, insert });
          // The editor's document is the plainly edited text: `read` slices it, as CodeMirror's sliceString would.
          expect(edited.apply(from, to, insert.length, (x, y) => plain.slice(x, y))).toBe(plain);
          expect(edited.text).toBe(plain);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
