import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSegments, chunkSegments, type TokenArrays } from '../../src/core/tokens/spans';
import { copySpans, layoutRows, relayoutRows, rowOfTokenIn, rowSegments, type LaidOut, type TokenSpans } from '../../src/core/tokens/row-layout';

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

  it('also cuts after a sentence end once a row holds maxTokens / 8 tokens', () => {
    const text = 'a b. c. d e f. g';
    const s = toyTokens(text);
    const layout = layoutRows(text, s, 16);
    const rows = Array.from({ length: layout.count }, (_, r) => text.slice(layout.textFrom[r], layout.textTo[r]));
    // BOS + "a" " " "b" "." = 5 tokens ≥ 2: cut; "c" "." after " " = 3 ≥ 2: cut; and so on.
    expect(rows).toEqual(['a b.', ' c.', ' d e f.', ' g']);
  });

  it('finds the row of a token', () => {
    const text = 'a\nb\nc';
    const s = spans([[0, 2], [2, 4], [4, 5]]);
    const layout = layoutRows(text, s);
    expect([0, 1, 2].map((i) => rowOfTokenIn(layout, i))).toEqual([0, 1, 2]);
  });
});

/** A toy tokenizer: words and runs of spaces, a BOS, and 2 byte tokens over each non-ASCII character. */
function toyTokens(text: string): TokenSpans {
  const list: Array<[number, number]> = [[0, 0]];
  const re = /[a-z]+|\s|[^a-z\s]/gu;
  for (const m of text.matchAll(re)) {
    const s = m.index;
    const e = s + m[0].length;
    if (m[0].codePointAt(0)! > 127) list.push([s, e], [s, e]);
    else list.push([s, e]);
  }
  return spans(list, [0]);
}

describe('relayoutRows', () => {
  it('equals layoutRows after random edits, told the edit (as the editor reports it, not minimal) or not', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '\n', 'é', 'zq', '.', '?');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(200), fc.nat(6), fc.string({ unit, maxLength: 5 })), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (text, edits, maxTokens) => {
          let prev: LaidOut = { text, tokens: toyTokens(text).ids.length, spans: toyTokens(text), layout: layoutRows(text, toyTokens(text), maxTokens), maxTokens };
          for (const [k, [at, del, insert]] of edits.entries()) {
            const from = Math.min(at, prev.text.length);
            const to = Math.min(prev.text.length, from + del);
            const next = prev.text.slice(0, from) + insert + prev.text.slice(to);
            const s = toyTokens(next);
            const layout = relayoutRows(prev, next, s, maxTokens, k % 2 ? { from, to } : undefined);
            const full = layoutRows(next, s, maxTokens);
            const rows = (l: typeof full) => Array.from({ length: l.count }, (_, r) => [l.tokenFrom[r], l.tokenTo[r], l.textFrom[r], l.textTo[r]]);
            expect(rows(layout)).toEqual(rows(full));
            prev = { text: next, tokens: s.ids.length, spans: s, layout, maxTokens };
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equals layoutRows when the text grows under tokens whose offsets ran past its end (found by the property below)', () => {
    const tokens = () => spans([[0, 2], [4, 8]], [0]);
    const prev: LaidOut = { text: '', tokens: 2, spans: tokens(), layout: layoutRows('', tokens(), 1), maxTokens: 1 };
    const rows = (l: ReturnType<typeof layoutRows>) => Array.from({ length: l.count }, (_, r) => [l.tokenFrom[r], l.tokenTo[r], l.textFrom[r], l.textTo[r]]);
    expect(rows(relayoutRows(prev, 'a', tokens(), 1))).toEqual(rows(layoutRows('a', tokens(), 1)));
  });

  it('equals layoutRows between unrelated tokenizations', () => {
    const token = fc.tuple(fc.nat(30), fc.nat(6), fc.boolean());
    const tokenization = fc.array(token, { maxLength: 25 }).map((raw) => {
      let at = 0;
      return spans(
        raw.map(([skip, len, back]): [number, number] => {
          const start = back ? Math.max(0, at - (skip % 3)) : at + (skip % 4);
          at = start + len;
          return [start, start + len];
        }),
        [0],
      );
    });
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n'), maxLength: 40 });
    fc.assert(
      fc.property(text, tokenization, text, tokenization, fc.integer({ min: 1, max: 5 }), (t1, s1, t2, s2, maxTokens) => {
        const prev: LaidOut = { text: t1, tokens: s1.ids.length, spans: s1, layout: layoutRows(t1, s1, maxTokens), maxTokens };
        const layout = relayoutRows(prev, t2, s2, maxTokens);
        const full = layoutRows(t2, s2, maxTokens);
        const rows = (l: typeof full) => Array.from({ length: l.count }, (_, r) => [l.tokenFrom[r], l.tokenTo[r], l.textFrom[r], l.textTo[r]]);
        expect(rows(layout)).toEqual(rows(full));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('copySpans', () => {
  it('copies tokens [from, to) into arrays of their own, which outlive the source being moved away', () => {
    const spans = { ids: Int32Array.of(5, 6, 7, 8), starts: Int32Array.of(0, 2, 4, 6), ends: Int32Array.of(2, 4, 6, 8), special: Uint8Array.of(1, 0, 0, 1) };
    const part = copySpans(spans, 1, 3);
    const whole = copySpans(spans);
    for (const a of [spans.ids, spans.starts, spans.ends, spans.special]) structuredClone(a.buffer, { transfer: [a.buffer] });
    expect([...part.ids, ...part.starts, ...part.ends, ...part.special]).toEqual([6, 7, 2, 4, 4, 6, 0, 0]);
    expect([whole.ids.length, whole.special[3]]).toEqual([4, 1]);
  });
});
