import { colorIndex, renderWhitespace } from '../../../core/tokens/spans';
import type { TokenSpans } from '../row-layout';
import type { IdDetails, TokenDetailsCache } from '../token-details';
import { PALETTE_SIZE } from '../../../components/tokens/token-attrs';

/** Everything a row needs to draw tokens; memoised once per result so hover and focus do not re-render rows. */
export interface ViewContext {
  text: string;
  tokens: TokenSpans;
  /** Raw strings and bytes by id, fetched for what is on screen; `detailsVersion` changes when some arrive. */
  details: TokenDetailsCache;
  detailsVersion: number;
  showWhitespace: boolean;
  roles: Map<number, string>;
  windowEnd: number | null;
}

export function display(ctx: ViewContext, s: string): string {
  return ctx.showWhitespace ? renderWhitespace(s) : s;
}

/** Token i's raw string and bytes, or undefined until the worker has sent them. */
export function detailsAt(ctx: ViewContext, index: number): IdDetails | undefined {
  return ctx.details.get(ctx.tokens.ids[index]!);
}

/** Colour by id; special tokens and tokens past the context window get their own look. */
export function tokenClass(ctx: ViewContext, index: number): string {
  const dim = ctx.windowEnd != null && index >= ctx.windowEnd ? ' tok-dim' : '';
  if (ctx.tokens.special[index] === 1) return `tok tok-special${dim}`;
  return `tok tok-c${colorIndex(ctx.tokens.ids[index]!, PALETTE_SIZE)}${dim}`;
}

/** Role label for special tokens; an unknown-word token is labelled too, as it hides what the text said. */
export function roleOf(ctx: ViewContext, index: number): string | null {
  const role = ctx.roles.get(ctx.tokens.ids[index]!);
  if (ctx.tokens.special[index] === 1) return role ?? 'special';
  return role?.split('/').includes('UNK') ? 'UNK' : null;
}
