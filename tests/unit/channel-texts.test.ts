import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextEdit, diffText } from '../../src/core/text/text-edit';
import { TextSender } from '../../src/lib/text-sender';
import { ChannelTexts, editHeld, holdText } from '../../src/worker/channel-texts';

// Characters that make edits hard: surrogate halves that may pair or stop pairing across an edit's ends.
const pieces = ['a', ' ', '\n', 'é', '你', '🙂', '\uD83D', '\uDE42', '\uD800', '\uDFFF', 'zq '];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
const edit = fc.record({ a: fc.nat(), b: fc.nat(), insert: text });

/** The references: the platform's own well-formed conversion, code point iteration and UTF-8 encoder. */
function expectHeldMatches(held: ReturnType<typeof holdText>, raw: string) {
  const wellFormed = raw.toWellFormed();
  expect(held.wellFormed.toString()).toBe(wellFormed);
  expect((held.raw ?? held.wellFormed).toString()).toBe(raw);
  expect(held.characters).toBe([...wellFormed].length);
  expect(held.utf8Bytes).toBe(new TextEncoder().encode(wellFormed).length);
}

describe('worker-held texts follow the page through edits', () => {
  it('equal the edited text, its well-formed form and its counts after any edits', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 12 }), (start, edits) => {
        let raw = start;
        let held = holdText(start, 0);
        edits.forEach(({ a, b, insert }, k) => {
          const from = Math.min(a, b) % (raw.length + 1);
          const to = Math.min(raw.length, from + (Math.max(a, b) % 5));
          raw = applyTextEdit(raw, { from, to, insert });
          held = editHeld(held, { kind: 'edit', base: held.version, version: k + 1, edit: { from, to, insert } });
          expectHeldMatches(held, raw);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('the sender and the worker agree over a sequence of texts, and an unknown base asks for the whole text', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 10 }), (texts) => {
        const sender = new TextSender();
        const worker = new ChannelTexts();
        for (const t of texts) expectHeldMatches(worker.receive('view', sender.payload('view', t)), t);
      }),
    );
    // A restarted worker holds nothing for the channel: the edit is refused, and after `forget` the text goes whole.
    const sender = new TextSender();
    new ChannelTexts().receive('view', sender.payload('view', 'x'));
    const restarted = new ChannelTexts();
    const payload = sender.payload('view', 'xy');
    expect(payload.kind).toBe('edit');
    expect(() => restarted.receive('view', payload)).toThrow(expect.objectContaining({ code: 'resync' }));
    sender.forget('view');
    expectHeldMatches(restarted.receive('view', sender.payload('view', 'xy')), 'xy');
  });

  it('diffText gives the edit that turns one text into the other, also for a megabyte', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(applyTextEdit(a, diffText(a, b))).toBe(b);
      }),
    );
    const big = 'lorem ipsum 你好 🙂 '.repeat(60_000);
    const edited = big.slice(0, 500_000) + 'zq' + big.slice(500_003);
    expect(diffText(big, edited)).toEqual({ from: 500_000, to: 500_003, insert: 'zq' });
  });
});
