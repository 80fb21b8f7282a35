import type { TokenStyleContext } from '../../../components/tokens/view-context';
import type { TokenSpans } from '../../../core/tokens/row-layout';
import type { IdDetails, TokenDetailsCache } from '../token-details';

export { display, roleOf, tokenClass } from '../../../components/tokens/view-context';

/**
 * The token view's context: tokens as typed arrays only, with each id's raw string and bytes fetched for what is on
 * screen (a 1 MB text has ~400k tokens, whose strings the page never needs all of).
 */
export interface ViewContext extends TokenStyleContext {
  text: string;
  tokens: TokenSpans;
  /** Raw strings and bytes by id, fetched for what is on screen; `detailsVersion` changes when some arrive. */
  details: TokenDetailsCache;
  detailsVersion: number;
}

/** Token i's raw string and bytes, or undefined until the worker has sent them. */
export function detailsAt(ctx: ViewContext, index: number): IdDetails | undefined {
  return ctx.details.get(ctx.tokens.ids[index]!);
}
