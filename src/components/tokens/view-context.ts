import { colorIndex, renderWhitespace, type TokenArrays } from '../../core/tokens/spans';
import { PALETTE_SIZE } from './token-attrs';

/** What styling a token needs: its id and special flag, and the view's settings. */
export interface TokenStyleContext {
  tokens: { ids: ArrayLike<number>; special: ArrayLike<number> };
  showWhitespace: boolean;
  roles: Map<number, string>;
  windowEnd: number | null;
  /** Extra classes for token `index` (the compare view marks cuts other tokenizers do not make). */
  extraClass?: (index: number) => string;
}

/** Everything a row needs to draw tokens; memoised once per result so hover and focus do not re-render rows. */
export interface ViewContext extends TokenStyleContext {
  text: string;
  tokens: TokenArrays;
}

export function display(ctx: Pick<TokenStyleContext, 'showWhitespace'>, s: string): string {
  return ctx.showWhitespace ? renderWhitespace(s) : s;
}

/** Colour by id; special tokens and tokens past the context window get their own look. */
export function tokenClass(ctx: TokenStyleContext, index: number): string {
  const dim = ctx.windowEnd != null && index >= ctx.windowEnd ? ' tok-dim' : '';
  const extra = ctx.extraClass ? ` ${ctx.extraClass(index)}` : '';
  if (ctx.tokens.special[index] === 1) return `tok tok-special${dim}${extra}`;
  return `tok tok-c${colorIndex(ctx.tokens.ids[index]!, PALETTE_SIZE)}${dim}${extra}`;
}

/** Role label for special tokens; an unknown-word token is labelled too, as it hides what the text said. */
export function roleOf(ctx: TokenStyleContext, index: number): string | null {
  const role = ctx.roles.get(ctx.tokens.ids[index]!);
  if (ctx.tokens.special[index] === 1) return role ?? 'special';
  return role?.split('/').includes('UNK') ? 'UNK' : null;
}
