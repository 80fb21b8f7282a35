/**
 * Padding-free batching: `flattenBatch` against a line-by-line port of `DataCollatorWithFlattening.__call__`,
 * `binPack` against a port of TRL's `_pack_bfd` (segment tree + FIFO per remaining space), invariants by
 * fast-check, and the worked Llama-3 example of the research notes rebuilt from the bundled tokenizer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerConfigJson, TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import {
  binPack, compareStrategies, createRng, flattenBatch, flattenBins, flattenedCost, packedCost, padBatch, paddedCost,
  sampleLengths, wasteVsSpread, type PackStrategy,
} from '../../src/core/batch';

const require = createRequire(import.meta.url);
const { Tokenizer: RustTokenizer } = require('tokenizers') as typeof import('tokenizers');

/** transformers `DataCollatorWithFlattening.__call__` (data_collator.py), Python lists → arrays, all outputs on. */
function collatorPort(features: Array<{ input_ids: number[]; labels?: number[] }>, separatorId = -100) {
  const batch = { input_ids: [] as number[], labels: [] as number[], position_ids: [] as number[], seq_idx: [] as number[] };
  const cuSeqLens = [0];
  let maxLength = 0;
  features.forEach((sample, seqIdx) => {
    const inputIds = sample.input_ids;
    batch.input_ids.push(...inputIds);
    // `[separator_id] + labels[1:]`
    batch.labels.push(separatorId, ...(sample.labels ?? inputIds).slice(1));
    batch.position_ids.push(...Array.from({ length: inputIds.length }, (_, i) => i));
    batch.seq_idx.push(...inputIds.map(() => seqIdx));
    cuSeqLens.push(cuSeqLens[cuSeqLens.length - 1]! + inputIds.length);
    maxLength = Math.max(maxLength, inputIds.length);
  });
  return { ...batch, cuSeqLens, maxLength };
}

