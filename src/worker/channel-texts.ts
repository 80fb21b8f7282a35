/**
 * The texts the worker holds per channel, so the page sends an edit per keystroke instead of the whole text: a
 * 1 MB string costs the page ~4 ms to post and the worker as much to receive, on every keystroke.
 * The worker keeps the text well-formed (what it tokenizes) with its counts, and updates both from the edited region
 * only, so an edit to 1 MB costs microseconds here, not an O(n) pass. The texts are `BlockText`s: an edit makes a
 * new block, not a new 2 MB string to collect later.
 */
import { codePointLength, utf8Length } from '../core/tokens/bytes';
import { BlockText } from '../core/text/block-text';
import type { TextPayload } from './protocol';
import { LoadError } from './read-body';
import { isHighSurrogate, isLowSurrogate } from '../core/text/utf16';

export interface HeldText {
  version: number;
  /** Lone surrogates replaced by U+FFFD: same length, so offsets into it are offsets into the page's text. */
  wellFormed: BlockText;
  /** The page's text when it differs from `wellFormed` (it has lone surrogates), else null. */
  raw: BlockText | null;
  characters: number;
  utf8Bytes: number;
}


export function holdText(text: string, version: number): HeldText {
  const wellFormed = text.toWellFormed();
  return {
    version,
    wellFormed: BlockText.of(wellFormed),
    raw: wellFormed === text ? null : BlockText.of(text),
    characters: codePointLength(wellFormed),
    utf8Bytes: utf8Length(wellFormed),
  };
}

/**
 * `held` after the page's edit. The region re-made is the edit widened by a surrogate on either side that could pair
 * (or stop pairing) with what the edit put next to it: outside that region every character, and so its
 * well-formed form and its counts, is what it was.
 */
export function editHeld(held: HeldText, payload: Extract<TextPayload, { kind: 'edit' }>): HeldText {
  const { from, to, insert } = payload.edit;
  const raw = held.raw ?? held.wellFormed;
  if (from < 0 || to < from || to > raw.length) throw new LoadError('The text edit does not fit the text the worker holds.', 'resync');
  const regionFrom = from > 0 && isHighSurrogate(raw.charCodeAt(from - 1)) ? from - 1 : from;
  const oldRegionTo = to < raw.length && isLowSurrogate(raw.charCodeAt(to)) ? to + 1 : to;
  const rawRegion = raw.slice(regionFrom, from) + insert + raw.slice(to, oldRegionTo);
  const wellFormedRegion = rawRegion.toWellFormed();
  const oldRegion = held.wellFormed.slice(regionFrom, oldRegionTo);
  return {
    version: payload.version,
    wellFormed: held.wellFormed.edit(regionFrom, oldRegionTo, wellFormedRegion),
    raw: held.raw === null && wellFormedRegion === rawRegion ? null : raw.edit(regionFrom, oldRegionTo, rawRegion),
    characters: held.characters - codePointLength(oldRegion) + codePointLength(wellFormedRegion),
    utf8Bytes: held.utf8Bytes - utf8Length(oldRegion) + utf8Length(wellFormedRegion),
  };
}

/** The worker's texts by channel (one instance per worker; a restarted worker starts with none). */
export class ChannelTexts {
  private readonly held = new Map<string, HeldText>();

  /**
   * The text a request is about, applied in the order requests arrive (call it before any await). An edit against a
   * version not held (a restarted worker, a failed request) is refused with code `resync`, and the page sends the
   * whole text again.
   */
  receive(channel: string | undefined, payload: TextPayload): HeldText {
    let held: HeldText;
    if (payload.kind === 'full') held = holdText(payload.text, payload.version);
    else {
      const base = channel === undefined ? undefined : this.held.get(channel);
      if (!base || base.version !== payload.base) {
        if (channel !== undefined) this.held.delete(channel);
        throw new LoadError('The worker does not hold the text this edit applies to.', 'resync');
      }
      held = editHeld(base, payload);
    }
    if (channel !== undefined) this.held.set(channel, held);
    return held;
  }
}
