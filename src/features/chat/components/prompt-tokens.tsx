import { useCallback, useMemo } from 'react';
import { tokenDetails } from '../../../core/tokens/spans';
import { TextSpansView } from '../../../components/tokens/text-spans-view';
import { roleLabels, windowEnd } from '../../../components/tokens/token-attrs';
import { TokenPopover } from '../../../components/tokens/token-popover';
import type { TokenSurfaceProps } from '../../../components/tokens/token-surface';
import type { ViewContext } from '../../../components/tokens/view-context';
import type { EncodeResult, TokenizerInfo } from '../../../worker/protocol';

/** The rendered prompt as the token view draws it: coloured spans, special tokens labelled, a popover per token. */
export function PromptTokens({ text, tokens, info, showWhitespace, label }: { text: string; tokens: EncodeResult; info: TokenizerInfo | null; showWhitespace: boolean; label: string }) {
  const context = info ? (info.contextLength ?? info.card.context.value) : null;
  const ctx = useMemo<ViewContext>(
    () => ({ text, tokens, showWhitespace, roles: info ? roleLabels(info) : new Map(), windowEnd: windowEnd(tokens.ids.length, context) }),
    [text, tokens, showWhitespace, info, context],
  );
  const renderPopover = useCallback<TokenSurfaceProps['renderPopover']>(
    ({ index, anchor, popoverId }) => {
      if (index >= ctx.tokens.ids.length) return null;
      const details = tokenDetails(ctx.tokens, index);
      const role = details.special ? (ctx.roles.get(details.id) ?? 'special') : null;
      return <TokenPopover id={popoverId} details={details} role={role} anchor={anchor} beyondWindow={ctx.windowEnd != null && index >= ctx.windowEnd} />;
    },
    [ctx],
  );
  return <TextSpansView ctx={ctx} renderPopover={renderPopover} label={label} heightClass="max-h-[40vh] min-h-16" virtualizeAbove={3000} />;
}

/** Context window for the budget: model_max_length, else what the tokenizer card found (model config). */
export function contextOf(info: TokenizerInfo | null): number | null {
  return info ? (info.contextLength ?? info.card.context.value) : null;
}
