/**
 * Differential test of the batch lab's padding: for every bundled tokenizer, over hard batches and a grid of
 * padding / truncation settings, `padBatch` gives the input_ids and attention_mask of Rust `encodeBatch` with the
 * same settings (and the pad token we chose). Expected values come from Rust at run time, never typed by hand.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerConfigJson, TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { BatchConfigError, IGNORE_INDEX, padBatch, resolveStrategy, type LoadedTokenizer, type PadBatchOptions } from '../../src/core/batch';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

const require = createRequire(import.meta.url);
const { Tokenizer: RustTokenizer } = require('tokenizers') as typeof import('tokenizers');
type Rust = InstanceType<typeof RustTokenizer>;

const TOKENIZERS_DIR = path.resolve('public/tokenizers');
const IDS = (JSON.parse(fs.readFileSync(path.join(TOKENIZERS_DIR, 'manifest.json'), 'utf8')) as { tokenizers: Array<{ id: string }> }).tokenizers.map((t) => t.id);

function load(id: string): { loaded: LoadedTokenizer; rust: Rust } {
  const file = path.join(TOKENIZERS_DIR, id, 'tokenizer.json');
  const config = JSON.parse(fs.readFileSync(path.join(TOKENIZERS_DIR, id, 'tokenizer_config.json'), 'utf8')) as TokenizerConfigJson;
  return { loaded: { tokenizer: createTokenizer(JSON.parse(fs.readFileSync(file, 'utf8')) as TokenizerJson), config }, rust: RustTokenizer.fromFile(file) };
}

const longest = [...HARD_INPUTS].sort((a, b) => b.length - a.length);
const BATCHES: Record<string, string[]> = {
  classic: ['Hello', 'How are you?', 'Good morning'],
  'emoji and CJK': ['👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag 🫠', '你好，世界！这是一个测试。', '日本語のテキスト 🙂', 'Crème brûlée'],
  'empty line': ['', 'a', 'an ordinary short line'],
  'long lines': [longest[0]!, longest[1]!, 'short'],
  single: ['only one line in this batch'],
};

/** Explicit settings only, so Rust's parameters are a direct transcription (no Python resolution rules involved). */
interface Setting { padding: 'longest' | 'max_length'; side: 'left' | 'right'; multiple: number | null; truncation: 'left' | 'right' | null; special: boolean }
const GRID: Setting[] = [];
for (const padding of ['longest', 'max_length'] as const)
  for (const side of ['left', 'right'] as const)
    for (const multiple of [null, 8])
      for (const truncation of [null, 'left', 'right'] as const)
        for (const special of [true, false]) GRID.push({ padding, side, multiple, truncation, special });

/** Python raises when truncating to a max_length that is not a multiple of pad_to_multiple_of, so keep them compatible. */
const maxLengthFor = (s: Setting): number => (s.multiple ? 16 : 7);

async function rustBatch(rust: Rust, lines: string[], s: Setting, padId: number, padToken: string): Promise<Array<{ ids: number[]; mask: number[] }>> {
  const maxLength = maxLengthFor(s);
  if (s.truncation) rust.setTruncation(maxLength, { direction: s.truncation });
  else rust.disableTruncation();
  rust.setPadding({
    direction: s.side, padId, padToken, ...(s.multiple ? { padToMultipleOf: s.multiple } : {}),
    ...(s.padding === 'max_length' ? { maxLength } : {}),
  });
  const out = await rust.encodeBatch(lines.map((l) => l.toWellFormed()), { addSpecialTokens: s.special });
  return out.map((e) => ({ ids: e.getIds(), mask: e.getAttentionMask() }));
}

describe.each(IDS)('%s: padBatch equals Rust encodeBatch', (id) => {
  const { loaded, rust } = load(id);

  it.each(Object.keys(BATCHES))('%s batch, every padding/truncation setting', async (name) => {
    const lines = BATCHES[name]!;
    for (const s of GRID) {
      const options: PadBatchOptions = {
        addSpecialTokens: s.special, padding: s.padding, paddingSide: s.side, padToMultipleOf: s.multiple,
        truncation: s.truncation !== null, maxLength: maxLengthFor(s), ...(s.truncation ? { truncationSide: s.truncation } : {}),
      };
      const got = padBatch(loaded, lines, options);
      const want = await rustBatch(rust, lines, s, got.pad!.id, got.pad!.token);
      const context = `${id} ${name} ${JSON.stringify(s)}`;
      expect(got.rows.map((r) => r.inputIds), context).toEqual(want.map((w) => w.ids));
      expect(got.rows.map((r) => r.attentionMask), context).toEqual(want.map((w) => w.mask));
      expect(got.width, context).toBe(Math.max(...want.map((w) => w.ids.length)));
      expect(got.ragged, context).toBe(want.some((w) => w.ids.length !== got.width));
      for (const row of got.rows) {
        expect(row.isPad, context).toEqual(row.attentionMask.map((m) => m === 0));
        expect(row.tokens.length, context).toBe(row.inputIds.length);
        expect(row.labels.every((l, i) => (row.isPad[i] || row.maskedReal[i] ? l === IGNORE_INDEX : l === row.inputIds[i])), context).toBe(true);
        if (s.multiple && row.isPad.some(Boolean)) expect(row.inputIds.length % s.multiple, context).toBe(0);
      }
    }
  });

  it('counts what truncation drops against the untruncated Rust encoding', async () => {
    const lines = BATCHES['long lines']!;
    rust.disableTruncation();
    rust.disablePadding();
    const full = await rust.encodeBatch(lines, { addSpecialTokens: true });
    const got = padBatch(loaded, lines, { addSpecialTokens: true, padding: 'none', truncation: true, maxLength: 10 });
    expect(got.rows.map((r) => r.truncated)).toEqual(full.map((e) => Math.max(0, e.getIds().length - 10)));
    expect(got.rows.map((r) => r.length)).toEqual(full.map((e) => Math.min(10, e.getIds().length)));
  });
});

