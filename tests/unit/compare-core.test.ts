import { describe, expect, it } from 'vitest';
import {
  BETTER,
  SpanIndex,
  bestIndices,
  boundaryDiff,
  compareStats,
  countWords,
  countWordsInSteps,
  cutPositions,
  groupIds,
  measureText,
  multiCharCoverage,
  sortRows,
  tokensAtBoundary,
  type CompareStats,
} from '../../src/core/tokens/compare';
import { SAMPLE_TEXTS } from '../../src/core/tokens/samples';
import { MAX_URL_TEXT_LENGTH } from '../../src/lib/url-state';
import type { TokenArrays } from '../../src/core/tokens/spans';

const enc = new TextEncoder();

/** Token arrays from `[start, end, special?]` spans; ids count up from 100 unless a special one is 1. */
function tokensOf(text: string, spans: Array<[number, number, boolean?]>): TokenArrays {
  const pieces = spans.map(([s, e]) => enc.encode(text.slice(s, e)));
  const byteOffsets = new Int32Array(spans.length + 1);
  pieces.forEach((p, i) => (byteOffsets[i + 1] = byteOffsets[i]! + p.length));
  const bytes = new Uint8Array(byteOffsets[spans.length]!);
  pieces.forEach((p, i) => bytes.set(p, byteOffsets[i]!));
  return {
    ids: Int32Array.from(spans, ([, , sp], i) => (sp ? 1 : 100 + i)),
    starts: Int32Array.from(spans, ([s]) => s),
    ends: Int32Array.from(spans, ([, e]) => e),
    special: Uint8Array.from(spans, ([, , sp]) => (sp ? 1 : 0)),
    tokens: spans.map(([s, e]) => text.slice(s, e)),
    bytes,
    byteOffsets,
  };
}

describe('words (Intl.Segmenter, isWordLike)', () => {
  it('counts letters and numbers, not spaces or punctuation', () => {
    expect(countWords('Hello, world! 3.14 is pi.')).toBe(5);
    expect(countWords('')).toBe(0);
    expect(countWords('  ...  ')).toBe(0);
    expect(countWords("don't stop")).toBe(2);
  });

  it('splits Chinese by dictionary and counts emoji as no word', () => {
    expect(countWords('我们今天学习')).toBeGreaterThanOrEqual(3);
    expect(countWords('🙂 🚀')).toBe(0);
  });

  it('gives the same count in small steps as in one go, and yields between steps', () => {
    const text = 'The quick brown fox jumps over the lazy dog. 自然言語処理 '.repeat(200);
    const steps = countWordsInSteps(text, 300);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    expect(yields).toBeGreaterThan(5);
    expect(step.value).toBe(countWords(text));
    expect(step.value).toBe(countWordsInSteps(text, 100_000).next().value);
  });
});

describe('compare stats', () => {
  const text = 'Hello world 🙂';
  //          0....5.....11 12(2 units)
  const tokens = tokensOf(text, [
    [0, 0, true],
    [0, 5],
    [5, 11],
    [11, 12],
    [12, 14],
    [12, 14],
  ]);

  it('computes per-token ratios from code points, UTF-8 bytes and words', () => {
    const m = measureText(text, countWords(text));
    expect(m).toEqual({ characters: 13, utf8Bytes: 16, words: 2 });
    const s = compareStats(text, m, tokens, 50257);
    expect(s.tokens).toBe(6);
    expect(s.charsPerToken).toBeCloseTo(13 / 6);
    expect(s.bytesPerToken).toBeCloseTo(16 / 6);
    expect(s.wordsPerToken).toBeCloseTo(2 / 6);
    expect(s.tokensPerWord).toBe(3);
    expect(s.vocabSize).toBe(50257);
  });

  it('multi-character coverage ignores single characters, split emoji and inserted tokens', () => {
    // "Hello" and " world" cover 11 of 13 code points; the space and the emoji are single characters.
    expect(multiCharCoverage(text, tokens)).toBeCloseTo(11 / 13);
    expect(multiCharCoverage('ab', tokensOf('ab', [[0, 1], [1, 2]]))).toBe(0);
    expect(multiCharCoverage('', tokensOf('', []))).toBe(0);
    // Uncovered text (BERT drops spaces) counts as not covered.
    expect(multiCharCoverage('ab cd', tokensOf('ab cd', [[0, 2], [3, 5]]))).toBeCloseTo(4 / 5);
  });

  it('leaves words-based ratios empty while words are still being counted, and for an empty text', () => {
    const s = compareStats(text, measureText(text, null), tokens, null);
    expect(s.wordsPerToken).toBeNull();
    expect(s.tokensPerWord).toBeNull();
    const empty = compareStats('', measureText('', 0), tokensOf('', []), 10);
    expect(empty).toMatchObject({ tokens: 0, charsPerToken: null, bytesPerToken: null, tokensPerWord: null, multiCharShare: null });
  });

  it('marks the best value per column, with ties, and none for vocabulary size', () => {
    expect(bestIndices([10, 8, 8, null], BETTER.tokens)).toEqual([1, 2]);
    expect(bestIndices([3.1, 4.2, 4.0], BETTER.charsPerToken)).toEqual([1]);
    expect(bestIndices([50257, 128256], BETTER.vocabSize)).toEqual([]);
    expect(bestIndices([5, null], 'min')).toEqual([]);
  });

  it('sorts rows by a column, missing values last', () => {
    const rows = [{ tokens: 5 }, null, { tokens: 3 }, { tokens: 9 }] as Array<CompareStats | null>;
    expect(sortRows(rows, 'tokens', 'asc')).toEqual([2, 0, 3, 1]);
    expect(sortRows(rows, 'tokens', 'desc')).toEqual([3, 0, 2, 1]);
    expect(sortRows(rows, null, 'asc')).toEqual([0, 1, 2, 3]);
  });
});

