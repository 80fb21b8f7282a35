/**
 * Editing a long text must not keep every version of it alive. Each version of a 400k-character text is ~800 KB;
 * the engine once kept one per edit (its chunk cache keys were slices, which keep their whole parent string), so a
 * session of typing grew the worker's heap by megabytes a minute and a major GC landed in an edit every few
 * keystrokes. Measured with the collector run before each reading, so only what is still reachable counts.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { BlockText } from '../../src/core/text/block-text';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function longText(size: number): string {
  let text = '';
  for (let i = 0; text.length < size; i++) text += HARD_INPUTS[(i * 7) % HARD_INPUTS.length]!.toWellFormed() + (i % 3 ? '\n' : ' ');
  return text.slice(0, size).toWellFormed();
}

const EDITS = 30;
const tokenizer = createTokenizer(JSON.parse(fs.readFileSync(path.resolve('public/tokenizers/llama2/tokenizer.json'), 'utf8')) as TokenizerJson);
const start = longText(400_000);
const versionBytes = start.length * 2;

describe('memory while editing a long text', () => {
  it.each(['string', 'BlockText'] as const)('does not keep old versions of the text (%s)', (kind) => {
    let text = kind === 'string' ? start : BlockText.of(start);
    const encode = () => tokenizer.encodeArrays(text, { addSpecialTokens: true, withTokens: false, wellFormed: true });
    encode();
    const before = heapAfterGc();
    for (let k = 0; k < EDITS; k++) {
      const at = k % 2 ? text.length : Math.floor(text.length / 3);
      text = typeof text === 'string' ? text.slice(0, at) + 'zq '[k % 3] + text.slice(at) : text.edit(at, at, 'zq '[k % 3]!);
      encode();
    }
    const grown = heapAfterGc() - before;
    // Keeping the versions would be EDITS × versionBytes (24 MB); new chunks in the cache are a few kB an edit.
    expect(grown, `heap grew ${(grown / 1e6).toFixed(1)} MB over ${EDITS} edits`).toBeLessThan(4 * versionBytes);
  });
});