describe('defaults from tokenizer_config.json', () => {
  const cache = new Map<string, LoadedTokenizer>();
  const get = (id: string): LoadedTokenizer => {
    if (!cache.has(id)) cache.set(id, load(id).loaded);
    return cache.get(id)!;
  };
  const base: PadBatchOptions = { addSpecialTokens: true, padding: 'longest' };

  it.each(IDS)('%s: pad token is the config pad_token, else EOS with a fallback note', (id) => {
    const loaded = get(id);
    const res = padBatch(loaded, BATCHES.classic!, base);
    const cfgPad = loaded.config?.pad_token;
    if (cfgPad) {
      expect(res.pad!.source).toBe('config');
      expect(res.notes.map((n) => n.code)).not.toContain('pad-token-fallback');
    } else {
      expect(res.pad!.source).toBe('eos-fallback');
      expect(res.pad!.id).toBe(loaded.tokenizer.tokenToId(typeof loaded.config!.eos_token === 'string' ? loaded.config!.eos_token : loaded.config!.eos_token!.content));
      expect(res.notes.map((n) => n.code)).toContain('pad-token-fallback');
      expect(res.padEqualsEos).toBe(true);
    }
  });

  it('padding side: config padding_side, else the Python class default, else right', () => {
    expect(padBatch(get('gemma3'), ['a'], base).resolved).toMatchObject({ paddingSide: 'left', paddingSideSource: 'config' });
    // LlamaTokenizerFast declares padding_side = "left"; AutoTokenizer loads it for these configs.
    expect(padBatch(get('llama2'), ['a'], base).resolved).toMatchObject({ paddingSide: 'left', paddingSideSource: 'class-default' });
    expect(padBatch(get('deepseek_v3'), ['a'], base).resolved).toMatchObject({ paddingSide: 'left', paddingSideSource: 'class-default' });
    expect(padBatch(get('gpt2'), ['a'], base).resolved).toMatchObject({ paddingSide: 'right', paddingSideSource: 'default' });
    expect(padBatch(get('llama2'), ['a'], { ...base, paddingSide: 'right' }).resolved.paddingSide).toBe('right');
  });

  it('pad = eos masks a real EOS in the labels, and says so', () => {
    const gpt2 = get('gpt2');
    const res = padBatch(gpt2, ['Hello<|endoftext|>', 'How are you doing today?<|endoftext|>'], base);
    const eos = gpt2.tokenizer.tokenToId('<|endoftext|>')!;
    expect(res.padEqualsEos).toBe(true);
    const row = res.rows[0]!;
    const realEos = row.inputIds.findIndex((t, i) => t === eos && !row.isPad[i]);
    expect(realEos).toBeGreaterThanOrEqual(0);
    expect(row.labels[realEos]).toBe(IGNORE_INDEX);
    expect(row.maskedReal[realEos]).toBe(true);
    expect(res.notes.map((n) => n.code)).toContain('pad-masks-real-tokens');
    // With a pad token distinct from EOS nothing real is masked.
    const own = padBatch(gpt2, ['Hello<|endoftext|>', 'How are you?'], { ...base, padTokenId: 0 });
    expect(own.rows.flatMap((r) => r.maskedReal).some(Boolean)).toBe(false);
  });

  it('padding="max_length" without max_length: model_max_length, or no padding when it is unset (Llama 3: 1e30)', () => {
    const bert = padBatch(get('bert-base-uncased'), ['a', 'b c'], { addSpecialTokens: false, padding: 'max_length' });
    expect(bert.width).toBe(512);
    const llama = padBatch(get('llama3_1'), ['a', 'b c d'], { addSpecialTokens: false, padding: 'max_length' });
    expect(llama.resolved.padding).toBe('none');
    expect(llama.notes.map((n) => n.code)).toContain('no-model-max-length-padding');
  });

  it('rejects a max_length below the special-token count (Rust is erratic there, see pad.ts)', () => {
    expect(() => padBatch(get('bert-base-uncased'), ['a b c'], { addSpecialTokens: true, padding: 'none', truncation: true, maxLength: 1 })).toThrow(BatchConfigError);
    expect(padBatch(get('bert-base-uncased'), ['a b c'], { addSpecialTokens: true, padding: 'none', truncation: true, maxLength: 2 }).rows[0]!.inputIds).toEqual([101, 102]);
    expect(() => padBatch(get('bert-base-uncased'), ['a b c'], { addSpecialTokens: false, padding: 'none', truncation: true, maxLength: 0 })).not.toThrow();
  });

  it('rejects truncation to a max_length that is not a multiple of pad_to_multiple_of, as Python does', () => {
    expect(() => padBatch(get('gpt2'), ['a'], { ...base, truncation: true, maxLength: 12, padToMultipleOf: 8 })).toThrow(BatchConfigError);
    expect(() => padBatch(get('gpt2'), ['a'], { ...base, truncation: false, maxLength: 12, padToMultipleOf: 8 })).not.toThrow();
  });
});