/** TRL `_pack_bfd` (trl/data_utils.py), with its `_SegmentTree`; returns bins of [index, start, length]. */
function trlPort(lengths: number[], seqLength: number, requeue: boolean): Array<Array<[number, number, number]>> {
  const frags: Array<[number, number, number]> = [];
  lengths.forEach((n, row) => {
    for (let start = 0; start < n; start += seqLength) {
      if (!requeue && start > 0) continue;
      frags.push([row, start, Math.min(seqLength, n - start)]);
    }
  });
  const treeSize = 1 << Math.ceil(Math.log2(Math.max(1, seqLength)));
  const tree = new Array<number>(2 * treeSize).fill(0);
  const set = (val: number, to: number): void => {
    let i = treeSize + val - 1;
    tree[i] = to;
    while (i > 1) { i >>= 1; tree[i] = Math.max(tree[2 * i]!, tree[2 * i + 1]!); }
  };
  const search = (val: number): number => {
    let i = 1;
    while (i < treeSize) i = tree[2 * i]! >= val ? 2 * i : 2 * i + 1;
    return tree[i]!;
  };
  set(seqLength, seqLength);
  const spaceToBin = new Map<number, Array<{ ids: number[]; length: number }>>();
  const bins: Array<{ ids: number[]; length: number }> = [];
  // pyarrow's sort is stable: equal lengths keep fragment order.
  const order = frags.map((f, i) => [f[2], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [length, idx] of order) {
    let space = search(length);
    let bin: { ids: number[]; length: number };
    if (space < seqLength) bin = spaceToBin.get(space)!.shift()!;
    else { bin = { ids: [], length: 0 }; bins.push(bin); }
    bin.ids.push(idx);
    bin.length += length;
    if (space < seqLength && spaceToBin.get(space)!.length === 0) set(space, 0);
    space -= length;
    spaceToBin.set(space, [...(spaceToBin.get(space) ?? []), bin]);
    if (space > 0) set(space, space);
  }
  return bins.map((b) => b.ids.map((i) => frags[i]!));
}

const arbSeqs = fc.array(fc.array(fc.integer({ min: 0, max: 50_000 }), { maxLength: 30 }), { maxLength: 12 });

describe('flattenBatch (DataCollatorWithFlattening)', () => {
  // transformers tests/trainer/test_data_collator.py::test_data_collator_with_flattening
  const features = [[10, 11, 12], [20, 21, 22, 23, 24, 25], [30, 31, 32, 33, 34, 35, 36]];

  it('the upstream test batch: every output equals the ported collator', () => {
    const got = flattenBatch(features.map((inputIds) => ({ inputIds })));
    const want = collatorPort(features.map((input_ids) => ({ input_ids })));
    expect(got.inputIds).toEqual(want.input_ids);
    expect(got.positionIds).toEqual(want.position_ids);
    expect(got.labels).toEqual(want.labels);
    expect(got.seqIdx).toEqual(want.seq_idx);
    expect(got.cuSeqLens).toEqual(want.cuSeqLens);
    expect(got.maxLength).toBe(want.maxLength);
    // Shape (1, 16) as asserted upstream; the separator sits at every sequence start.
    expect(got.inputIds).toHaveLength(16);
    expect(got.cuSeqLens.slice(0, -1).map((i) => got.labels[i])).toEqual([-100, -100, -100]);
  });

  it('given labels, a custom separator and a position offset', () => {
    const withLabels = features.map((inputIds) => ({ inputIds, labels: inputIds.map((x) => x + 1000) }));
    const got = flattenBatch(withLabels, { separatorId: -1, positionIdsStart: 2 });
    const want = collatorPort(withLabels.map((f) => ({ input_ids: f.inputIds, labels: f.labels })), -1);
    expect(got.labels).toEqual(want.labels);
    expect(got.positionIds).toEqual(want.position_ids.map((p) => p + 2));
  });

  it('matches the port on any non-empty sequences (property)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 30 }), { maxLength: 12 }), (seqs) => {
      const got = flattenBatch(seqs.map((inputIds) => ({ inputIds })));
      const want = collatorPort(seqs.map((input_ids) => ({ input_ids })));
      expect([got.inputIds, got.labels, got.positionIds, got.seqIdx, got.cuSeqLens, got.maxLength])
        .toEqual([want.input_ids, want.labels, want.position_ids, want.seq_idx, want.cuSeqLens, want.maxLength]);
    }));
  });

  it('keeps arrays aligned on empty sequences and lists them (upstream would add a stray separator label)', () => {
    fc.assert(fc.property(arbSeqs, (seqs) => {
      const got = flattenBatch(seqs.map((inputIds) => ({ inputIds })));
      const total = seqs.reduce((n, s) => n + s.length, 0);
      for (const a of [got.inputIds, got.labels, got.positionIds, got.seqIdx]) expect(a).toHaveLength(total);
      expect(got.cuSeqLens).toHaveLength(seqs.length + 1);
      expect(got.cuSeqLens[seqs.length]).toBe(total);
      expect(got.empty).toEqual(seqs.flatMap((s, i) => (s.length === 0 ? [i] : [])));
      // Position 0 exactly where a sequence starts.
      const starts = new Set(got.cuSeqLens.slice(0, -1).filter((c, i) => seqs[i]!.length > 0 && c < total));
      got.positionIds.forEach((p, i) => expect(p === 0).toBe(starts.has(i)));
    }));
  });
});

