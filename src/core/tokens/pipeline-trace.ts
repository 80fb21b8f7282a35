/**
 * What each stage of the pipeline makes of a text: normalized text (with the changed pieces marked), the
 * pre-tokenizer's words, then the model's tokens. Built from the engine's own building blocks, so the trace is the
 * pipeline `encode` runs, stopped after each stage (the post-processor's inserted tokens are not part of it).
 */
import type { TokenizerJson } from './tokenizer-json';
import { AddedVocabulary } from './engine/added-vocabulary';
import { createNormalizer } from './engine/normalizers';
import { createPreTokenizer } from './engine/pre-tokenizers';
import { createModel } from './engine/models';
import type { Split } from './engine/pre-tokenized';
import type { NormalizedString } from './engine/normalized-string';
import { WHOLE_TEXT } from './engine/context';

export interface NormalizedSegment {
  /** Normalized text of this piece ('' when the normalizer deleted the original). */
  text: string;
  /** Original `[start, end)` in UTF-16 units of the input. */
  start: number;
  end: number;
  changed: boolean;
  /** An added token matched before normalization (never normalized). */
  added: boolean;
}

export interface TraceWord {
  text: string;
  start: number;
  end: number;
  added: boolean;
}

export interface TraceToken {
  id: number;
  token: string;
  start: number;
  end: number;
  /** Index into `words` of the word this token came from. */
  word: number;
}

export interface PipelineTrace {
  normalized: NormalizedSegment[];
  words: TraceWord[];
  tokens: TraceToken[];
}

function segmentsOf(n: NormalizedString, original: string, added: boolean, out: NormalizedSegment[]): void {
  if (added) {
    out.push({ text: n.s, start: n.originalStart, end: n.originalEnd, changed: false, added: true });
    return;
  }
  let cursor = n.originalStart;
  let i = 0;
  while (i < n.s.length) {
    const start = n.starts[i]!;
    const end = n.ends[i]!;
    if (start > cursor) out.push({ text: '', start: cursor, end: start, changed: true, added: false });
    let j = i + 1;
    while (j < n.s.length && n.starts[j] === start && n.ends[j] === end) j++;
    const text = n.s.slice(i, j);
    const changed = text !== original.slice(start, end);
    const last = out[out.length - 1];
    // Runs of unchanged characters read better as one piece.
    if (!changed && last && !last.changed && !last.added && last.end === start) {
      last.text += text;
      last.end = end;
    } else out.push({ text, start, end, changed, added: false });
    cursor = Math.max(cursor, end);
    i = j;
  }
  if (cursor < n.originalEnd) out.push({ text: '', start: cursor, end: n.originalEnd, changed: true, added: false });
}

export function createPipelineTracer(json: TokenizerJson): (text: string) => PipelineTrace {
  const normalizer = json.normalizer ? createNormalizer(json.normalizer) : null;
  const preTokenizer = json.pre_tokenizer ? createPreTokenizer(json.pre_tokenizer) : null;
  const model = createModel(json.model);
  const added = new AddedVocabulary(json.added_tokens ?? [], normalizer);
  return (raw) => {
    const text = raw.toWellFormed();
    const splits: Split[] = added.extractAndNormalize(text, normalizer);
    const normalized: NormalizedSegment[] = [];
    for (const s of splits) segmentsOf(s.n, text, s.tokens !== null, normalized);
    const words = preTokenizer ? preTokenizer(splits, WHOLE_TEXT) : splits;
    const traceWords: TraceWord[] = [];
    const tokens: TraceToken[] = [];
    words.forEach((w, word) => {
      const [start, end] = w.n.originalRange(0, w.n.length);
      traceWords.push({ text: w.n.s, start, end, added: w.tokens !== null });
      for (const t of w.tokens ?? model.tokenize(w.n.s)) {
        const [ts, te] = w.n.originalRange(t.start, t.end);
        tokens.push({ id: t.id, token: t.value, start: ts, end: te, word });
      }
    });
    return { normalized, words: traceWords, tokens };
  };
}
