// Loading tokenizers from a Hub (the mock on 127.0.0.1, built from public/tokenizers): success with progress, the
// browser cache when the Hub is down, errors that keep the previous tokenizer, cancel, revisions, chat_template.jinja,
// and Rust-exact tokens for a Hub tokenizer.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Tokenizer as RustTokenizer } from 'tokenizers';
import { firstDiff, formatViolations, launchBrowser, runAxe, openPage, readTokens, ROOT, SAMPLE, sel, type Reference, type Session } from './helpers';
import { startMockHub, type MockHub } from './mock-hub';

const require = createRequire(import.meta.url);
const PUB = path.join(ROOT, 'public/tokenizers');
const file = (id: string, name: string) => path.join(PUB, id, name);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const llamaConfig = JSON.parse(fs.readFileSync(file('llama3_1', 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
const { chat_template: llamaTemplate, ...llamaConfigWithoutTemplate } = llamaConfig;

let hub: MockHub;
let browser: Browser;

beforeAll(async () => {
  const tokenizerJson = fs.readFileSync(file('gpt2', 'tokenizer.json'));
  hub = await startMockHub({
    'test-org/gpt2-hub': {
      revisions: {
        main: { 'tokenizer.json': file('gpt2', 'tokenizer.json'), 'tokenizer_config.json': file('gpt2', 'tokenizer_config.json'), 'config.json': json({ model_type: 'gpt2', n_positions: 1024, n_embd: 768 }) },
        v2: { 'tokenizer.json': file('bert-base-uncased', 'tokenizer.json'), 'tokenizer_config.json': file('bert-base-uncased', 'tokenizer_config.json') },
      },
    },
    'test-org/with-jinja': {
      revisions: { main: { 'tokenizer.json': file('llama3_1', 'tokenizer.json'), 'tokenizer_config.json': json(llamaConfigWithoutTemplate), 'chat_template.jinja': Buffer.from(String(llamaTemplate)) } },
    },
    'test-org/only-spm': { revisions: { main: { 'tokenizer.model': Buffer.from('not really sentencepiece'), 'config.json': json({ model_type: 'llama' }), 'README.md': Buffer.from('# hi') } } },
    'test-org/truncated': { revisions: { main: { 'tokenizer.json': tokenizerJson.subarray(0, Math.floor(tokenizerJson.length / 2)) } } },
    'test-org/slow': { slowMs: 400, revisions: { main: { 'tokenizer.json': file('qwen3', 'tokenizer.json') } } },
    'gated/model': { gated: true, revisions: { main: { 'tokenizer.json': file('gpt2', 'tokenizer.json') } } },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const hubQuery = (extra = 'tokenizer=gpt2') => `?view=tokens&${extra}&hub=${encodeURIComponent(hub.url)}`;

async function loadFromHub(page: Page, id: string): Promise<void> {
  const input = page.locator('[data-testid="hub-model-input"]');
  await input.fill(id);
  await input.press('Enter');
}

async function waitActive(page: Page, id: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => {
      const v = document.querySelector(s!);
      return v?.getAttribute('data-tokenizer') === t && v.getAttribute('data-status') === 'ready';
    },
    [sel.view, id] as const,
    { timeout },
  );
}

async function expectLoadError(page: Page, pattern: RegExp): Promise<void> {
  const error = page.locator('[data-testid="load-error"]');
  await error.waitFor({ state: 'visible', timeout: 20_000 });
  expect(await error.textContent()).toMatch(pattern);
  expect(await page.locator(sel.view).getAttribute('data-tokenizer')).toBe('gpt2');
}

function rustFor(p: string): RustTokenizer {
  const { Tokenizer } = require('tokenizers') as typeof import('tokenizers');
  return Tokenizer.fromFile(p);
}

async function reference(tok: RustTokenizer, text: string): Promise<Reference> {
  const enc = await tok.encode(text, null, { addSpecialTokens: true });
  const cps = Array.from(text);
  const u16 = [0];
  for (const c of cps) u16.push(u16[u16.length - 1]! + c.length);
  const conv = (i: number) => u16[Math.min(i, cps.length)]!;
  return { ids: enc.getIds(), offsets: enc.getOffsets().map(([s, e]) => [conv(s!), conv(e!)] as [number, number]), special: enc.getSpecialTokensMask() };
}

describe('Hub loading', () => {
  let session: Session;
  afterAll(async () => session?.close());

  it('loads by Hub id with per-file progress, shows the card, and tokenizes exactly as Rust', async () => {
    session = await openPage(browser, hubQuery());
    const { page } = session;
    // Record every progress panel the page shows, however briefly.
    await page.evaluate(() => {
      const w = window as unknown as { seenProgress: string[] };
      w.seenProgress = [];
      new MutationObserver(() => {
        const p = document.querySelector('[data-testid="load-progress"]');
        if (p) w.seenProgress.push(p.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await waitActive(page, 'gpt2');
    await loadFromHub(page, 'test-org/gpt2-hub');
    await waitActive(page, 'test-org/gpt2-hub');
    const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
    expect(seen.some((t) => t.includes('tokenizer.json'))).toBe(true);
    const card = page.locator('[data-testid="tokenizer-card"]');
    await expect.poll(() => card.getAttribute('data-tokenizer')).toBe('test-org/gpt2-hub');
    expect(await card.getAttribute('data-vocab-size')).toBe(String(rustFor(file('gpt2', 'tokenizer.json')).getVocabSize(true)));
    expect(await card.getAttribute('data-context-length')).toBe('1024');
    expect(await card.getAttribute('data-model-type')).toBe('BPE');
    expect(await card.textContent()).toMatch(/Embedding size\s*768/);

    await page.locator(sel.textInput).fill(SAMPLE);
    const ref = await reference(rustFor(file('gpt2', 'tokenizer.json')), SAMPLE);
    await expect.poll(async () => firstDiff(await readTokens(page), ref), { timeout: 15_000 }).toBeNull();
    // The Hub tokenizer is now in the picker, by its id.
    expect(await page.locator(`${sel.tokenizerSelect} option[value="test-org/gpt2-hub"]`).count()).toBe(1);
    expect(session.problems).toEqual([]);
  });

  it('has no axe violations with the card and the explorer visible', async () => {
    const { page } = session;
    await page.locator('[data-testid="tokenizer-card"][data-vocab-size]').waitFor();
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('loads again from the browser cache when the Hub is down', async () => {
    hub.setDown(true);
    try {
      const again = await openPage(browser, hubQuery(), { context: session.context });
      await waitActive(again.page, 'gpt2');
      await loadFromHub(again.page, 'test-org/gpt2-hub');
      await waitActive(again.page, 'test-org/gpt2-hub');
      expect(await again.page.locator('[data-testid="tokenizer-card"]').textContent()).toMatch(/browser cache/);
      await again.close();
    } finally {
      hub.setDown(false);
    }
  });

  it('says when the Hub is unreachable and nothing is cached', async () => {
    hub.setDown(true);
    try {
      const s = await openPage(browser, hubQuery());
      await waitActive(s.page, 'gpt2');
      await loadFromHub(s.page, 'test-org/with-jinja');
      await expectLoadError(s.page, /Could not reach the Hub/);
      await s.close();
    } finally {
      hub.setDown(false);
    }
  });

  it.each([
    ['nobody/does-not-exist', /not found/i],
    ['gated/model', /gated or private.*access token/i],
    ['test-org/only-spm', /no tokenizer\.json.*tokenizer\.model/],
    ['test-org/truncated', /malformed.*not valid JSON/],
  ])('%s fails with a clear error and keeps the previous tokenizer', async (id, message) => {
    const s = await openPage(browser, hubQuery());
    await waitActive(s.page, 'gpt2');
    await loadFromHub(s.page, id);
    await expectLoadError(s.page, message);
    expect(await s.page.locator('[data-testid="tokenizer-card"]').getAttribute('data-tokenizer')).toBe('gpt2');
    await s.close();
  });

  it('shows progress on a slow download, and Cancel stops it', async () => {
    const s = await openPage(browser, hubQuery());
    await waitActive(s.page, 'gpt2');
    await loadFromHub(s.page, 'test-org/slow');
    const progress = s.page.locator('[data-testid="load-progress"]');
    await progress.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(async () => (await progress.textContent()) ?? '', { timeout: 10_000 }).toMatch(/KB of .*MB/);
    await s.page.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => s.page.getByText(/was cancelled/).count()).toBe(1);
    expect(await s.page.locator('[data-testid="load-error"]').count()).toBe(0);
    expect(await s.page.locator(sel.view).getAttribute('data-tokenizer')).toBe('gpt2');
    await s.close();
  });

  it('loads a revision, keyed as id@revision', async () => {
    const s = await openPage(browser, hubQuery());
    await waitActive(s.page, 'gpt2');
    await loadFromHub(s.page, 'test-org/gpt2-hub@v2');
    await waitActive(s.page, 'test-org/gpt2-hub@v2');
    expect(hub.log.some((r) => r.path === '/test-org/gpt2-hub/resolve/v2/tokenizer.json')).toBe(true);
    const card = s.page.locator('[data-testid="tokenizer-card"]');
    await expect.poll(() => card.getAttribute('data-model-type')).toBe('WordPiece');
    await s.close();
  });

  it('reads the chat template from chat_template.jinja', async () => {
    const s = await openPage(browser, hubQuery());
    await waitActive(s.page, 'gpt2');
    await loadFromHub(s.page, 'test-org/with-jinja');
    await waitActive(s.page, 'test-org/with-jinja');
    const card = s.page.locator('[data-testid="tokenizer-card"]');
    await expect.poll(() => card.getAttribute('data-tokenizer')).toBe('test-org/with-jinja');
    expect(await card.textContent()).toMatch(/Chat template\s*single/);
    expect(await card.getAttribute('data-context-length')).toBe('');
    await s.close();
  });

  it('sends the access token only as a header, and keeps it out of the URL and localStorage', async () => {
    const s = await openPage(browser, hubQuery());
    await waitActive(s.page, 'gpt2');
    await s.page.getByText('Hub settings').click();
    await s.page.getByLabel('Access token (gated or private repos)').fill('hf_test_token');
    await s.page.getByRole('button', { name: 'Use token' }).click();
    await loadFromHub(s.page, 'gated/model');
    await waitActive(s.page, 'gated/model');
    expect(hub.log.some((r) => r.path.startsWith('/gated/model/') && r.authorization === 'Bearer hf_test_token')).toBe(true);
    expect(hub.log.some((r) => r.path.includes('hf_test_token'))).toBe(false);
    expect(s.page.url()).not.toContain('hf_test_token');
    const stored = await s.page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('hf_test_token');
    await s.close();
  });
});
