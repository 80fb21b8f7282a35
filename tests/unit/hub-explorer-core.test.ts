/** Pure pieces behind the loader and the explorer: Hub ids, decoding as Rust, pipeline trace, vocabulary search. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { hubIdOf, normalizeHubInput, parseHubId } from '../../src/core/model/hub-id';
import { createTokenizer } from '../../src/core/tokens/engine';
import { decode, parseIdList } from '../../src/core/tokens/decode';
import { createPipelineTracer } from '../../src/core/tokens/pipeline-trace';
import { searchVocab } from '../../src/core/tokens/vocab-search';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

const { Tokenizer: Rust } = createRequire(import.meta.url)('tokenizers') as typeof import('tokenizers');
const file = (id: string) => path.resolve('public/tokenizers', id, 'tokenizer.json');
const read = (id: string) => JSON.parse(fs.readFileSync(file(id), 'utf8')) as TokenizerJson;

describe('Hub ids', () => {
  it('parses owner/name with an optional revision', () => {
    expect(parseHubId('HuggingFaceTB/SmolLM2-135M-Instruct')).toEqual({ repo: 'HuggingFaceTB/SmolLM2-135M-Instruct', revision: 'main' });
    expect(parseHubId('Qwen/Qwen2.5-0.5B@v1.0')).toEqual({ repo: 'Qwen/Qwen2.5-0.5B', revision: 'v1.0' });
    expect(hubIdOf({ repo: 'a/b', revision: 'main' })).toBe('a/b');
    for (const bad of ['gpt2', 'a/b/c', '../x/y', 'a/b@', 'a /b', 'local:x']) expect(parseHubId(bad), bad).toBeNull();
  });
  it('accepts pasted Hub page URLs', () => {
    expect(normalizeHubInput(' https://huggingface.co/Qwen/Qwen2.5-0.5B/tree/dev ')).toBe('Qwen/Qwen2.5-0.5B@dev');
    expect(normalizeHubInput('mistralai/Mistral-7B-v0.1@main')).toBe('mistralai/Mistral-7B-v0.1');
  });
});

describe.each(['gpt2', 'llama2', 'bert-base-uncased', 'qwen3', 'gemma3'])('decode with %s equals Rust', (id) => {
  const json = read(id);
  const tok = createTokenizer(json);
  const rust = Rust.fromFile(file(id));
  it('on the hard inputs, with and without skip_special_tokens', async () => {
    for (const text of HARD_INPUTS.filter((_, i) => i % 3 === 0)) {
      const ids = tok.encode(text, { addSpecialTokens: true }).ids;
      for (const skip of [false, true]) {
        expect(decode(tok, json.decoder, ids, { skipSpecialTokens: skip }), JSON.stringify(text.slice(0, 30))).toBe(await rust.decode(ids, skip));
      }
    }
  });
});

describe('id lists', () => {
  it('reads JSON, Python and space-separated lists', () => {
    expect(parseIdList('[9906, 4435]')).toEqual([9906, 4435]);
    expect(parseIdList('9906 4435')).toEqual([9906, 4435]);
    expect(parseIdList('  ')).toEqual([]);
    expect(parseIdList('99x')).toBeNull();
  });
});

describe('pipeline trace', () => {
  it('shows BERT lower-casing and accent stripping as changes, then words and tokens that match encode', () => {
    const json = read('bert-base-uncased');
    const trace = createPipelineTracer(json)('Héllo World!');
    expect(trace.normalized.filter((s) => s.changed).map((s) => s.text)).toEqual(expect.arrayContaining(['h', 'e', 'w']));
    expect(trace.words.map((w) => w.text)).toEqual(['hello', 'world', '!']);
    const ids = createTokenizer(json).encode('Héllo World!', { addSpecialTokens: false }).ids;
    expect(trace.tokens.map((t) => t.id)).toEqual(ids);
  });
  it('keeps added tokens whole and unnormalized', () => {
    const trace = createPipelineTracer(read('qwen3'))('<|im_start|>user hi');
    expect(trace.words[0]).toMatchObject({ text: '<|im_start|>', added: true });
  });
});

describe('vocabulary search', () => {
  const tok = createTokenizer(read('gemma3'));
  const tokens: string[] = [];
  const texts: string[] = [];
  const size = tok.getVocabSize(true);
  for (let id = 0; id < size; id++) {
    tokens[id] = tok.idToToken(id) ?? '';
    texts[id] = new TextDecoder().decode(tok.tokenBytes(id));
  }
  const table = { tokens, texts, special: new Set(tok.addedTokens.filter((t) => t.special).map((t) => t.id)) };
  it('finds by id and by substring over 262k entries, capped', () => {
    expect(searchVocab(table, '2').entries[0]!.id).toBe(2);
    const r = searchVocab(table, 'hello', 50);
    expect(r.entries.length).toBeLessThanOrEqual(50);
    expect(r.total).toBeGreaterThan(r.entries.length - 1);
    expect(r.entries.some((e) => e.text.toLowerCase().includes('hello'))).toBe(true);
  });
});
