/**
 * Right after a long text loads, its first edits took 50–80 ms where later ones take 10–30 (llama2, 1 MB, 2 cores):
 * V8 was compiling the edit path (chunk re-use, the in-place offset shift, the row re-layout) while it ran, and the
 * compiler threads took the cores the page and the worker needed. So once the worker is idle after a tokenizer's
 * first result, it rehearses a few edits of a long text with a chunker and layouts of its own (the real cache,
 * previous text and layouts are untouched). That is early on purpose: compiling goes on in the background after the
 * rehearsal, and a rehearsal right after a long text loads was still being compiled during the first edit. So it
 * runs once per tokenizer, right after its first result (the text shown on start-up, or the first after a switch),
 * in one task of at most `BUDGET_MS`: the only cost a user can see is a keystroke typed in that moment waiting for it.
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

interface Rehearsing {
  id: string;
  encoder: Pick<Tokenizer, 'encodeArrays'>;
  layouts: ChannelLayouts;
  held: HeldText;
  step: number;
  input: RehearsalInput;
}

export interface RehearsalTiming {
  /** Work done in one task at most; the rest continues after the next result. */
  budgetMs: number;
  now: () => number;
}

export class EditRehearsal {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Tokenizers (by id) whose rehearsal ran to the end: the code is compiled now, for any later text. */
  private readonly done = new Set<string>();
  /** A rehearsal the budget cut short, continued by the next `start` for the same tokenizer. */
  private current: Rehearsing | null = null;

  constructor(private readonly timing: RehearsalTiming = { budgetMs: BUDGET_MS, now: () => performance.now() }) {}

  /**
   * Rehearses edits for `id` in the next task (so after the reply that triggered it has gone), unless that has been
   * done. The work runs in one task, not one per step: a request the page sends next, such as a file it loads,
   * must come after the rehearsal, so that the compiling it sets off is over by the time the user edits.
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

  private run(id: string, input: RehearsalInput): void {
    const deadline = this.timing.now() + this.timing.budgetMs;
    const r = this.current?.id === id ? this.current : (this.current = {
      id,
      encoder: input.tokenizer.withOwnChunker(),
      layouts: new ChannelLayouts(),
      held: holdText(sampleOf(input.text), 0),
      step: 0,
      input,
    });
    while (r.step <= STEPS && this.timing.now() < deadline) {
      if (r.step > 0) {
        const length = r.held.wellFormed.length;
        const at = r.step % 3 === 1 ? 0 : r.step % 3 === 2 ? length : length >> 1;
        r.held = editHeld(r.held, { kind: 'edit', base: r.held.version, version: r.step, edit: { from: at, to: at, insert: 'zq '[r.step % 3]! } });
      }
      const result = r.encoder.encodeArrays(r.held.wellFormed, { addSpecialTokens: r.input.addSpecialTokens, withTokens: false, wellFormed: true });
      r.layouts.layout('rehearsal', r.held.wellFormed, result, r.input.maxTokens, result.reuse);
      r.step++;
    }
    if (r.step > STEPS) {
      this.done.add(id);
      this.current = null;
    }
  }
}
