/**
 * What each batching strategy costs: token slots computed vs real tokens, and attention score cells.
 * Attention is counted as full L×L squares (no causal halving) so the ratios read the same for encoders and decoders.
 */
import { binPack, type PackStrategy } from './pack';

export type StrategyName = 'padded' | 'flattened' | 'packed';

export interface StrategyCost {
  strategy: StrategyName;
  rows: number;
  /** Row width (the longest row for flattened / packed). */
  width: number;
  realTokens: number;
  /** Token positions the model runs: rows × width when padded; only real tokens when padding-free. */
  slots: number;
  /** (slots − real) / slots, in percent; 0 for an empty batch. */
  wastePercent: number;
  /** Score cells a dense kernel computes: B·L² padded, Σ bin² for packed rows without a varlen kernel. */
  attentionCells: number;
  /** Σ lᵢ²: the cells that matter, and what a varlen (FlashAttention cu_seq_lens) kernel computes. */
  usefulAttentionCells: number;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const sumSq = (xs: number[]): number => xs.reduce((a, b) => a + b * b, 0);
const waste = (real: number, slots: number): number => (slots === 0 ? 0 : (100 * (slots - real)) / slots);

/** A padded batch: every row `width` long (the longest, max_length, or rounded up to a multiple). */
export function paddedCost(lengths: number[], width: number = Math.max(0, ...lengths)): StrategyCost {
  const rows = lengths.length, slots = rows * width, real = sum(lengths);
  return { strategy: 'padded', rows, width, realTokens: real, slots, wastePercent: waste(real, slots), attentionCells: rows * width * width, usefulAttentionCells: sumSq(lengths) };
}

/** `DataCollatorWithFlattening`: one row of Σlᵢ tokens; with cu_seq_lens the kernel computes only the diagonal blocks. */
export function flattenedCost(lengths: number[]): StrategyCost {
  const real = sum(lengths), useful = sumSq(lengths);
  return { strategy: 'flattened', rows: 1, width: real, realTokens: real, slots: real, wastePercent: 0, attentionCells: useful, usefulAttentionCells: useful };
}

/**
 * TRL packing into `maxLength` bins, each bin fed padding-free: no padded slots, and `attentionCells` is what a dense
 * kernel would compute over each bin (Σ bin²: the cross-sequence cells that leak without FlashAttention, trl#1230).
 */
export function packedCost(lengths: number[], maxLength: number, strategy: PackStrategy = 'bfd'): StrategyCost {
  const packed = binPack(lengths, maxLength, strategy);
  const pieces = packed.bins.flatMap((b) => b.pieces.map((p) => p.length));
  const binLengths = packed.bins.map((b) => b.length);
  const real = sum(binLengths);
  return {
    strategy: 'packed', rows: packed.bins.length, width: Math.max(0, ...binLengths), realTokens: real, slots: real,
    wastePercent: 0, attentionCells: sumSq(binLengths), usefulAttentionCells: sumSq(pieces),
  };
}

/** The three side by side for one batch. */
export function compareStrategies(lengths: number[], options: { width?: number; packLength: number; packStrategy?: PackStrategy }): StrategyCost[] {
  return [paddedCost(lengths, options.width), flattenedCost(lengths), packedCost(lengths, options.packLength, options.packStrategy)];
}

/** mulberry32: tiny, fast, and the same sequence for the same seed on every engine. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LengthDistribution {
  type: 'normal' | 'lognormal' | 'uniform';
  mean: number;
  std: number;
}

/** Integer lengths ≥ 1 with roughly the given mean and standard deviation (lognormal: long right tail, like real corpora). */
export function sampleLengths(rng: () => number, count: number, dist: LengthDistribution): number[] {
  const gauss = (): number => {
    // Box–Muller; 1 − u keeps log away from 0.
    const u = 1 - rng(), v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const draw = (): number => {
    switch (dist.type) {
      case 'normal': return dist.mean + dist.std * gauss();
      case 'uniform': return dist.mean + dist.std * Math.sqrt(3) * (2 * rng() - 1);
      case 'lognormal': {
        const s2 = Math.log(1 + (dist.std * dist.std) / (dist.mean * dist.mean));
        return Math.exp(Math.log(dist.mean) - s2 / 2 + Math.sqrt(s2) * gauss());
      }
      default: { const never: never = dist.type; throw new Error(`Unknown distribution ${String(never)}`); }
    }
  };
  return Array.from({ length: count }, () => Math.max(1, Math.round(draw())));
}

export interface ScalingPoint {
  std: number;
  /** Mean over trials of the padded batch's waste (padding to the longest in the batch). */
  paddedWastePercent: number;
  /** Mean over trials of B·L² / Σlᵢ²: how many more attention cells padding computes than padding-free. */
  attentionRatio: number;
}

/** Waste of padding-to-longest as length spread grows, at a fixed mean; seeded, so a workshop slide is reproducible. */
export function wasteVsSpread(options: { distribution: LengthDistribution['type']; mean: number; stds: number[]; batchSize: number; trials: number; seed: number }): ScalingPoint[] {
  const rng = createRng(options.seed);
  return options.stds.map((std) => {
    let wasteTotal = 0, ratioTotal = 0;
    for (let t = 0; t < options.trials; t++) {
      const cost = paddedCost(sampleLengths(rng, options.batchSize, { type: options.distribution, mean: options.mean, std }));
      wasteTotal += cost.wastePercent;
      ratioTotal += cost.attentionCells / cost.usefulAttentionCells;
    }
    return { std, paddedWastePercent: wasteTotal / options.trials, attentionRatio: ratioTotal / options.trials };
  });
}