describe('binPack (TRL pack_dataset)', () => {
  const toTriples = (r: ReturnType<typeof binPack>) => r.bins.map((b) => b.pieces.map((p) => [p.index, p.start, p.length]));

  it('the pack_dataset docstring example (seq_length=4)', () => {
    const lengths = [5, 2, 3, 1];
    // Docstring: bfd → seq_lengths [[4],[3,1],[2]]; bfd-requeue → [[4],[3,1],[2,1]].
    expect(binPack(lengths, 4, 'bfd').bins.map((b) => b.pieces.map((p) => p.length))).toEqual([[4], [3, 1], [2]]);
    expect(binPack(lengths, 4, 'bfd-requeue').bins.map((b) => b.pieces.map((p) => p.length))).toEqual([[4], [3, 1], [2, 1]]);
    expect(binPack(lengths, 4, 'bfd').dropped).toBe(1);
    expect(toTriples(binPack(lengths, 4, 'bfd-requeue'))).toEqual(trlPort(lengths, 4, true));
  });

  it.each([false, true])('equals the ported TRL segment-tree BFD on random lengths (requeue=%s)', (requeue) => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }), fc.integer({ min: 1, max: 32 }), (lengths, max) => {
      expect(toTriples(binPack(lengths, max, requeue ? 'bfd-requeue' : 'bfd'))).toEqual(trlPort(lengths, max, requeue));
    }));
  });

  it.each<PackStrategy>(['bfd', 'bfd-requeue', 'wrapped'])('%s: bins fit, tokens are accounted for, BFD bins cannot merge', (strategy) => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }), fc.integer({ min: 1, max: 32 }), (lengths, max) => {
      const r = binPack(lengths, max, strategy);
      const total = lengths.reduce((a, b) => a + b, 0);
      const packed = r.bins.reduce((n, b) => n + b.length, 0);
      for (const b of r.bins) {
        expect(b.length).toBeLessThanOrEqual(max);
        expect(b.length).toBe(b.pieces.reduce((n, p) => n + p.length, 0));
        expect(b.pieces.every((p) => p.length > 0)).toBe(true);
      }
      expect(packed + r.dropped).toBe(total);
      expect(r.bins.length).toBeGreaterThanOrEqual(Math.ceil(packed / max));
      if (strategy === 'bfd') expect(r.dropped).toBe(lengths.reduce((n, l) => n + Math.max(0, l - max), 0));
      if (strategy === 'wrapped') expect(r.bins.slice(0, -1).every((b) => b.length === max)).toBe(true);
      else {
        // A later bin was opened because its first (largest) piece fit nowhere, so no two bins fit in one.
        for (let i = 0; i < r.bins.length; i++) for (let j = i + 1; j < r.bins.length; j++) expect(r.bins[i]!.length + r.bins[j]!.length).toBeGreaterThan(max);
      }
      // Every token of every sequence lands in exactly one piece (bfd: only its first `max` tokens).
      const seen = lengths.map((l) => new Array<number>(l).fill(0));
      for (const p of r.bins.flatMap((b) => b.pieces)) for (let k = p.start; k < p.start + p.length; k++) seen[p.index]![k]!++;
      seen.forEach((s, i) => s.forEach((c, k) => expect(c, `seq ${i} token ${k}`).toBe(strategy === 'bfd' && k >= max ? 0 : 1)));
    }));
  });

  it('flattenBins restarts positions for every piece of every bin', () => {
    const seqs = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10], [11]];
    const rows = flattenBins(seqs, binPack(seqs.map((s) => s.length), 4, 'bfd-requeue'));
    expect(rows.map((r) => r.inputIds)).toEqual([[1, 2, 3, 4], [8, 9, 10, 5], [6, 7, 11]]);
    expect(rows.map((r) => r.positionIds)).toEqual([[0, 1, 2, 3], [0, 1, 2, 0], [0, 1, 0]]);
  });
});

