/**
 * The text view's row layout per channel, made in the worker beside the tokens. After an edit the engine says which
 * tokens stayed (`ChunkReuse`), so the layout starts from the previous one without comparing ~250k tokens, and the
 * page gets rows it only has to draw.
 */
import type { ChunkReuse } from '../core/tokens/engine';
import type { TextSource } from '../core/text/text-source';
import { layoutRows, relayoutRows, type LaidOut, type RowLayout, type TokenSpans } from '../core/tokens/row-layout';

interface ChannelLayout {
  laidOut: LaidOut;
  /** The engine encode the layout is of; a later encode's `reuse` applies only when it follows this one. */
  encode: number | null;
}

/** A copy trimmed to `count`, for transfer; the worker keeps the original to start the next layout from. */
function trimmed(layout: RowLayout): RowLayout {
  const { count } = layout;
  return {
    count,
    tokenFrom: layout.tokenFrom.slice(0, count),
    tokenTo: layout.tokenTo.slice(0, count),
    textFrom: layout.textFrom.slice(0, count),
    textTo: layout.textTo.slice(0, count),
  };
}

export function layoutTransfer(layout: RowLayout): Transferable[] {
  return [layout.tokenFrom.buffer, layout.tokenTo.buffer, layout.textFrom.buffer, layout.textTo.buffer];
}

export class ChannelLayouts {
  private readonly byChannel = new Map<string, ChannelLayout>();

  /**
   * The rows of `spans` over `text` (a trimmed copy), from the channel's previous layout when `reuse` relates the two
   * encodes, else from scratch. Without a channel nothing is remembered.
   */
  layout(channel: string | undefined, text: TextSource, spans: TokenSpans, maxTokens: number, reuse: ChunkReuse | undefined): RowLayout {
    const prev = channel === undefined ? undefined : this.byChannel.get(channel);
    const follows = prev !== undefined && reuse !== undefined && reuse.previous !== null && reuse.previous === prev.encode;
    const layout = follows
      ? relayoutRows(prev.laidOut, text, spans, maxTokens, { from: reuse.from, to: reuse.to }, { prefix: reuse.prefixTokens, suffix: reuse.suffixTokens })
      : layoutRows(text, spans, maxTokens);
    if (channel !== undefined) this.byChannel.set(channel, { laidOut: { text, tokens: spans.ids.length, layout, maxTokens }, encode: reuse?.encode ?? null });
    return trimmed(layout);
  }
}
