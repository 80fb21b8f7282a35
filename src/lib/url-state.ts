/**
 * Shareable links: `?view=tokens|compare|chat|batch|model&tokenizer=<id>&text=<urlencoded>`.
 * Values found in the URL override persisted state when the app opens.
 */
export const VIEWS = ['tokens', 'compare', 'chat', 'batch', 'model'] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  view?: View;
  tokenizer?: string;
  text?: string;
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
  const out = params.toString();
  return out ? `?${out}` : '';
}