describe('the worked Llama-3 example, rebuilt from the bundled tokenizer', () => {
  const dir = path.resolve('public/tokenizers/llama3_1');
  const loaded = {
    tokenizer: createTokenizer(JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as TokenizerJson),
    config: JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer_config.json'), 'utf8')) as TokenizerConfigJson,
  };
  const lines = ['Hello', 'How are you?', 'Good morning'];

  it('padding costs 10 real tokens in 15 slots, 24 with pad_to_multiple_of=8; flattening and BFD as in the notes', async () => {
    const rust = RustTokenizer.fromFile(path.join(dir, 'tokenizer.json'));
    const ids = (await rust.encodeBatch(lines, { addSpecialTokens: true })).map((e) => e.getIds());
    const padded = padBatch(loaded, lines, { addSpecialTokens: true, padding: 'longest', paddingSide: 'right' });
    const lengths = padded.rows.map((r) => r.length);
    expect(lengths).toEqual(ids.map((x) => x.length));
    expect(paddedCost(lengths, padded.width)).toMatchObject({ realTokens: 10, slots: 15 });
    const eight = padBatch(loaded, lines, { addSpecialTokens: true, padding: 'longest', padToMultipleOf: 8 });
    expect(paddedCost(lengths, eight.width)).toMatchObject({ realTokens: 10, slots: 24 });

    const flat = flattenBatch(ids.map((inputIds) => ({ inputIds })));
    expect(flat.cuSeqLens).toEqual([0, 2, 7, 10]);
    expect(flat.maxLength).toBe(5);
    expect(flat.positionIds).toEqual([0, 1, 0, 1, 2, 3, 4, 0, 1, 2]);
    expect(flat.seqIdx).toEqual([0, 0, 1, 1, 1, 1, 1, 2, 2, 2]);
    // BFD at max_length 8: [How are you? + Good morning] and [Hello].
    expect(binPack(lengths, 8).bins.map((b) => b.pieces.map((p) => p.index))).toEqual([[1, 2], [0]]);
  });
});

describe('stats', () => {
  it('padded vs padding-free cells: B·L² vs Σlᵢ²', () => {
    const lengths = [2, 5, 3];
    const [padded, flat, packed] = compareStrategies(lengths, { packLength: 8 });
    expect(padded).toMatchObject({ rows: 3, width: 5, slots: 15, attentionCells: 3 * 25, usefulAttentionCells: 4 + 25 + 9 });
    expect(padded!.wastePercent).toBeCloseTo((100 * 5) / 15);
    expect(flat).toMatchObject({ rows: 1, slots: 10, wastePercent: 0, attentionCells: 38 });
    expect(packed).toMatchObject({ rows: 2, width: 8, slots: 10, attentionCells: 64 + 4, usefulAttentionCells: 38 });
    expect(paddedCost([])).toMatchObject({ slots: 0, wastePercent: 0 });
    expect(flattenedCost([])).toMatchObject({ slots: 0, attentionCells: 0 });
    expect(packedCost([], 4)).toMatchObject({ rows: 0, slots: 0 });
  });

  it('padded slots never hold fewer than the real tokens; useful cells never exceed computed ones (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 512 }), (lengths, packLength) => {
      for (const c of compareStrategies(lengths, { packLength })) {
        expect(c.slots).toBeGreaterThanOrEqual(c.realTokens);
        expect(c.attentionCells).toBeGreaterThanOrEqual(c.usefulAttentionCells);
        expect(c.wastePercent).toBeGreaterThanOrEqual(0);
      }
    }));
  });

  it('the seeded RNG is reproducible and the sampled lengths have about the asked mean', () => {
    const a = createRng(42), b = createRng(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
    for (const type of ['normal', 'lognormal', 'uniform'] as const) {
      const xs = sampleLengths(createRng(7), 20_000, { type, mean: 200, std: 40 });
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(Math.abs(mean - 200), type).toBeLessThan(3);
      expect(xs.every((x) => Number.isInteger(x) && x >= 1)).toBe(true);
    }
  });

  it('padding waste grows with length spread, and the curve is reproducible', () => {
    const options = { distribution: 'lognormal' as const, mean: 256, stds: [0, 64, 256], batchSize: 16, trials: 200, seed: 1 };
    const points = wasteVsSpread(options);
    expect(points[0]!.paddedWastePercent).toBe(0);
    expect(points[0]!.attentionRatio).toBeCloseTo(1);
    expect(points[1]!.paddedWastePercent).toBeLessThan(points[2]!.paddedWastePercent);
    expect(points[1]!.attentionRatio).toBeLessThan(points[2]!.attentionRatio);
    expect(wasteVsSpread(options)).toEqual(points);
  });
});
