/**
 * Shareable links: `?view=tokens|compare|chat|batch|model&tokenizer=<id>&text=<urlencoded>`;
 * the compare view adds `tokenizers=<id>,<id>,…`.
 * Values found in the URL override persisted state when the app opens.
 */
export const VIEWS = ['tokens', 'compare', 'chat', 'batch', 'model'] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  view?: View;
  tokenizer?: string;
  text?: string;
  /** Compare view panes. Written only when given, so writers that do not know it leave it in place. */
  tokenizers?: string[];
}

/** Longer texts stay out of the address bar: browsers and chat apps truncate long URLs. */
export const MAX_URL_TEXT_LENGTH = 4000;

export function isView(value: unknown): value is View {
  return typeof value === 'string' && (VIEWS as readonly string[]).includes(value);
}

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const view = params.get('view');
  if (isView(view)) state.view = view;
  const tokenizer = params.get('tokenizer');
  if (tokenizer) state.tokenizer = tokenizer;
  const text = params.get('text');
  if (text !== null) state.text = text;
  const tokenizers = parseTokenizerList(params.get('tokenizers'));
  if (tokenizers.length) state.tokenizers = tokenizers;
  return state;
}

/**
 * Writes the state into `search`, keeping parameters that are not ours. A text too long for a URL is dropped
 * rather than truncated, so a link never silently carries half a prompt.
 */
export function writeUrlState(search: string, state: UrlState): string {
  const params = new URLSearchParams(search);
  const set = (key: string, value: string | undefined) => (value === undefined || value === '' ? params.delete(key) : params.set(key, value));
  set('view', state.view);
  set('tokenizer', state.tokenizer);
  set('text', state.text !== undefined && state.text.length <= MAX_URL_TEXT_LENGTH ? state.text : undefined);
  if (state.tokenizers !== undefined) set('tokenizers', state.tokenizers.join(','));
  const out = params.toString();
  return out ? `?${out}` : '';
}

/** `gpt2, llama3_1,,gpt2` → `['gpt2', 'llama3_1']`: trimmed, no blanks, no repeats. */
export function parseTokenizerList(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').map((id) => id.trim()).filter(Boolean))];
}

/** Sets only `tokenizers`, leaving every other parameter as it is. */
export function withTokenizers(search: string, tokenizers: readonly string[]): string {
  const params = new URLSearchParams(search);
  if (tokenizers.length) params.set('tokenizers', tokenizers.join(','));
  else params.delete('tokenizers');
  const out = params.toString();
  return out ? `?${out}` : '';
}
