/** GGUF → tokenizer: generated GGUF headers (no file committed) must tokenize like the tokenizer.json they came from. */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { generateMerges, ggufToTokenizer, GgufTokenizerError } from '../../src/core/model/gguf-tokenizer';
import { buildCard } from '../../src/core/model/card';
import { readGgufHeader } from '../../src/worker/sources/gguf-file';
import { HARD_INPUTS } from '../fixtures/hard-inputs';
import { ggufBytes, gpt2Gguf, llamaGguf, str, strs } from '../fixtures/gguf-builder';

const read = (id: string) => JSON.parse(fs.readFileSync(path.resolve('public/tokenizers', id, 'tokenizer.json'), 'utf8')) as TokenizerJson;
const blob = (bytes: Uint8Array) => new Blob([bytes as BlobPart]);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenlab-gguf-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function convert(bytes: Uint8Array) {
  const { metadata } = await readGgufHeader(blob(bytes));
  return ggufToTokenizer(metadata);
}

describe.each([
  ['gpt2', gpt2Gguf],
  ['llama2', llamaGguf],
] as const)('GGUF built from %s', (id, build) => {
  const source = read(id);
  const ref = createTokenizer(source);
  let converted: Awaited<ReturnType<typeof convert>>;

  it('converts and gives the same ids as the source tokenizer.json on every hard input', async () => {
    converted = await convert(build(source));
    const tok = createTokenizer(converted.json);
    expect(tok.getVocabSize(true)).toBe(ref.getVocabSize(true));
    for (const text of HARD_INPUTS) {
      for (const addSpecialTokens of [true, false]) {
        expect(tok.encode(text, { addSpecialTokens }).ids, JSON.stringify(text.slice(0, 40))).toEqual(ref.encode(text, { addSpecialTokens }).ids);
      }
    }
  });

  it('fills the card from the GGUF metadata', () => {
    const card = buildCard(createTokenizer(converted.json), { json: converted.json, config: converted.config, modelConfig: null, gguf: converted.info });
    expect(card.context.value).toBe(id === 'gpt2' ? 1024 : 32768);
    expect(card.context.source).toBe('gguf');
    expect(card.embeddingSize).toBe(id === 'gpt2' ? 768 : 4096);
    expect(converted.info.quantization).toBe(id === 'gpt2' ? 'F16' : 'Q4_K_M');
    expect(card.chatTemplate.kind).toBe(id === 'gpt2' ? 'none' : 'single');
  });
});

describe('GGUF details', () => {
  it('rebuilds SentencePiece merges from scores, highest-scoring piece first', () => {
    expect(generateMerges(['a', 'b', 'c', 'ab', 'abc', 'bc'], [0, 0, 0, -1, -3, -2])).toEqual([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'bc'],
      ['ab', 'c'],
    ]);
  });

  it('collects named chat templates, "default" first', async () => {
    const c = await convert(gpt2Gguf(read('gpt2'), { 'tokenizer.chat_template': str('A'), 'tokenizer.chat_template.tool_use': str('B') }));
    expect(c.config.chat_template).toEqual([{ name: 'default', template: 'A' }, { name: 'tool_use', template: 'B' }]);
  });

  it('names an unsupported tokenizer kind', async () => {
    const bytes = ggufBytes({ 'general.architecture': str('t5'), 'tokenizer.ggml.model': str('t5'), 'tokenizer.ggml.tokens': strs(['a']) });
    await expect(convert(bytes)).rejects.toThrow(/"t5" is not supported/);
  });

  it('says a file without a tokenizer has none', async () => {
    await expect(convert(ggufBytes({ 'general.architecture': str('llama') }))).rejects.toThrow(/no tokenizer/);
  });

  it('rejects a corrupted file with a clear error', async () => {
    const good = gpt2Gguf(read('gpt2'));
    await expect(readGgufHeader(blob(good.slice(0, 5000)))).rejects.toThrow(GgufTokenizerError);
    await expect(readGgufHeader(blob(good.slice(0, 5000)))).rejects.toThrow(/corrupted or truncated/);
    await expect(readGgufHeader(blob(new TextEncoder().encode('{"not":"gguf"}')))).rejects.toThrow(/not a GGUF file/);
  });

  it('reads a 4 GB sparse file header-only, with memory staying low', async () => {
    const file = path.join(tmp, 'big.gguf');
    const header = llamaGguf(read('llama2'));
    fs.writeFileSync(file, header);
    // 4 GiB minus one byte: Node 20's openAsBlob wraps sizes at 2^32.
    fs.truncateSync(file, 4 * 1024 ** 3 - 1);
    const big = await fs.openAsBlob(file);
    expect(big.size).toBe(4 * 1024 ** 3 - 1);
    const reads: Array<[number, number]> = [];
    const rss0 = process.memoryUsage().rss;
    const { metadata } = await readGgufHeader(big, (s, e) => reads.push([s, e]));
    const grown = process.memoryUsage().rss - rss0;
    const bytesRead = reads.reduce((n, [s, e]) => n + (e - s), 0);
    expect(bytesRead).toBeLessThan(header.byteLength + 4 * 1024 * 1024);
    expect(grown).toBeLessThan(300 * 1024 * 1024);
    expect(ggufToTokenizer(metadata).json.added_tokens?.length).toBe(3);
  });
});
