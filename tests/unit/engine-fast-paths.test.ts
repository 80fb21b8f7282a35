/**
 * Differential tests aimed at the seams of the engine's fast paths, against the Rust `tokenizers` reference (expected
 * values come from Rust at run time):
 *  - BertNormalizer in one pass (bert-normalizer.ts): marks that join a letter once a control character between them
 *    is removed, marks after a CJK character (they follow its padding space), reordered marks, a leading mark,
 *    lowercase that grows (İ), characters that are dropped or become spaces;
 *  - NFC on non-ASCII runs only (unicode-normalize.ts): an ASCII letter composing with the marks after it, a text
 *    starting with a change, a BOM right before a change (our string builder must not drop it), marks out of
 *    canonical order and Hangul jamo that compose into a syllable (aligned as Rust aligns them);
 *  - ByteLevel without TextEncoder (pre-tokenizers.ts): spaces and controls among printable ASCII, astral characters;
 *  - WordPiece's candidate cap (models/wordpiece.ts): words around the longest vocabulary entry (18 units for
 *    bert-base-uncased), with a surrogate pair across the cap, and past the 100-character limit;
 *  - regex splits (pre-tokenized.ts, regex.ts): a pattern that can match empty, with every behaviour (Oniguruma skips an
 *    empty match right after a match, which the merging behaviours can see);
 *  - the chunker's short slices (chunked.ts): the same inputs repeated into long texts.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createTokenizer, type Tokenizer } from '../../src/core/tokens/engine';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';

const { Tokenizer: RustTokenizer } = createRequire(import.meta.url)('tokenizers') as typeof import('tokenizers');
const DIR = path.resolve('public/tokenizers');

const SEAMS = [
  // BertNormalizer
  'e\u0007\u0301 x\u200b\u0323\u0301 a\u0301\u0323 \u0301lead 中\u0301文 日\u0308本',
  'İSTANBUL ΣΑΣ ǅ ß ﬁ Å\u0323 ÅSTRÖM café CAFÉ e\u0000\u0301 \ufeffbom \ufffd x\u00ad y',
  '\u0085nel\u00a0nb\u3000ideo\tt\r\n\u000b\u000c \u2028\u2029 end',
  // NFC on non-ASCII runs
  'e\u0301 abc e\u0301 \u212bngstr\u00f6m A\u030a x\u0958y \u1100\u1161 한\u11a8 각',
  '\u212b at the start, then e\u0301 and \u1100\u1161 late',
  '<|endoftext|>\ufeff\u212b <|endoftext|>\ufeffe\u0301 [CLS]\ufeff\u212b',
  // Marks out of canonical order (reordered, then composed) and Hangul jamo composing across characters
  'a\u0301\u0323 e\u0301\u0323 국\u0315\u0300 \u1100\u1161> x\u1100\u1161\u11a8 y \uac00\u11a8 z \u1161 a\u1161',
  // ByteLevel
  ' \u007f\u0001x  \ttab\u000bvt\u001besc 😀👍🏿 𝕳𝖊𝖑𝖑𝖔 mixed😀text ',
  // WordPiece cap
  `${'a'.repeat(17)} ${'a'.repeat(18)} ${'a'.repeat(19)} telecommunications telecommunicationsx`,
  `${'a'.repeat(17)}𝕳b ${'b'.repeat(18)}😀c ${'x'.repeat(99)} ${'y'.repeat(100)} ${'z'.repeat(101)} unbelievably`,
];

function toUtf16(text: string, offsets: Array<[number, number]>): Array<[number, number]> {
  const cps = Array.from(text);
  const u16 = [0];
  for (const c of cps) u16.push(u16[u16.length - 1]! + c.length);
  return offsets.map(([s, e]) => [u16[s]!, u16[e]!]);
}

async function expectSameAsRust(tokenizer: Tokenizer, ref: InstanceType<typeof RustTokenizer>, text: string, context: string) {
  const ours = tokenizer.encode(text, { addSpecialTokens: false });
  const want = await ref.encode(text, null, { addSpecialTokens: false });
  expect(ours.ids, context).toEqual(want.getIds());
  expect(ours.offsets, context).toEqual(toUtf16(text, want.getOffsets() as Array<[number, number]>));
}

describe.each(['bert-base-uncased', 'qwen3', 'gptoss', 'gpt4o', 'gpt2', 'llama2'])('%s at the fast-path seams', (id) => {
  const file = path.join(DIR, id, 'tokenizer.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as TokenizerJson;
  const ref = RustTokenizer.fromFile(file);

  it('short texts (encoded whole) equal Rust', async () => {
    const ours = createTokenizer(json);
    for (const text of SEAMS) await expectSameAsRust(ours, ref, text, `${id} ${JSON.stringify(text)}`);
  });

  it('long texts (encoded in chunks, fresh and cached) equal Rust', async () => {
    let long = '';
    for (let i = 0; long.length < 30_000; i++) long += `${SEAMS[(i * 5) % SEAMS.length]}${i % 4 ? ' ' : '\n'}${i} `;
    const ours = createTokenizer(json);
    const want = await ref.encode(long, null, { addSpecialTokens: false });
    const wantOffsets = toUtf16(long, want.getOffsets() as Array<[number, number]>);
    for (const round of ['fresh', 'cached']) {
      const got = ours.encodeArrays(long, { addSpecialTokens: false });
      expect(Array.from(got.ids), `${id} ${round}`).toEqual(want.getIds());
      expect(Array.from(got.starts), `${id} ${round}`).toEqual(wantOffsets.map(([s]) => s));
      expect(Array.from(got.ends), `${id} ${round}`).toEqual(wantOffsets.map(([, e]) => e));
    }
  });
});

describe('regex splits with a pattern that can match empty', () => {
  const vocab: Record<string, number> = { '[UNK]': 0 };
  for (const t of ['a', 'b', 'x', 'xx', ' ', '😀']) vocab[t] = Object.keys(vocab).length;
  const cases = [['Isolated', false], ['Isolated', true], ['Removed', true], ['Removed', false], ['MergedWithNext', false], ['MergedWithPrevious', false], ['Contiguous', false]] as const;

  it.each(cases)('%s (invert %s) equals Rust', async (behavior, invert) => {
    const json = {
      version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null, post_processor: null, decoder: null,
      pre_tokenizer: { type: 'Split', pattern: { Regex: 'x*' }, behavior, invert },
      model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
    } as unknown as TokenizerJson;
    const ref = RustTokenizer.fromString(JSON.stringify(json));
    const ours = createTokenizer(json);
    for (const text of ['abxxab', 'xxab', 'abxx', 'a😀b', 'x', 'ab ab', '']) await expectSameAsRust(ours, ref, text, `${behavior} ${invert} ${JSON.stringify(text)}`);
  });
});
