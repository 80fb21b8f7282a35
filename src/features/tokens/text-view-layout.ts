/**
 * The text view's row layout for each result on screen. Large results arrive with their layout made in the worker
 * (`adoptTextViewLayout`), so the page does no pass over their tokens; small ones are laid out here, from the last
 * layout when the text was edited.
 */
import { relayoutRows, ROW_TOKENS, type LaidOut, type RowLayout, type TokenSpans } from '../../core/tokens/row-layout';
import { textEditBetween } from '../../lib/text-edits';

/** The page's layouts are of strings (the editor's text), which `textEditBetween` relates. */
type PageLaidOut = LaidOut & { text: string };

let lastLaidOut: PageLaidOut | null = null;
const laidOutBySpans = new WeakMap<TokenSpans, PageLaidOut>();

function remember(text: string, spans: TokenSpans, layout: RowLayout): RowLayout {
  lastLaidOut = { text, tokens: spans.ids.length, spans, layout, maxTokens: ROW_TOKENS };
  laidOutBySpans.set(spans, lastLaidOut);
  return layout;
}

/** The text view's layout of `spans` over `text`: the worker's when it sent one, else made from the last one. */
export function textViewLayout(text: string, spans: TokenSpans): RowLayout {
  const cached = laidOutBySpans.get(spans);
  if (cached && cached.text === text) return cached.layout;
  return remember(text, spans, relayoutRows(lastLaidOut, text, spans, ROW_TOKENS, lastLaidOut ? textEditBetween(lastLaidOut.text, text) : undefined));
}

/** A layout of `spans` made elsewhere (the worker, with `ROW_TOKENS`), to be used for them. */
export function adoptTextViewLayout(text: string, spans: TokenSpans, layout: RowLayout): void {
  remember(text, spans, layout);
}
