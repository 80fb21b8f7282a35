import type { TokenArrays } from '../../core/tokens/spans';
import type { SpecialRole, TokenizerInfo } from '../../worker/protocol';

/** Only the arrays the attributes read, so views holding just the typed arrays (no strings) can use it too. */
type TokenSpanArrays = Pick<TokenArrays, 'ids' | 'starts' | 'ends' | 'special'>;

/** Every sub-view puts exactly one element per token in the DOM, carrying these attributes (the e2e contract). */
export function tokenAttrs(tokens: TokenSpanArrays, index: number, active: boolean) {
  return {
    'data-token-index': index,
    'data-id': tokens.ids[index],
    'data-start': tokens.starts[index],
    'data-end': tokens.ends[index],
    'data-special': tokens.special[index] === 1 ? 'true' : undefined,
    tabIndex: active ? 0 : -1,
  } as const;
}

const ROLE_LABELS: Record<SpecialRole, string> = {
  bos: 'BOS',
  eos: 'EOS',
  unk: 'UNK',
  pad: 'PAD',
  sep: 'SEP',
  cls: 'CLS',
  mask: 'MASK',
  additional: 'special',
  control: 'control',
};

/** id → `BOS/EOS` etc. One id can hold several roles (GPT-2's `<|endoftext|>` is BOS, EOS and UNK). */
export function roleLabels(info: TokenizerInfo): Map<number, string> {
  const roles = new Map<number, string[]>();
  for (const { id, role } of info.specialTokens) {
    if (id == null) continue;
    const list = roles.get(id) ?? [];
    if (!list.includes(ROLE_LABELS[role])) list.push(ROLE_LABELS[role]);
    roles.set(id, list);
  }
  return new Map([...roles].map(([id, list]) => [id, list.join('/')]));
}

export const PALETTE_SIZE = 10;

/** Where the model's context window ends, if the text goes past it. */
export function windowEnd(count: number, contextLength: number | null): number | null {
  return contextLength != null && count > contextLength ? contextLength : null;
}
