/**
 * Page side of `worker/channel-texts.ts`: remembers the last text sent on each channel, so the next one goes as an
 * edit to it. Versions only ever grow, so a worker that missed a text (restarted, or refused an edit) can tell.
 */
import type { TextPayload } from '../worker/protocol';
import { textEditBetween } from './text-edits';

export class TextSender {
  private readonly sent = new Map<string, { version: number; text: string }>();
  private nextVersion = 1;

  /** What to send for `text` on `channel` (whole when there is no channel or nothing sent on it yet). */
  payload(channel: string | undefined, text: string): TextPayload {
    const version = this.nextVersion++;
    if (channel === undefined) return { kind: 'full', text, version };
    const last = this.sent.get(channel);
    this.sent.set(channel, { version, text });
    if (!last) return { kind: 'full', text, version };
    return { kind: 'edit', base: last.version, version, edit: textEditBetween(last.text, text) };
  }

  /** The worker no longer holds what was sent on `channel`: the next text goes whole. */
  forget(channel: string | undefined): void {
    if (channel !== undefined) this.sent.delete(channel);
  }
}
