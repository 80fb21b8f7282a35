/**
 * Right after a long text loads, its first edits took 50–80 ms where later ones take 10–30 (llama2, 1 MB, 2 cores):
 * V8 was compiling the edit path (chunk re-use, the in-place offset shift, the row re-layout) while it ran, and the
 * compiler threads took the cores the page and the worker needed. So the worker rehearses a dozen edits of a long
 * text with a chunker and layouts of its own (the real cache, previous text and layouts are untouched), once per
 * tokenizer, right after its first result (the text shown on start-up, or the first after a switch). Early on
 * purpose: compiling goes on in the background after the rehearsal, and a rehearsal run after a long text had
 * loaded was still being compiled during the first edit. It is one worker task of at most `BUDGET_MS` (the page
 * stays responsive); the only cost a user can see is a keystroke typed in that moment waiting for it.
 * What it compiles lasts because the worker made its first typed-array transfers at start-up
 * (`transferTypedArraysOnce` in protocol.ts); before that, the first large result threw it away.
 */
import type { Tokenizer } from '../core/tokens/engine';
import type { TextSource } from '../core/text/text-source';
import { SAMPLE_TEXTS } from '../core/tokens/samples';
import { ChannelLayouts } from './channel-layouts';
import { editHeld, holdText, type HeldText } from './channel-texts';

/** Long enough to be encoded in several chunks, short enough that a step takes a few ms. */
const SAMPLE = 48 * 1024;
/** Edits at the start, the end and the middle, in turn (as the perf check and most typing do). */
const STEPS = 12;
/** ~13 steps take 40–100 ms on these machines while the code is cold. */
const BUDGET_MS = 120;

/**
 * A long text to rehearse on: the start of the user's text when it is long enough, else the app's sample texts in
 * turn (numbered, so that no two chunks are the same text and the chunk cache does not skip the work).
 */
export function sampleOf(text: TextSource): string {
  if (text.length >= SAMPLE) return text.slice(0, SAMPLE);
  let sample = '';
  for (let i = 0; sample.length < SAMPLE; i++) sample += `${SAMPLE_TEXTS[i % SAMPLE_TEXTS.length]!.text} ${i}${i % 3 ? ' ' : '\n'}`;
  return sample.slice(0, SAMPLE).toWellFormed();
}

export interface RehearsalInput {
  tokenizer: Pick<Tokenizer, 'withOwnChunker'>;
  text: TextSource;
  addSpecialTokens: boolean;
  maxTokens: number;
}

export interface RehearsalTiming {
  /** Work done at most: the rehearsal stops there. */
  budgetMs: number;
  now: () => number;
}

export class EditRehearsal {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Tokenizers (by id) rehearsed already: the code is compiled now, for any later text. */
  private readonly done = new Set<string>();

  constructor(private readonly timing: RehearsalTiming = { budgetMs: BUDGET_MS, now: () => performance.now() }) {}

  /**
   * Rehearses edits for `id` in the next task (so after the reply that triggered it has gone), once per tokenizer.
   * The work runs in one task, not one per step: a request the page sends next, such as a file it loads, must come
   * after the rehearsal, so that the compiling it sets off is over by the time the user edits. What does not fit in
   * the budget (a slow machine) is left out rather than continued later, when it would delay the user's requests.
   */
  start(id: string, input: RehearsalInput): void {
    this.stop();
    if (this.done.has(id)) return;
    this.timer = setTimeout(() => this.run(id, input), 0);
  }

  /** Drops a rehearsal that has not started yet (the page is typing: its edit comes first). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(id: string, { tokenizer, text, addSpecialTokens, maxTokens }: RehearsalInput): void {
    this.done.add(id);
    const encoder = tokenizer.withOwnChunker();
    // A tokenizer that encodes long texts whole has no edit path to compile.
    if (!encoder) return;
    const deadline = this.timing.now() + this.timing.budgetMs;
    const layouts = new ChannelLayouts();
    let held: HeldText = holdText(sampleOf(text), 0);
    for (let step = 0; step <= STEPS && this.timing.now() < deadline; step++) {
      if (step > 0) {
        const length = held.wellFormed.length;
        const at = step % 3 === 1 ? 0 : step % 3 === 2 ? length : length >> 1;
        held = editHeld(held, { kind: 'edit', base: held.version, version: step, edit: { from: at, to: at, insert: 'zq '[step % 3]! } });
      }
      const result = encoder.encodeArrays(held.wellFormed, { addSpecialTokens, withTokens: false, wellFormed: true });
      layouts.layout('rehearsal', held.wellFormed, result, maxTokens, result.reuse);
    }
  }
}
