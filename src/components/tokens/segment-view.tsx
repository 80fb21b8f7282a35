import type { HTMLAttributes, Ref } from 'react';
import type { Segment } from '../../core/tokens/spans';
import { display, roleOf, tokenClass, type TokenStyleContext } from './view-context';

/** Attributes of token i's element (`tokenAttrs`, or fewer plus a ref when the caller sets positions itself). */
export type TokenElementAttrs = HTMLAttributes<HTMLSpanElement> & Record<`data-${string}`, string | number | undefined> & { ref?: Ref<HTMLSpanElement> };

/** Where a text view gets what it draws of a token besides its text: the views differ only in where this lives. */
export interface SegmentSource {
  attrs(i: number, active: boolean): TokenElementAttrs;
  /** The raw vocabulary string (for a token with no text of its own). */
  raw(i: number): string;
  /** What a bracket shows for member i: its bytes in hex. */
  hex(i: number): string;
  /** A bracket's label when the text it covers was already drawn by an earlier token. */
  bracketLabel(first: number): string;
}

function RoleTag({ role }: { role: string }) {
  return <span className="tok-role">{role}</span>;
}

/** One segment of the text view: a gap, a token over its text, an inserted token, or a bracket of byte tokens. */
export function SegmentView({
  ctx,
  source,
  segment,
  activeIndex,
  describedBy,
}: {
  ctx: TokenStyleContext & { text: string };
  source: SegmentSource;
  segment: Segment;
  activeIndex: number;
  describedBy: string | undefined;
}) {
  const slice = ctx.text.slice(segment.textStart, segment.textEnd);
  const aria = (i: number) => (i === activeIndex ? { 'aria-describedby': describedBy } : {});
  switch (segment.kind) {
    case 'gap':
      return <span className="tok-gap">{display(ctx, slice)}</span>;
    case 'token': {
      const i = segment.index;
      const role = roleOf(ctx, i);
      return (
        <span {...source.attrs(i, i === activeIndex)} {...aria(i)} className={tokenClass(ctx, i)}>
          {role && <RoleTag role={role} />}
          {display(ctx, slice)}
        </span>
      );
    }
    case 'inserted': {
      const i = segment.index;
      return (
        <span {...source.attrs(i, i === activeIndex)} {...aria(i)} className={`${tokenClass(ctx, i)} tok-inserted`}>
          <RoleTag role={roleOf(ctx, i) ?? 'inserted'} />
          {source.raw(i)}
        </span>
      );
    }
    case 'bracket': {
      const members = Array.from({ length: segment.last - segment.first }, (_, k) => segment.first + k);
      // Text an earlier token already drew has nothing left to show; fall back to the decoded bytes.
      const label = slice ? display(ctx, slice) : source.bracketLabel(segment.first);
      return (
        <span className="tok-bracket" title={`${members.length} tokens share this text`}>
          <span className="tok-bracket-text">{label}</span>
          <span className="tok-bracket-bytes">
            {members.map((i) => (
              <span key={i} {...source.attrs(i, i === activeIndex)} {...aria(i)} className={`${tokenClass(ctx, i)} tok-hex`}>
                {source.hex(i)}
              </span>
            ))}
          </span>
        </span>
      );
    }
  }
}
