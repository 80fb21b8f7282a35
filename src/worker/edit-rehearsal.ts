/**
 * Right after a long text loads, its first edits took 50–80 ms where later ones take 10–30 (llama2, 1 MB, 2 cores):
 * V8 was compiling the edit path (chunk re-use, the in-place offset shift, the row re-layout) while it ran, and the
 * compiler threads took the cores the page and the worker needed. So once the worker is idle after a long text's
 * first result, it rehearses a few edits on a copy of the text's start, with a chunker and layouts of its own (the
 * real cache, previous text and layouts are untouched). Each step is a task of its own, and a new encode request
 * stops the rehearsal, so it never delays what the user asked for by more than a step (a few ms).
 */
import type { Tokenizer } from '../core/tokens/engine';
import type { TextSource } from '../core/text/text-source';
import { ChannelLayouts } from './channel-layouts';
import { editHeld, holdText, type HeldText } from './channel-texts';

/** Long enough to be encoded in several chunks, short enough that a step takes a few ms. */
const SAMPLE = 48 * 1024;
/** Edits at the start, the end and the middle, in turn (as the perf check and most typing do). */
const STEPS = 12;

export interface RehearsalInput {
  tokenizer: Pick<Tokenizer, 'withOwnChunker'>;
  text: TextSource;
  addSpecialTokens: boolean;
  maxTokens: number;
}

export class EditRehearsal {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Tokenizers (by id) whose rehearsal ran to the end: the code is compiled now, for any later text. */
  private readonly done = new Set<string>();

  /** Rehearses edits for `id` in the tasks that follow, unless it has been done or a request stops it. */
  start(id: string, input: RehearsalInput): void {
    this.stop();
    if (this.done.has(id) || input.text.length < SAMPLE) return;
    const encoder = input.tokenizer.withOwnChunker();
    const layouts = new ChannelLayouts();
    let held: HeldText = holdText(input.text.slice(0, SAMPLE), 0);
    let step = 0;
    const run = () => {
      if (step > 0) {
        const at = step % 3 === 1 ? 0 : step % 3 === 2 ? held.wellFormed.length : held.wellFormed.length >> 1;
        held = editHeld(held, { kind: 'edit', base: held.version, version: step, edit: { from: at, to: at, insert: 'zq '[step % 3]! } });
      }
      const result = encoder.encodeArrays(held.wellFormed, { addSpecialTokens: input.addSpecialTokens, withTokens: false, wellFormed: true });
      layouts.layout('rehearsal', held.wellFormed, result, input.maxTokens, result.reuse);
      if (++step <= STEPS) this.timer = setTimeout(run, 0);
      else this.done.add(id);
    };
    this.timer = setTimeout(run, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
