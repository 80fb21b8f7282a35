/**
 * The worker's edit rehearsal (src/worker/edit-rehearsal.ts) runs the edit path on a copy of the text's start so it
 * is compiled before the user's first edit. It must leave the real chunker alone (the next real edit still re-uses
 * the previous result, and equals Rust), stop at once when asked, and run once per tokenizer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenizer, type Tokenizer } from '../../src/core/tokens/engine';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { BlockText } from '../../src/core/text/block-text';
import { ROW_TOKENS } from '../../src/core/tokens/row-layout';
import { EditRehearsal, sampleOf } from '../../src/worker/edit-rehearsal';
import { SAMPLE_TEXTS } from '../../src/core/tokens/samples';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

const { Tokenizer: RustTokenizer } = createRequire(import.meta.url)('tokenizers') as typeof import('tokenizers');
const file = path.resolve('public/tokenizers/llama2/tokenizer.json');

function longText(size: number): string {
  let text = '';
  for (let i = 0; text.length < size; i++) text += HARD_INPUTS[(i * 3) % HARD_INPUTS.length]!.toWellFormed() + (i % 5 ? ' ' : '\n');
  return text.slice(0, size).toWellFormed();
}

/** A tokenizer whose own-chunker encodes are counted. */
function counted(tokenizer: Tokenizer) {
  const calls = { count: 0 };
  const wrapped: Pick<Tokenizer, 'withOwnChunker'> = {
    withOwnChunker() {
      const own = tokenizer.withOwnChunker()!;
      return { encodeArrays: (text, options) => (calls.count++, own.encodeArrays(text, options)) };
    },
  };
  return { wrapped, calls };
}

describe('edit rehearsal', () => {
  const tokenizer = createTokenizer(JSON.parse(fs.readFileSync(file, 'utf8')) as TokenizerJson);
  const text = longText(120_000);
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('leaves the real chunker as it was: the next edit re-uses the previous result and equals Rust', async () => {
    let held = BlockText.of(text);
    const options = { addSpecialTokens: true, withTokens: false, wellFormed: true };
    const first = tokenizer.encodeArrays(held, options);
    const { wrapped, calls } = counted(tokenizer);
    new EditRehearsal().start('llama2', { tokenizer: wrapped, text: held, addSpecialTokens: true, maxTokens: ROW_TOKENS });
    await vi.runAllTimersAsync();
    expect(calls.count).toBe(13);
    held = held.edit(500, 500, 'zq ');
    const next = tokenizer.encodeArrays(held, options);
    expect(next.reuse?.previous).toBe(first.reuse?.encode);
    expect(next.reuse?.suffixTokens).toBeGreaterThan(first.ids.length / 2);
    const want = await RustTokenizer.fromFile(file).encode(held.toString(), null, { addSpecialTokens: true });
    expect(Array.from(next.ids)).toEqual(want.getIds());
  });

  it('waits for the next task, can be dropped before it starts, stops at its budget, and runs once per tokenizer', async () => {
    // A clock that moves 10 ms a reading: a budget of 25 ms fits 2 steps (readings at 10 (start), 20, 30; 40 is late).
    let clock = 0;
    const rehearsal = new EditRehearsal({ budgetMs: 25, now: () => (clock += 10) });
    const { wrapped, calls } = counted(tokenizer);
    const input = { tokenizer: wrapped, text: BlockText.of(text), addSpecialTokens: true, maxTokens: ROW_TOKENS };
    rehearsal.start('a', input);
    expect(calls.count).toBe(0);
    rehearsal.stop();
    await vi.runAllTimersAsync();
    expect(calls.count).toBe(0);
    rehearsal.start('a', input);
    await vi.runAllTimersAsync();
    expect(calls.count).toBe(2);
    // Once per tokenizer, even when the budget cut it short.
    rehearsal.start('a', input);
    await vi.runAllTimersAsync();
    expect(calls.count).toBe(2);
    rehearsal.start('b', input);
    await vi.runAllTimersAsync();
    expect(calls.count).toBe(4);
  });

  it('does nothing for a tokenizer that encodes long texts whole (no edit path to compile)', async () => {
    let asked = 0;
    const whole: Pick<Tokenizer, 'withOwnChunker'> = { withOwnChunker: () => (asked++, null) };
    const rehearsal = new EditRehearsal();
    rehearsal.start('whole', { tokenizer: whole, text: BlockText.of(text), addSpecialTokens: true, maxTokens: ROW_TOKENS });
    await vi.runAllTimersAsync();
    rehearsal.start('whole', { tokenizer: whole, text: BlockText.of(text), addSpecialTokens: true, maxTokens: ROW_TOKENS });
    await vi.runAllTimersAsync();
    expect(asked).toBe(1);
  });

  it('rehearses on the start of a long text, and on the sample texts when the text is short', () => {
    expect(sampleOf(BlockText.of(text))).toBe(text.slice(0, 48 * 1024));
    const sample = sampleOf('short');
    expect(sample.length).toBe(48 * 1024);
    for (const s of SAMPLE_TEXTS) expect(sample).toContain(s.text);
    expect(sample.isWellFormed()).toBe(true);
  });
});
