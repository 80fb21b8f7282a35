/**
 * Padding-free batches: transformers' `DataCollatorWithFlattening` (one row, no padding, boundaries carried by
 * position_ids / cu_seq_lens / seq_idx) and TRL's `pack_dataset` bin packing (best-fit decreasing).
 */
import { IGNORE_INDEX } from './pad';

export interface FlattenFeature {
  inputIds: number[];
  /** Defaults to `inputIds`, as the collator does when no labels are given. */
  labels?: number[];
}

export interface FlattenOptions {
  /** Replaces the first label of every sequence (default −100), so no loss crosses a boundary. */
  separatorId?: number;
  /** First position id of each sequence (default 0; 2 for RoBERTa-style offsets, transformers PR #47525). */
  positionIdsStart?: number;
}

export interface FlattenedBatch {
  inputIds: number[];
  labels: number[];
  /** Restart at `positionIdsStart` for every sequence. */
  positionIds: number[];
  /** For every token, the index of the feature it came from (`return_seq_idx=True`). */
  seqIdx: number[];
  /** `cu_seq_lens_q` = `cu_seq_lens_k`: cumulative lengths starting at 0 (`return_flash_attn_kwargs=True`). */
  cuSeqLens: number[];
  /** `max_length_q` = `max_length_k`: the longest sequence. */
  maxLength: number;
  /**
   * Features with no tokens. Upstream still appends `[separator_id]` for them (`[separator_id] + labels[1:]`), which
   * leaves labels one longer than input_ids; we add nothing so the arrays stay aligned, and list them here instead.
   */
  empty: number[];
}

/** `DataCollatorWithFlattening.__call__` with every optional output on (transformers data_collator.py). */
export function flattenBatch(features: FlattenFeature[], options: FlattenOptions = {}): FlattenedBatch {
  const separatorId = options.separatorId ?? IGNORE_INDEX;
  const start = options.positionIdsStart ?? 0;
  const out: FlattenedBatch = { inputIds: [], labels: [], positionIds: [], seqIdx: [], cuSeqLens: [0], maxLength: 0, empty: [] };
  features.forEach((f, seq) => {
    const n = f.inputIds.length;
    if (n === 0) out.empty.push(seq);
    const labels = f.labels ?? f.inputIds;
    for (let i = 0; i < n; i++) {
      out.inputIds.push(f.inputIds[i]!);
      out.labels.push(i === 0 ? separatorId : labels[i]!);
      out.positionIds.push(start + i);
      out.seqIdx.push(seq);
    }
    out.cuSeqLens.push(out.cuSeqLens[out.cuSeqLens.length - 1]! + n);
    out.maxLength = Math.max(out.maxLength, n);
  });
  return out;
}

/**
 * TRL `pack_dataset` strategies:
 * - `bfd`: keep the first `maxLength` tokens of a longer sequence, drop the rest.
 * - `bfd-requeue` (TRL's name; called `bfd_split` in some SFTConfig docs): cut it into `maxLength` fragments and pack those too.
 * - `wrapped`: concatenate everything and cut every `maxLength` tokens, ignoring boundaries.
 */
export type PackStrategy = 'bfd' | 'bfd-requeue' | 'wrapped';

/** Tokens `[start, start + length)` of sequence `index`. */
export interface PackedPiece {
  index: number;
  start: number;
  length: number;
}

export interface PackedBin {
  pieces: PackedPiece[];
  length: number;
}

export interface BinPackResult {
  bins: PackedBin[];
  /** Tokens `bfd` cut off sequences longer than `maxLength`. */
  dropped: number;
  /** Zero-length sequences: TRL's fragment loop yields nothing for them, so they are in no bin. */
  empty: number[];
}

export function binPack(lengths: number[], maxLength: number, strategy: PackStrategy = 'bfd'): BinPackResult {
  if (!Number.isInteger(maxLength) || maxLength <= 0) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  const empty = lengths.flatMap((n, i) => (n === 0 ? [i] : []));
  if (strategy === 'wrapped') return { bins: wrap(lengths, maxLength), dropped: 0, empty };
  // TRL `_pack_bfd`: split each row into fragments of at most maxLength; without requeue only the first one survives.
  const fragments: PackedPiece[] = [];
  let dropped = 0;
  lengths.forEach((n, index) => {
    for (let start = 0; start < n; start += maxLength) {
      if (strategy === 'bfd' && start > 0) { dropped += n - start; break; }
      fragments.push({ index, start, length: Math.min(maxLength, n - start) });
    }
  });
  // Arrow's sort is stable, so equal lengths keep their original order.
  const order = fragments.map((_, i) => i).sort((a, b) => fragments[b]!.length - fragments[a]!.length || a - b);
  // Best fit: the bin with the least room that still fits; among equal room, the one that reached it first
  // (TRL keeps a FIFO deque per remaining space and a segment tree over the spaces).
  const bySpace = new Map<number, PackedBin[]>();
  const bins: PackedBin[] = [];
  for (const f of order.map((i) => fragments[i]!)) {
    let best = -1;
    for (const space of bySpace.keys()) if (space >= f.length && space > 0 && (best < 0 || space < best)) best = space;
    let bin: PackedBin;
    if (best >= 0) {
      const queue = bySpace.get(best)!;
      bin = queue.shift()!;
      if (queue.length === 0) bySpace.delete(best);
    } else {
      bin = { pieces: [], length: 0 };
      bins.push(bin);
    }
    bin.pieces.push(f);
    bin.length += f.length;
    const space = maxLength - bin.length;
    if (space > 0) bySpace.set(space, [...(bySpace.get(space) ?? []), bin]);
  }
  return { bins, dropped, empty };
}

/** TRL `_pack_wrapped`: one stream cut every `maxLength` tokens. */
function wrap(lengths: number[], maxLength: number): PackedBin[] {
  const bins: PackedBin[] = [];
  let bin: PackedBin = { pieces: [], length: 0 };
  lengths.forEach((n, index) => {
    let start = 0;
    while (start < n) {
      const take = Math.min(n - start, maxLength - bin.length);
      bin.pieces.push({ index, start, length: take });
      bin.length += take;
      start += take;
      if (bin.length === maxLength) { bins.push(bin); bin = { pieces: [], length: 0 }; }
    }
  });
  if (bin.length > 0) bins.push(bin);
  return bins;
}

/** Each bin as one flattened row: what a padding-free collator feeds the model after packing. */
export function flattenBins(sequences: number[][], packed: BinPackResult, options: FlattenOptions = {}): FlattenedBatch[] {
  return packed.bins.map((bin) => flattenBatch(
    bin.pieces.map((p) => ({ inputIds: sequences[p.index]!.slice(p.start, p.start + p.length) })),
    options,
  ));
}
