/**
 * padding_examples.md §1 (transformers.js tests that reproduce Python's padding/truncation rules), with the reference
 * bert-base-uncased files from ../shared/reference. For every row a padded batch can express (no text pairs):
 * - our `padBatch` gives the input_ids / attention_mask the table asserts (parsed from the markdown, not retyped);
 * - Rust `encodeBatch`, set up with the settings our resolution chose, gives the same rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerConfigJson, TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { padBatch, type PadBatchOptions } from '../../src/core/batch';

const REFERENCE = resolve(process.cwd(), '../shared/reference');
if (!existsSync(REFERENCE)) throw new Error(`Conformance needs ${REFERENCE} (../shared/reference from the project root).`);

const require = createRequire(import.meta.url);
const { Tokenizer: RustTokenizer } = require('tokenizers') as typeof import('tokenizers');

const dir = join(REFERENCE, 'tokenizers/bert-base-uncased');
const loaded = {
  tokenizer: createTokenizer(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as TokenizerJson),
  config: JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as TokenizerConfigJson,
};
const rust = RustTokenizer.fromFile(join(dir, 'tokenizer.json'));

/** `| n | call | input_ids | attention_mask | … |` rows of §1, with the id/mask cells JSON-parsed where they are JSON. */
function tableRows(): Map<number, { inputIds: unknown; attentionMask: unknown }> {
  const md = readFileSync(join(REFERENCE, 'padding_examples.md'), 'utf8');
  const section = md.slice(md.indexOf('## 1.'), md.indexOf('## 2.'));
  const rows = new Map<number, { inputIds: unknown; attentionMask: unknown }>();
  const json = (cell: string): unknown => {
    try { return JSON.parse(cell.trim().replace(/^`|`$/g, '')); } catch { return null; }
  };
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1);
    const n = Number(cells[0]);
    if (!Number.isInteger(n) || n <= 0 || cells.length < 4) continue;
    rows.set(n, { inputIds: json(cells[2]!), attentionMask: json(cells[3]!) });
  }
  return rows;
}

const inputs = ['a', 'b c'];
const inputs2 = ['a', 'b c d e f'];
const noSpecial = { addSpecialTokens: false } as const;
/** The `call` column, transcribed: Python `padding=False` is 'none', `padding=True` is 'longest', unset truncation is omitted. */
const CALLS: Array<{ row: number; lines: string[]; options: PadBatchOptions }> = [
  { row: 1, lines: inputs, options: { addSpecialTokens: true, padding: 'none' } },
  { row: 2, lines: inputs, options: { ...noSpecial, padding: 'none', truncation: true } },
  { row: 3, lines: inputs, options: { ...noSpecial, padding: 'none', maxLength: 1 } },
  { row: 4, lines: inputs2, options: { ...noSpecial, padding: 'none', maxLength: 3 } },
  { row: 5, lines: inputs2, options: { ...noSpecial, padding: 'longest', maxLength: 3 } },
  { row: 6, lines: inputs2, options: { ...noSpecial, padding: 'none', truncation: true, maxLength: 3 } },
  { row: 7, lines: inputs2, options: { ...noSpecial, padding: 'longest', truncation: true, maxLength: 3 } },
  { row: 8, lines: inputs2, options: { ...noSpecial, padding: 'max_length', truncation: false, maxLength: 3 } },
  { row: 9, lines: inputs2, options: { ...noSpecial, padding: 'max_length', truncation: true, maxLength: 3 } },
  { row: 10, lines: inputs2, options: { ...noSpecial, padding: 'max_length', truncation: false, maxLength: null } },
  { row: 12, lines: inputs, options: { ...noSpecial, padding: 'none', truncation: true, maxLength: 1 } },
  { row: 13, lines: inputs, options: { ...noSpecial, padding: 'longest' } },
  { row: 15, lines: ['a', 'b c', 'd e f'], options: { ...noSpecial, padding: 'longest', truncation: true, maxLength: 2 } },
  { row: 16, lines: inputs, options: { ...noSpecial, padding: 'longest', truncation: true, maxLength: 3 } },
  { row: 17, lines: inputs, options: { ...noSpecial, padding: 'max_length', truncation: true, maxLength: 3 } },
];

describe('padding_examples.md §1 with the reference bert-base-uncased', () => {
  const table = tableRows();

  it.each(CALLS)('row $row', async ({ row, lines, options }) => {
    const got = padBatch(loaded, lines, options);
    const ids = got.rows.map((r) => r.inputIds);
    const mask = got.rows.map((r) => r.attentionMask);

    const { resolved, pad } = got;
    if (resolved.truncation && resolved.maxLength !== null) rust.setTruncation(resolved.maxLength, { direction: resolved.truncationSide });
    else rust.disableTruncation();
    if (resolved.padding === 'none') rust.disablePadding();
    else rust.setPadding({ direction: resolved.paddingSide, padId: pad!.id, padToken: pad!.token, ...(resolved.padding === 'max_length' ? { maxLength: resolved.maxLength! } : {}) });
    const want = await rust.encodeBatch(lines, { addSpecialTokens: options.addSpecialTokens });
    expect(ids).toEqual(want.map((e) => e.getIds()));
    expect(mask).toEqual(want.map((e) => e.getAttentionMask()));

    const doc = table.get(row);
    expect(doc, `row ${row} in the markdown table`).toBeDefined();
    if (row === 10) {
      // Described in prose: each row padded to model_max_length 512.
      expect(ids.map((r) => r.length)).toEqual([512, 512]);
      expect(ids.map((r) => r.filter((x) => x !== 0))).toEqual([[1037], [1038, 1039, 1040, 1041, 1042]]);
      return;
    }
    expect(ids).toEqual(doc!.inputIds);
    expect(mask).toEqual(doc!.attentionMask);
  });

  it('row 11: without padding the batch is ragged (a tensor cannot be built)', () => {
    expect(padBatch(loaded, inputs, { addSpecialTokens: true, padding: 'none' }).ragged).toBe(true);
    expect(padBatch(loaded, inputs, { addSpecialTokens: true, padding: 'longest' }).ragged).toBe(false);
  });

  it('§2c: left padding of row 13', () => {
    const got = padBatch(loaded, inputs, { ...noSpecial, padding: 'longest', paddingSide: 'left' });
    const right = padBatch(loaded, inputs, { ...noSpecial, padding: 'longest' });
    // Rule 2a: left = the same pads moved in front.
    got.rows.forEach((r, i) => {
      const rr = right.rows[i]!;
      const n = rr.isPad.filter(Boolean).length;
      expect(r.inputIds).toEqual([...rr.inputIds.slice(rr.inputIds.length - n), ...rr.inputIds.slice(0, rr.inputIds.length - n)]);
      expect(r.attentionMask).toEqual([...new Array<number>(n).fill(0), ...rr.attentionMask.slice(0, rr.attentionMask.length - n)]);
    });
  });
});
