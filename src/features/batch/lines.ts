/**
 * Which lines of the textarea are sequences, and synthetic batches for the scaling demo.
 * Empty lines are skipped (a trailing newline adds no sequence); a line of spaces is a sequence, as it would be in
 * Python (`tokenizer(["  "])` gives its own row).
 */
import { createRng, sampleLengths, type LengthDistribution } from '../../core/batch';

export const DEFAULT_BATCH_TEXT = 'Hello\nHow are you?\nGood morning';

export interface SplitLines {
  lines: string[];
  skippedEmpty: number;
}

export function splitLines(text: string): SplitLines {
  const all = text.split(/\r?\n/);
  const lines = all.filter((l) => l !== '');
  return { lines, skippedEmpty: all.length - lines.length };
}

const WORDS = (
  'the model reads every token once and learns to predict the next one from what came before so padding ' +
  'costs compute without teaching anything while packing keeps the batch dense and fast on real hardware'
).split(' ');

/** `count` lines whose word counts follow `dist` (seeded, so the same button press gives the same batch). */
export function generateLines(count: number, dist: LengthDistribution, seed = 1): string {
  const rng = createRng(seed);
  const lengths = sampleLengths(rng, count, dist);
  return lengths
    .map((n) => {
      const words: string[] = [];
      for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rng() * WORDS.length)]!);
      const line = words.join(' ');
      return line.charAt(0).toUpperCase() + line.slice(1) + '.';
    })
    .join('\n');
}

/** Mean and standard deviation of the real lengths. */
export function spreadOf(lengths: number[]): { mean: number; std: number } {
  if (lengths.length === 0) return { mean: 0, std: 0 };
  const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const variance = lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / lengths.length;
  return { mean, std: Math.sqrt(variance) };
}
