/**
 * Long texts are encoded in cached chunks (src/core/tokens/engine/chunked.ts). These tests hold that to the Rust
 * reference: the whole 1 MB equals Rust for every bundled tokenizer, and after random edits (the cache re-used)
 * the result still equals Rust on the edited text. Expected values come from Rust at run time.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { HARD_INPUTS } from '../fixtures/hard-inputs';
import { ResultPool } from '../../src/worker/result-pool';
import { BlockText } from '../../src/core/text/block-text';
import { isHighSurrogate, isLowSurrogate } from '../../src/core/text/utf16';
import { spareBuffersOf } from '../../src/worker/protocol';

const { Tokenizer: RustTokenizer } = createRequire(import.meta.url)('tokenizers') as typeof import('tokenizers');
const DIR = path.resolve('public/tokenizers');
const ids = (JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { tokenizers: Array<{ id: string }> }).tokenizers.map((t) => t.id);

/** Mixed text of `size` UTF-16 units: every hard input, joined by spaces and newlines. */
function mixedText(size: number): string {
  let text = '';
  for (let i = 0; text.length < size; i++) text += HARD_INPUTS[(i * 7) % HARD_INPUTS.length]!.toWellFormed() + (i % 3 ? '\n' : ' ');
  return text.slice(0, size).toWellFormed();
}

async function rustArrays(ref: InstanceType<typeof RustTokenizer>, text: string, addSpecialTokens: boolean) {
  const enc = await ref.encode(text, null, { addSpecialTokens });
  const cps = Array.from(text);
  const u16 = [0];
  for (const c of cps) u16.push(u16[u16.length - 1]! + c.length);
  const offsets = enc.getOffsets() as Array<[number, number]>;
  return { ids: enc.getIds(), starts: offsets.map(([s]) => u16[s]!), ends: offsets.map(([, e]) => u16[e]!), special: enc.getSpecialTokensMask() };
}

function expectSame(got: { ids: ArrayLike<number>; starts: ArrayLike<number>; ends: ArrayLike<number> }, want: Awaited<ReturnType<typeof rustArrays>>, context: string) {
  expect(got.ids.length, context).toBe(want.ids.length);
  for (let i = 0; i < want.ids.length; i++) {
    const inserted = want.special[i] === 1 && want.starts[i] === 0 && want.ends[i] === 0;
    if (got.ids[i] !== want.ids[i] || (!inserted && (got.starts[i] !== want.starts[i] || got.ends[i] !== want.ends[i]))) {
      expect({ i, id: got.ids[i], start: got.starts[i], end: got.ends[i] }, context).toEqual({ i, id: want.ids[i], start: want.starts[i], end: want.ends[i] });
    }
  }
}

const MB = mixedText(1_000_000);

