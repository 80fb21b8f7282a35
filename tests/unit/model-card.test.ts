/** Card values for every bundled tokenizer, checked against its own files and the Rust reference. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerConfigJson, TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { buildCard } from '../../src/core/model/card';
import { contextLength, formatContextLength } from '../../src/core/model/context-length';

const { Tokenizer: RustTokenizer } = createRequire(import.meta.url)('tokenizers') as typeof import('tokenizers');
const DIR = path.resolve('public/tokenizers');
const ids = (JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { tokenizers: Array<{ id: string }> }).tokenizers.map((t) => t.id);
const read = <T>(id: string, file: string): T => JSON.parse(fs.readFileSync(path.join(DIR, id, file), 'utf8')) as T;

function card(id: string) {
  const json = read<TokenizerJson>(id, 'tokenizer.json');
  const config = read<TokenizerConfigJson>(id, 'tokenizer_config.json');
  return buildCard(createTokenizer(json), { json, config, modelConfig: null });
}

describe.each(ids)('card of %s', (id) => {
  it('vocabulary size equals Rust get_vocab_size(true)', () => {
    expect(card(id).vocabSize).toBe(RustTokenizer.fromFile(path.join(DIR, id, 'tokenizer.json')).getVocabSize(true));
  });
  it('special tokens resolve to the ids Rust gives them', () => {
    const ref = RustTokenizer.fromFile(path.join(DIR, id, 'tokenizer.json'));
    for (const row of card(id).specialTokens) expect(row.id, row.text).toBe(ref.tokenToId(row.text) ?? null);
  });
});

describe('card facts named in the issue', () => {
  it('llama2 has 32,000 entries', () => expect(card('llama2').vocabSize).toBe(32000));
  it('qwen3 has a 131,072-token context from model_max_length', () => {
    expect(card('qwen3').context).toEqual({ value: 131072, source: 'tokenizer_config.model_max_length' });
    expect(formatContextLength(131072)).toBe('131,072 (128k)');
  });
  it('llama3_1 ends turns with <|eot_id|> and has no known context (model_max_length is 1e30, no config.json)', () => {
    const c = card('llama3_1');
    expect(c.specialTokens.find((r) => r.role === 'eos')?.text).toBe('<|eot_id|>');
    expect(c.context.value).toBeNull();
  });
  it('gpt2 has no pad token, and the card says what pad = eos costs', () => {
    const c = card('gpt2');
    expect(c.pad.missing).toBe(true);
    expect(c.pad.message).toMatch(/pad = eos/);
  });
  it('falls back to max_position_embeddings when model_max_length is absurd', () => {
    expect(contextLength({ model_max_length: 1e30 }, { max_position_embeddings: 8192 })).toEqual({ value: 8192, source: 'config.max_position_embeddings' });
  });
  it('names the pipeline stages in order', () => {
    expect(card('bert-base-uncased').pipeline.map((s) => `${s.stage}:${s.type}`)).toEqual([
      'normalizer:BertNormalizer', 'pre_tokenizer:BertPreTokenizer', 'model:WordPiece', 'post_processor:TemplateProcessing', 'decoder:WordPiece',
    ]);
  });
});