describe('boundary diff', () => {
  const text = 'Hello world!';
  // A: "Hello" " world" "!"; B (BERT-like, drops the space): "Hello" "world" "!"; C: "Hel" "lo" " world!"
  const a = tokensOf(text, [[0, 0, true], [0, 5], [5, 11], [11, 12]]);
  const b = tokensOf(text, [[0, 5], [6, 11], [11, 12]]);
  const c = tokensOf(text, [[0, 3], [3, 5], [5, 12]]);

  it('lists each tokenizer’s inner cuts, sorted and unique', () => {
    expect(Array.from(cutPositions(text.length, a))).toEqual([5, 11]);
    expect(Array.from(cutPositions(text.length, b))).toEqual([5, 6, 11]);
    expect(Array.from(cutPositions(text.length, c))).toEqual([3, 5]);
  });

  it('marks positions where some but not all cut, with who cuts', () => {
    const diff = boundaryDiff(text.length, [a, b, c].map((t) => cutPositions(text.length, t)));
    expect(Array.from(diff.positions)).toEqual([3, 6, 11]);
    expect(Array.from(diff.cutBy)).toEqual([0b100, 0b010, 0b011]);
    expect(diff.shared).toBe(1); // 5
  });

  it('finds each tokenizer’s token at a position', () => {
    const ia = new SpanIndex(a);
    const ic = new SpanIndex(c);
    const atA = tokensAtBoundary(ia, 11);
    expect(atA.cuts).toBe(true);
    expect(atA.before).toMatchObject({ start: 5, end: 11 });
    expect(atA.after).toMatchObject({ start: 11, end: 12 });
    const atC = tokensAtBoundary(ic, 11);
    expect(atC.cuts).toBe(false);
    expect(atC.before).toBe(atC.after);
    expect(atC.before).toMatchObject({ start: 5, end: 12 });
    const gap = tokensAtBoundary(new SpanIndex(b), 6);
    expect(gap.before).toBeNull(); // the space is no token's
    expect(gap.after).toMatchObject({ start: 6, end: 11 });
  });

  it('groups byte tokens that share one character', () => {
    const t = 'a🙂';
    const tokens = tokensOf(t, [[0, 1], [1, 3], [1, 3]]);
    const group = new SpanIndex(tokens).covering(2)!;
    expect(group).toMatchObject({ first: 1, last: 3, start: 1, end: 3 });
    expect(groupIds(tokens, group)).toEqual([101, 102]);
    expect(new SpanIndex(tokens).covering(5)).toBeNull();
  });
});

describe('samples', () => {
  it('has the workshop set, each short enough for a link', () => {
    expect(SAMPLE_TEXTS.map((s) => s.id)).toEqual(['prose', 'code', 'cjk', 'emoji', 'numbers', 'chat']);
    for (const s of SAMPLE_TEXTS) {
      expect(s.text.length).toBeGreaterThan(20);
      expect(s.text.length).toBeLessThan(MAX_URL_TEXT_LENGTH);
      expect(s.text.isWellFormed()).toBe(true);
    }
  });
});
