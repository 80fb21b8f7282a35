// Shared helpers for the e2e suite: Chromium via playwright-core, the token view's DOM contract,
// the Rust `tokenizers` reference, and axe-core.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { Tokenizer as RustTokenizer } from 'tokenizers';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(import.meta.dirname, '../..');

export function baseUrl(): string {
  return inject('baseUrl');
}

// ---------------------------------------------------------------------------------------------- browser

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian Chromium (apt-get install -y chromium) to run the e2e suite`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** page errors and console errors seen so far */
  problems: string[];
  /** messages of any alert/confirm/prompt dialogs (dismissed) */
  dialogs: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  /** reuse an existing context (keeps localStorage) instead of a fresh one */
  context?: BrowserContext;
}

/** Open `query` (e.g. "?view=tokens&tokenizer=gpt2") in a fresh context and record errors and dialogs. */
export async function openPage(browser: Browser, query = '?view=tokens', opts: OpenOptions = {}): Promise<Session> {
  const own = !opts.context;
  const context =
    opts.context ??
    (await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: opts.colorScheme ?? 'light' }));
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  page.on('crash', () => problems.push('page crashed'));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  await page.goto(url(query));
  return {
    context,
    page,
    problems,
    dialogs,
    close: async () => {
      await page.close().catch(() => {});
      if (own) await context.close().catch(() => {});
    },
  };
}

/**
 * The setup every browser test file shares, called at its top: one Chromium for the file, and each session a test
 * opened with `open` closed after that test.
 */
export function sharedBrowser(): { readonly browser: Browser; open(query?: string, opts?: OpenOptions): Promise<Session> } {
  let browser: Browser | null = null;
  const sessions: Session[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.close();
  });
  const shared = {
    get browser(): Browser {
      if (!browser) throw new Error('The browser is launched in beforeAll');
      return browser;
    },
    async open(query?: string, opts?: OpenOptions): Promise<Session> {
      const s = await openPage(shared.browser, query, opts);
      sessions.push(s);
      return s;
    },
  };
  return shared;
}

export function url(query: string): string {
  return `${baseUrl()}/${query.startsWith('?') ? '' : '?'}${query.replace(/^\//, '')}`;
}

export function tokensUrl(tokenizer: string, text?: string): string {
  const q = new URLSearchParams({ view: 'tokens', tokenizer });
  if (text !== undefined) q.set('text', text);
  return `?${q.toString()}`;
}

// ---------------------------------------------------------------------------------------------- token view

export const sel = {
  tokenizerSelect: '[data-testid="tokenizer-select"]',
  textInput: '[data-testid="text-input"]',
  fileInput: '[data-testid="text-file-input"]',
  view: '[data-testid="token-view"]',
  count: '[data-testid="token-count"]',
  token: '[data-token-index]',
} as const;

export const view = (page: Page): Locator => page.locator(sel.view);

export interface RenderedToken {
  index: number;
  id: number;
  start: number;
  end: number;
  special: boolean;
}

/** Wait until the token view shows `tokenizer` and is no longer loading (a first load may be slow). */
export async function waitForTokenizer(page: Page, tokenizer: string, timeout = 60_000): Promise<void> {
  await page.locator(sel.textInput).waitFor({ timeout });
  try {
    await page.waitForFunction(
      ([s, t]) => {
        const v = document.querySelector(s!);
        return v?.getAttribute('data-tokenizer') === t && v.getAttribute('data-status') === 'ready';
      },
      [sel.view, tokenizer] as const,
      { timeout },
    );
  } catch (e) {
    const state = await page
      .evaluate((s) => {
        const v = document.querySelector(s);
        const alert = document.querySelector('[role="alert"]');
        return `token-view ${v ? `status=${v.getAttribute('data-status')} tokenizer=${v.getAttribute('data-tokenizer')}` : 'missing'}; alert: ${alert?.textContent?.slice(0, 200) ?? 'none'}`;
      }, sel.view)
      .catch((err: unknown) => `page state unavailable: ${String(err)}`);
    throw new Error(`tokenizer "${tokenizer}" never became ready within ${timeout} ms (${state}) at ${page.url()}`, { cause: e });
  }
}

export async function selectTokenizer(page: Page, tokenizer: string): Promise<void> {
  await page.locator(sel.tokenizerSelect).selectOption(tokenizer);
  await waitForTokenizer(page, tokenizer);
}

export async function readTokens(page: Page): Promise<RenderedToken[]> {
  return view(page).evaluate((el) =>
    Array.from(el.querySelectorAll('[data-token-index]')).map((t) => ({
      index: Number(t.getAttribute('data-token-index')),
      id: Number(t.getAttribute('data-id')),
      start: Number(t.getAttribute('data-start')),
      end: Number(t.getAttribute('data-end')),
      special: t.getAttribute('data-special') === 'true',
    })),
  );
}

/** Waits until the token view is ready and shows `want` tokens. */
export async function countBecomes(page: Page, want: number): Promise<void> {
  await page.waitForFunction(
    ([c, v, w]) => document.querySelector(v!)?.getAttribute('data-status') === 'ready' && Number(document.querySelector(c!)?.textContent?.replace(/[^0-9]/g, '')) === w,
    [sel.count, sel.view, want] as const,
    { timeout: 60_000, polling: 50 },
  );
}

export async function readCount(page: Page): Promise<number> {
  const text = (await page.locator(sel.count).first().textContent()) ?? '';
  const digits = text.replace(/[\s,.\u00a0\u202f']/g, '').match(/\d+/);
  return digits ? Number(digits[0]) : NaN;
}

/**
 * The text the page holds: a textarea's value, or the CodeMirror document (the token view's editor renders only the
 * lines in view, so its DOM text is not the whole text). CodeMirror keeps its view on the content element's tile.
 */
export const textValue = (page: Page): Promise<string> =>
  page.locator(sel.textInput).evaluate((el) => {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
    const view = (el as HTMLElement & { cmTile?: { root?: { view?: { state: { doc: { toString(): string } } } } } }).cmTile?.root?.view;
    return view ? view.state.doc.toString() : (el.textContent ?? '');
  });

// ---------------------------------------------------------------------------------------------- Rust reference

export interface Reference {
  ids: number[];
  /** UTF-16 offsets */
  offsets: [number, number][];
  special: number[];
}

const refCache = new Map<string, RustTokenizer>();

/** The tokenizer.json the app serves for `id` (public/tokenizers, falling back to the built copy in dist/). */
export function tokenizerJsonPath(id: string): string {
  for (const dir of ['public/tokenizers', 'dist/tokenizers']) {
    const p = path.join(ROOT, dir, id, 'tokenizer.json');
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`no tokenizer.json for "${id}" under public/tokenizers or dist/tokenizers`);
}

export function rustTokenizer(id: string): RustTokenizer {
  let tok = refCache.get(id);
  if (!tok) {
    const { Tokenizer } = require('tokenizers') as typeof import('tokenizers');
    tok = Tokenizer.fromFile(tokenizerJsonPath(id));
    refCache.set(id, tok);
  }
  return tok;
}

/** Rust's token count for `text`, special tokens added (as the app adds them by default). */
export async function rustCount(id: string, text: string): Promise<number> {
  return (await rustTokenizer(id).encode(text, null, { addSpecialTokens: true })).getIds().length;
}

/** Rust reference ids and offsets, with offsets converted from code points to UTF-16 units. */
export async function rustEncode(id: string, text: string, addSpecialTokens = true): Promise<Reference> {
  const enc = await rustTokenizer(id).encode(text, null, { addSpecialTokens });
  const cps = Array.from(text);
  const u16 = [0];
  for (const c of cps) u16.push(u16[u16.length - 1]! + c.length);
  const conv = (i: number): number => u16[Math.min(i, cps.length)]!;
  return {
    ids: enc.getIds(),
    offsets: enc.getOffsets().map(([s, e]) => [conv(s!), conv(e!)] as [number, number]),
    special: enc.getSpecialTokensMask(),
  };
}

/** Tokens inserted by the post-processor (offsets 0..0) only need the id and data-special="true". */
function inserted(ref: Reference, i: number): boolean {
  return ref.special[i] === 1 && ref.offsets[i]![0] === 0 && ref.offsets[i]![1] === 0;
}

export function firstDiff(got: RenderedToken[], ref: Reference): string | null {
  const n = Math.max(got.length, ref.ids.length);
  for (let i = 0; i < n; i++) {
    const g = got[i];
    const r = ref.ids[i] === undefined ? undefined : { id: ref.ids[i]!, start: ref.offsets[i]![0], end: ref.offsets[i]![1] };
    const bad =
      !g ||
      !r ||
      g.index !== i ||
      g.id !== r.id ||
      (inserted(ref, i) ? !g.special : g.start !== r.start || g.end !== r.end);
    if (bad) return `token ${i}: got ${JSON.stringify(g)}, reference ${JSON.stringify(r)}`;
  }
  return null;
}

export interface MatchResult {
  text: string;
  tokens: RenderedToken[];
  ref: Reference;
}

/**
 * Poll until the rendered tokens equal the Rust reference for the text the page holds (the textarea's value,
 * or `text` if given), then check the token count. Throws with the first difference on timeout.
 */
export async function expectTokensMatch(
  page: Page,
  tokenizer: string,
  text?: string,
  timeout = 20_000,
): Promise<MatchResult> {
  const t0 = Date.now();
  let last = 'never ready';
  for (;;) {
    const status = await view(page).getAttribute('data-status').catch(() => null);
    const shown = await view(page).getAttribute('data-tokenizer').catch(() => null);
    const held = text ?? (await textValue(page));
    if (status === 'ready' && shown === tokenizer) {
      const ref = await rustEncode(tokenizer, held, true);
      const tokens = await readTokens(page);
      const diff = firstDiff(tokens, ref);
      if (!diff) {
        const count = await readCount(page);
        if (count === ref.ids.length) return { text: held, tokens, ref };
        last = `token-count shows ${count}, reference has ${ref.ids.length}`;
      } else last = `${tokens.length} tokens rendered, reference ${ref.ids.length}; ${diff}`;
    } else last = `status=${status} tokenizer=${shown}`;
    if (Date.now() - t0 > timeout) {
      throw new Error(`${tokenizer}: tokens never matched the Rust reference for ${JSON.stringify(held.slice(0, 80))}: ${last}`);
    }
    await page.waitForTimeout(150);
  }
}

// ---------------------------------------------------------------------------------------------- axe-core

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Inject axe-core and return the WCAG 2 A/AA violations on the page. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async (tags) => {
    interface AxeResult {
      violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.trim()),
    }));
  }, AXE_TAGS);
}

export function formatViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
}

// ---------------------------------------------------------------------------------------------- samples

/** Mixed sample: ASCII, runs of spaces, tab, newlines, emoji (surrogate pairs + ZWJ), CJK, accents, code. */
export const SAMPLE =
  'Hello,  world!\tTabs\tand   spaces.\n' +
  'Emoji: 🙂 👍🏽 👨‍👩‍👧‍👦 🇯🇵\n' +
  'CJK: 你好，世界。東京タワー 한국어\n' +
  'café naïve — “quotes” 1234567 \n\n' +
  '  const x = arr.map((v) => v * 2); // code\n';
