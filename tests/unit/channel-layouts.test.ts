/**
 * The worker lays out the text view's rows from the previous layout, told by the chunked engine which tokens an edit
 * kept (`ChunkReuse`). These tests hold that to the plain layout of the same tokens from scratch, and the reuse counts
 * to a comparison of the two tokenizations, after random edits and with interleaved encodes that break the chain.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../src/core/tokens/engine';
import { layoutRows, ROW_TOKENS, type RowLayout } from '../../src/core/tokens/row-layout';
import type { TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { applyTextEdit } from '../../src/core/text/text-edit';
import { ChannelLayouts } from '../../src/worker/channel-layouts';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

const DIR = path.resolve('public/tokenizers');
const load = (id: string) => createTokenizer(JSON.parse(fs.readFileSync(path.join(DIR, id, 'tokenizer.json'), 'utf8')) as TokenizerJson);

function mixedText(size: number): string {
  let text = '';
  for (let i = 0; text.length < size; i++) text += HARD_INPUTS[(i * 5) % HARD_INPUTS.length]!.toWellFormed() + (i % 4 ? ' ' : i % 8 ? '. ' : '\n');
  return text.slice(0, size).toWellFormed();
}

const rowsOf = (l: RowLayout) => Array.from({ length: l.count }, (_, r) => [l.tokenFrom[r], l.tokenTo[r], l.textFrom[r], l.textTo[r]]);

// llama3_1 wraps a sequence in a BOS only, bert-base-uncased in [CLS] … [SEP] (a special token after the text).
describe.each(['llama3_1', 'bert-base-uncased'])('%s: worker row layouts after edits', (id) => {
  const tokenizer = load(id);
  const start = mixedText(30_000);

  it('equal the layout from scratch, and the reused tokens are equal (shifted) in both tokenizations', () => {
    const pieces = fc.constantFrom('a', ' ', '\n', '. ', 'zq ', 'é', '🙂', '<|begin_of_text|>', '[SEP]', '你好');
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(40), insert: fc.array(pieces, { maxLength: 4 }).map((p) => p.join('')), other: fc.boolean(), add: fc.boolean() });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const layouts = new ChannelLayouts();
        let text = start;
        let add = true;
        let prev = { text, ...tokenizer.encodeArrays(text, { addSpecialTokens: add }) };
        layouts.layout('view', text, prev, ROW_TOKENS, prev.reuse);
        for (const e of edits) {
          // Another channel (or the pipeline view) encoding in between: the next reuse no longer follows the layout.
          if (e.other) {
            tokenizer.encodeArrays(text.slice(0, 20_000), { addSpecialTokens: true });
            add = e.add;
          }
          const from = Math.floor(e.at * text.length);
          text = applyTextEdit(text, { from, to: Math.min(text.length, from + e.del), insert: e.insert }).toWellFormed();
          const next = { text, ...tokenizer.encodeArrays(text, { addSpecialTokens: add }) };
          const got = layouts.layout('view', text, next, ROW_TOKENS, next.reuse);
          expect(rowsOf(got)).toEqual(rowsOf(layoutRows(text, next, ROW_TOKENS)));
          const reuse = next.reuse!;
          if (!e.other) {
            expect(reuse.previous).toBe(prev.reuse!.encode);
            // The claims `relayoutRows` relies on, checked token by token (the first failure is reported).
            const textShift = text.length - prev.text.length;
            const wrong: string[] = [];
            for (let i = 0; i < reuse.prefixTokens && !wrong.length; i++) {
              const same = next.ids[i] === prev.ids[i] && next.starts[i] === prev.starts[i] && next.ends[i] === prev.ends[i] && next.special[i] === prev.special[i];
              if (!same || prev.ends[i]! > reuse.from) wrong.push(`prefix token ${i}`);
            }
            for (let k = 1; k <= reuse.suffixTokens && !wrong.length; k++) {
              const a = prev.ids.length - k;
              const b = next.ids.length - k;
              // Special tokens the post-processor adds have no text: (0, 0) in both.
              const shift = prev.special[a] === 1 && prev.ends[a] === 0 ? 0 : textShift;
              const same = next.ids[b] === prev.ids[a] && next.starts[b] === prev.starts[a]! + shift && next.ends[b] === prev.ends[a]! + shift && next.special[b] === prev.special[a];
              if (!same || (shift !== 0 && prev.starts[a]! < reuse.to)) wrong.push(`suffix token ${k} from the end`);
            }
            expect(wrong).toEqual([]);
          }
          prev = next;
        }
      }),
      { numRuns: 25 },
    );
  });
});
