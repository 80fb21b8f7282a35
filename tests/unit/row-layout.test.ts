import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSegments, chunkSegments, type TokenArrays } from '../../src/core/tokens/spans';
import { layoutRows, rowOfTokenIn, rowSegments, type TokenSpans } from '../../src/features/tokens/row-layout';

function spans(list: Array<[number, number]>, special: number[] = []): TokenSpans {
  return {
    ids: Int32Array.from(list, (_, i) => i),
    starts: Int32Array.from(list, (t) => t[0]),
    ends: Int32Array.from(list, (t) => t[1]),
    special: Uint8Array.from(list, (_, i) => (special.includes(i) ? 1 : 0)),
  };
}

/** The object-per-token layout the typed one replaces, row by row. */
function reference(text: string, s: TokenSpans, maxTokens: number) {
  const arrays: TokenArrays = { ...s, tokens: [], bytes: new Uint8Array(), byteOffsets: new Int32Array(s.ids.length + 1) };
  const segments = buildSegments(text, arrays);
  return chunkSegments(text, segments, maxTokens).map((c) => ({ tokens: [c.tokenFrom, c.tokenTo], segments: segments.slice(c.segmentFrom, c.segmentTo) }));
}

function ours(text: string, s: TokenSpans, maxTokens: number) {
  const layout = layoutRows(text, s, maxTokens);
  return Array.from({ length: layout.count }, (_, r) => ({ tokens: [layout.tokenFrom[r], layout.tokenTo[r]], segments: rowSegments(text, s, layout, r) }));
}

describe('row layout over typed arrays', () => {
  it('cuts at line ends and after maxTokens, with gaps, inserted tokens and brackets', () => {
    const text = 'ab cd\nef 🙂\n\ng';
    // BOS, "ab", " cd\n", gap "ef", two byte tokens over 🙂, "\n\n" untouched, "g", EOS
    const s = spans([[0, 0], [0, 2], [2, 6], [9, 11], [9, 11], [14, 15], [15, 15]], [0, 6]);
    expect(ours(text, s, 2)).toEqual(reference(text, s, 2));
    expect(ours(text, s, 200)).toEqual(reference(text, s, 200));
  });

  it('equals buildSegments + chunkSegments on random tokenizations', () => {
    const token = fc.tuple(fc.nat(30), fc.nat(6), fc.boolean());
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', 'é'), maxLength: 40 }), fc.array(token, { maxLength: 25 }), fc.integer({ min: 1, max: 5 }), (text, raw, maxTokens) => {
        // Offsets mostly ascending, sometimes overlapping, out of range or empty, like real tokenizers can give.
        let at = 0;
        const list = raw.map(([skip, len, back]): [number, number] => {
          const start = back ? Math.max(0, at - skip % 3) : at + (skip % 4);
          at = start + len;
          return [start, start + len];
        });
        const s = spans(list, [0]);
        expect(ours(text, s, maxTokens)).toEqual(reference(text, s, maxTokens));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the row of a token', () => {
    const text = 'a\nb\nc';
    const s = spans([[0, 2], [2, 4], [4, 5]]);
    const layout = layoutRows(text, s);
    expect([0, 1, 2].map((i) => rowOfTokenIn(layout, i))).toEqual([0, 1, 2]);
  });
});