/**
 * The rules of padding_examples.md §1 (transformers.js tests, which reproduce Python), with the bundled bert:
 * each case states the Python call and the Rust settings that call resolves to; Rust computes the expected rows.
 */
describe('Python padding/truncation resolution, checked against Rust', () => {
  const { loaded, rust } = load('bert-base-uncased');
  const inputs = ['a', 'b c'];
  const inputs2 = ['a', 'b c d e f'];
  const cases: Array<{ name: string; lines: string[]; call: PadBatchOptions; rust: { truncate?: number; pad?: 'longest' | number } }> = [
    { name: 'row 2: truncation=true, no max_length → model_max_length', lines: inputs, call: { addSpecialTokens: false, padding: 'none', truncation: true }, rust: { truncate: 512 } },
    { name: 'row 3: max_length=1, truncation unset → implicit truncation', lines: inputs, call: { addSpecialTokens: false, padding: 'none', maxLength: 1 }, rust: { truncate: 1 } },
    { name: 'row 4', lines: inputs2, call: { addSpecialTokens: false, padding: 'none', maxLength: 3 }, rust: { truncate: 3 } },
    { name: 'row 5: padding=true ignores max_length when truncation unset', lines: inputs2, call: { addSpecialTokens: false, padding: 'longest', maxLength: 3 }, rust: { pad: 'longest' } },
    { name: 'row 7', lines: inputs2, call: { addSpecialTokens: false, padding: 'longest', truncation: true, maxLength: 3 }, rust: { truncate: 3, pad: 'longest' } },
    { name: 'row 8: max_length padding does not truncate', lines: inputs2, call: { addSpecialTokens: false, padding: 'max_length', truncation: false, maxLength: 3 }, rust: { pad: 3 } },
    { name: 'row 9', lines: inputs2, call: { addSpecialTokens: false, padding: 'max_length', truncation: true, maxLength: 3 }, rust: { truncate: 3, pad: 3 } },
    { name: 'row 10: max_length padding to model_max_length', lines: inputs2, call: { addSpecialTokens: false, padding: 'max_length', truncation: false }, rust: { pad: 512 } },
    { name: 'row 15', lines: ['a', 'b c', 'd e f'], call: { addSpecialTokens: false, padding: 'longest', truncation: true, maxLength: 2 }, rust: { truncate: 2, pad: 'longest' } },
    { name: 'row 16', lines: inputs, call: { addSpecialTokens: false, padding: 'longest', truncation: true, maxLength: 3 }, rust: { truncate: 3, pad: 'longest' } },
    { name: 'row 17', lines: inputs, call: { addSpecialTokens: false, padding: 'max_length', truncation: true, maxLength: 3 }, rust: { truncate: 3, pad: 3 } },
    { name: 'with special tokens, implicit truncation keeps [CLS] … [SEP]', lines: inputs2, call: { addSpecialTokens: true, padding: 'none', maxLength: 4 }, rust: { truncate: 4 } },
  ];

  it.each(cases)('$name', async ({ lines, call, rust: r }) => {
    if (r.truncate !== undefined) rust.setTruncation(r.truncate);
    else rust.disableTruncation();
    if (r.pad === undefined) rust.disablePadding();
    else rust.setPadding({ padId: 0, padToken: '[PAD]', ...(r.pad === 'longest' ? {} : { maxLength: r.pad }) });
    const want = await rust.encodeBatch(lines, { addSpecialTokens: call.addSpecialTokens });
    const got = padBatch(loaded, lines, call);
    expect(got.rows.map((row) => row.inputIds)).toEqual(want.map((e) => e.getIds()));
    expect(got.rows.map((row) => row.attentionMask)).toEqual(want.map((e) => e.getAttentionMask()));
  });

  it('resolveStrategy notes each silent rule', () => {
    const notes: Parameters<typeof resolveStrategy>[2] = [];
    resolveStrategy({ padding: 'none', maxLength: 3 }, 512, notes);
    resolveStrategy({ padding: 'longest', maxLength: 3 }, 512, notes);
    resolveStrategy({ padding: 'none', truncation: true }, 1e30, notes);
    expect(notes.map((n) => n.code)).toEqual(['implicit-truncation', 'max-length-ignored', 'no-model-max-length-truncation']);
  });
});
