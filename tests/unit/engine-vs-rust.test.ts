/**
 * Differential test: for every bundled tokenizer, with and without special tokens, our engine's ids and offsets
 * equal the Rust `tokenizers` reference on the shared hard inputs. Expected values come from Rust at run time.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

const require = createRequire(import.meta.url);
const { Tokenizer: RustTokenizer } = require('tokenizers') as typeof import('tokenizers');

const TOKENIZERS_DIR = path.resolve('public/tokenizers');
const manifest = JSON.parse(fs.readFileSync(path.join(TOKENIZERS_DIR, 'manifest.json'), 'utf8')) as { tokenizers: Array<{ id: string }> };

/** Code-point offsets from Rust → UTF-16 offsets, which is what the app (and the browser) index by. */
function toUtf16(text: string, offsets: Array<[number, number]>): Array<[number, number]> {
  const cps = Array.from(text);
  const u16 = [0];
  for (const c of cps) u16.push(u16[u16.length - 1]! + c.length);
  return offsets.map(([s, e]) => [u16[Math.min(s, cps.length)]!, u16[Math.min(e, cps.length)]!]);
}

const EXTRA_INPUTS = ['', ' ', 'a\u0308b ä vs ä', 'İstanbul ΣΑΣ ΌΣΟΣ', '\r\n\r\n  \t', '<|im_end|><|im_start|>user', '<s>[INST] hi [/INST]</s>'];

describe.each(manifest.tokenizers.map((t) => t.id))('%s matches the Rust reference', (id) => {
  const file = path.join(TOKENIZERS_DIR, id, 'tokenizer.json');
  const ours = createTokenizer(JSON.parse(fs.readFileSync(file, 'utf8')) as TokenizerJson);
  const ref = RustTokenizer.fromFile(file);

  it('has the same vocabulary size', () => {
    expect(ours.getVocabSize(true)).toBe(ref.getVocabSize(true));
    expect(ours.getVocabSize(false)).toBe(ref.getVocabSize(false));
  });

  it.each([true, false])('ids, tokens and offsets on every hard input (add_special_tokens=%s)', async (addSpecialTokens) => {
    for (const raw of [...HARD_INPUTS, ...EXTRA_INPUTS]) {
      const text = raw.toWellFormed();
      const enc = await ref.encode(text, null, { addSpecialTokens });
      const got = ours.encode(raw, { addSpecialTokens });
      const context = `${id} ${JSON.stringify(raw.slice(0, 60))}`;
      expect(got.ids, context).toEqual(enc.getIds());
      expect(got.tokens, context).toEqual(enc.getTokens());
      expect(got.offsets, context).toEqual(toUtf16(text, enc.getOffsets() as Array<[number, number]>));
      expect(got.specialMask, context).toEqual(enc.getSpecialTokensMask());
    }
  });

  it('encodes a text pair with the same ids and type ids', async () => {
    const [a, b] = ['How are you?', 'Très bien, merci 🙂'];
    const enc = await ref.encode(a, b, { addSpecialTokens: true });
    const got = ours.encode(a, { addSpecialTokens: true, pair: b });
    expect(got.ids).toEqual(enc.getIds());
    expect(got.typeIds).toEqual(enc.getTypeIds());
  });
});