describe.each(ids)('%s on long texts', (id) => {
  const file = path.join(DIR, id, 'tokenizer.json');
  const ours = createTokenizer(JSON.parse(fs.readFileSync(file, 'utf8')) as TokenizerJson);
  const ref = RustTokenizer.fromFile(file);

  it('1 MB: ids and offsets equal Rust (encodeArrays and encode)', async () => {
    const want = await rustArrays(ref, MB, true);
    const arrays = ours.encodeArrays(MB, { addSpecialTokens: true });
    expectSame(arrays, want, `${id} 1MB arrays`);
    // Rust's special tokens mask: 1 for the tokens the post-processor added.
    expect(Array.from(arrays.specialMask).reduce((n, m, i) => (m === want.special[i] ? n : n + 1), 0), `${id} specialMask`).toBe(0);
    const enc = ours.encode(MB, { addSpecialTokens: true });
    expect(enc.ids).toEqual(want.ids);
  });

  it('typing at the start, middle and end of a long text (each result re-uses the previous one) equals Rust', async () => {
    // As in the worker: the text is a BlockText edited in place of a string, and each result is written into the
    // memory of the one before it (handed back by the page).
    let text = BlockText.of(mixedText(120_000));
    const pool = new ResultPool();
    let previous = ours.encodeArrays(text, { addSpecialTokens: true, wellFormed: true, arraysFor: pool.arraysFor });
    const paste = mixedText(30_000);
    const steps: Array<[number, string]> = [[0, 'zq '], [0.5, ' zq'], [1, '\n'], [0, 'é'], [1, '<|endoftext|>'], [0.25, '  '], [0.6, paste], [0.3, 'x']];
    for (const [k, [at, typed]] of steps.entries()) {
      const pos = Math.floor(text.length * at);
      text = text.edit(pos, pos, typed);
      // A superseded request: the worker held this edit but never encoded it, so the next encode spans two edits.
      if (k === 3) continue;
      // The pool moves what it is given to buffer objects of its own, so the memory is recognised by what it holds
      // when it is handed out, before the encode writes into it.
      const held = previous.ids.slice(0, 64);
      pool.give(spareBuffersOf(previous)!);
      let handedOut: Int32Array | null = null;
      const got = ours.encodeArrays(text, {
        addSpecialTokens: true,
        wellFormed: true,
        arraysFor: (count) => {
          const arrays = pool.arraysFor(count);
          handedOut = arrays.ids.slice(0, 64);
          return arrays;
        },
      });
      // (A paste of 30k characters needs more room than the previous result had.)
      if (typed !== paste) expect(handedOut, `${id} typing #${k}: the previous result's memory is used`).toEqual(held);
      expectSame(got, await rustArrays(ref, text.toString(), true), `${id} typing #${k}`);
      previous = got;
    }
  });

  it('random edits re-using the chunk cache equal Rust on the edited text', async () => {
    const base = mixedText(40_000);
    ours.encodeArrays(base, { addSpecialTokens: false });
    const pieces = ['x', ' ', '\n', 'zq ', '🙂', '<|endoftext|>', 'é', '\n\n  ', 'Hello world'];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(...pieces), async (at, removed, inserted) => {
        const edited = (base.slice(0, at) + inserted + base.slice(at + removed)).toWellFormed();
        expectSame(ours.encodeArrays(edited, { addSpecialTokens: false }), await rustArrays(ref, edited, false), `${id} edit@${at}-${removed}+${JSON.stringify(inserted)}`);
      }),
      { numRuns: 12, seed: 20261128 },
    );
  });

  it('random edits of a BlockText, some never encoded (superseded), equal Rust after each encode', async () => {
    // Small blocks, so edits cross block boundaries and re-cut and merge blocks; the engine finds each change from
    // what the text knows of its ancestors, not by comparing.
    const pieces = ['x', ' ', '\n', 'zq ', '🙂', '<|endoftext|>', 'é', '\n\n  ', 'Hello world', mixedText(3000)];
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.integer({ min: 0, max: 300 }), inserted: fc.constantFrom(...pieces), encode: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        let text = BlockText.of(mixedText(40_000), { block: 512, minBlock: 64 });
        ours.encodeArrays(text, { addSpecialTokens: false, wellFormed: true });
        for (const [k, { at, removed, inserted, encode }] of edits.entries()) {
          // Not inside a surrogate pair: the worker's texts are well-formed, and the engine is told so.
          const outside = (i: number) => (i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1)) ? i - 1 : i);
          const from = outside(Math.floor(at * text.length));
          text = text.edit(from, outside(Math.min(text.length, from + removed)), inserted);
          if (!encode && k < edits.length - 1) continue;
          const plain = text.toString();
          expect(plain.isWellFormed()).toBe(true);
          expectSame(ours.encodeArrays(text, { addSpecialTokens: false, wellFormed: true }), await rustArrays(ref, plain, false), `${id} BlockText edit #${k}@${from}-${removed}`);
        }
      }),
      { numRuns: 6, seed: 20261206 },
    );
  });
});
