/** The surrogate helpers (src/core/text/utf16.ts) against the JavaScript engine's own UTF-16 rules, for every unit. */
import { describe, expect, it } from 'vitest';
import { fromSurrogates, isHighSurrogate, isLowSurrogate, isSurrogate } from '../../src/core/text/utf16';

describe('utf16', () => {
  it('classifies every UTF-16 unit as the engine does', () => {
    const wrong: number[] = [];
    for (let u = 0; u <= 0xffff; u++) {
      const c = String.fromCharCode(u);
      // A high half pairs with a following low one; a low half with a preceding high one; neither stands alone.
      const high = (c + '\udc00').isWellFormed() && !c.isWellFormed();
      const low = ('\ud800' + c).isWellFormed() && !c.isWellFormed();
      if (isHighSurrogate(u) !== high || isLowSurrogate(u) !== low || isSurrogate(u) !== !c.isWellFormed()) wrong.push(u);
    }
    expect(wrong).toEqual([]);
  });

  it('combines a pair into the code point codePointAt reads', () => {
    for (const [h, l] of [[0xd800, 0xdc00], [0xd83d, 0xde42], [0xdbff, 0xdfff], [0xd801, 0xdc37]] as const) {
      expect(fromSurrogates(h, l)).toBe(String.fromCharCode(h, l).codePointAt(0));
    }
  });
});
