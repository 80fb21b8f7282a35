/**
 * Facts about Unicode normalization that the engine's fast paths rely on, checked against this runtime's own
 * normalization data (so an ICU update that broke one would show here, not as a wrong offset somewhere):
 *  - unicode-normalize.ts only looks at the non-ASCII runs of a text (with the ASCII character before each), which
 *    is right because an ASCII character is a normalization boundary in every form;
 *  - bert-normalizer.ts decomposes cluster by cluster, which is right because NFD never reorders across a cluster
 *    boundary (no non-mark decomposes to something that starts with a non-starter);
 *  - unicode-normalize.ts keeps the non-marks that compose with what precedes them (Hangul jamo) in the cluster
 *    before them, which is right only if its list of them is complete.
 */
import { describe, expect, it } from 'vitest';
import { COMPOSING_NON_MARKS } from '../../src/core/tokens/engine/unicode-normalize';

const FORMS = ['NFC', 'NFD', 'NFKC', 'NFKD'] as const;
const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
const MARK = /\p{M}/u;

function* codePoints(): Generator<string> {
  for (let cp = 0; cp < 0x110000; cp++) if (cp < 0xd800 || cp > 0xdfff) yield String.fromCodePoint(cp);
}

describe('Unicode facts behind the normalizer fast paths', () => {
  it('ASCII characters are unchanged by every form and are starters (canonical combining class 0)', () => {
    for (const a of ASCII) {
      for (const form of FORMS) expect(a.normalize(form), `U+${a.charCodeAt(0)} ${form}`).toBe(a);
      // A non-starter with class below 240 would move before U+0345 (class 240); one with class above 1 would let
      // U+0334 (class 1) move before it.
      expect(`x\u0345${a}`.normalize('NFD')).toBe(`x\u0345${a}`);
      expect(`x${a}\u0334`.normalize('NFD')).toBe(`x${a}\u0334`);
    }
  });

  it('no canonical decomposition has an ASCII character after its first one (ASCII never composes with what precedes it)', () => {
    // Composition (NFC and NFKC alike) only rebuilds canonical composites, and a composite L + a would have `a`
    // after the first character of its decomposition.
    const offenders: string[] = [];
    for (const c of codePoints()) {
      const d = c.normalize('NFD');
      for (let i = 1; i < d.length; i++) if (d.charCodeAt(i) < 0x80) offenders.push(`U+${c.codePointAt(0)!.toString(16)}`);
    }
    expect(offenders).toEqual([]);
  });

  it('every sample text normalizes as its pieces cut before ASCII characters do', () => {
    const samples = ['e\u0301', 'A\u030a\u0323', '\u1100\u1161\u11a8', '\u212b', 'x\u0958', '\u0344', 'ﬁ', '①', 'ǅ', '\u0f73\u0f71'];
    for (const form of FORMS) {
      for (const x of samples) for (const y of samples) for (const a of ASCII) {
        expect((x + a + y).normalize(form), `${form} ${JSON.stringify(x + a + y)}`).toBe(x.normalize(form) + (a + y).normalize(form));
      }
    }
  });

  it('every non-mark that composes with what precedes it is in COMPOSING_NON_MARKS', () => {
    const listed = new RegExp(`^[${COMPOSING_NON_MARKS}]$`, 'u');
    const missing = new Set<string>();
    for (const c of codePoints()) {
      if (c.normalize('NFC') !== c) continue; // only characters that composition produces
      const pieces = Array.from(c.normalize('NFD'));
      const last = pieces[pieces.length - 1]!;
      if (pieces.length > 1 && !MARK.test(last) && !listed.test(last)) missing.add(`U+${last.codePointAt(0)!.toString(16)}`);
    }
    expect([...missing]).toEqual([]);
  });

  it('no non-mark decomposes to something starting with a non-starter (NFD never reorders across clusters)', () => {
    const offenders: string[] = [];
    for (const c of codePoints()) {
      if (MARK.test(c)) continue;
      // U+0345 has the highest combining class (240): any non-starter of lower class after it moves before it.
      if (`a\u0345${c}`.normalize('NFD') !== `a\u0345${c.normalize('NFD')}`) offenders.push(`U+${c.codePointAt(0)!.toString(16)}`);
    }
    expect(offenders).toEqual([]);
  });
});
