// Compare view in Chromium: three bundled tokenizers against the Rust reference, the parity check, differing
// cuts, axe-core, and six panes on a 50k-character text without a long main-thread task.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { serve } from '../../scripts/e2e-server.mjs';
import { ROOT, firstDiff, formatViolations, runAxe, rustEncode, type RenderedToken, type Session, sharedBrowser } from './helpers';

/**
 * A production build for timing. The suite's shared dist/ is built under vitest, whose NODE_ENV=test gives a
 * development React (with performance.measure on every render), which says nothing about the shipped app.
 * Bundled tokenizers are linked in, not copied.
 */
function buildProduction(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenlab-compare-prod-'));
  const script = `import { build } from 'vite'; await build({ root: ${JSON.stringify(ROOT)}, logLevel: 'warn', build: { outDir: ${JSON.stringify(out)}, emptyOutDir: true, copyPublicDir: false } });`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit', timeout: 5 * 60_000 });
  if (r.status !== 0) throw new Error(`production build for the timing test failed (exit ${r.status ?? r.signal})`);
  fs.symlinkSync(path.join(ROOT, 'public/tokenizers'), path.join(out, 'tokenizers'), 'dir');
  return out;
}

const chromium = sharedBrowser();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const open = (query: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Session> => chromium.open(query, { colorScheme });

function compareUrl(ids: string[], text?: string): string {
  return `?view=compare&tokenizers=${ids.join(',')}${text === undefined ? '' : `&text=${encodeURIComponent(text)}`}`;
}

const pane = (page: Page, id: string): Locator => page.locator(`[data-testid="compare-pane"][data-tokenizer="${id}"]`);

async function paneTokens(page: Page, id: string): Promise<RenderedToken[]> {
  return pane(page, id).evaluate((el) =>
    Array.from(el.querySelectorAll('[data-token-index]')).map((t) => ({
      index: Number(t.getAttribute('data-token-index')),
      id: Number(t.getAttribute('data-id')),
      start: Number(t.getAttribute('data-start')),
      end: Number(t.getAttribute('data-end')),
      special: t.getAttribute('data-special') === 'true',
    })),
  );
}

async function waitReady(page: Page, ids: string[], timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (want) =>
      want.every((id) => document.querySelector(`[data-testid="compare-pane"][data-tokenizer="${id}"]`)?.getAttribute('data-status') === 'ready') &&
      document.querySelectorAll('[data-testid="compare-pane"]').length === want.length,
    ids,
    { timeout },
  );
}

function expectClean(s: Session): void {
  expect(s.problems, 'page errors / console errors').toEqual([]);
  expect(s.dialogs, 'dialogs').toEqual([]);
}

const THREE = ['gpt2', 'llama3_1', 'qwen3'];
const TEXT = 'Compare me: “unbelievable” tokenizers split 3.14159, 🙂 and 東京タワー differently.\n  def f(x): return x**2';

describe('compare view', () => {
  it('opens three bundled tokenizers from a link; tokens and counts equal the Rust reference', async () => {
    const s = await open(compareUrl(THREE, TEXT));
    const { page } = s;
    await waitReady(page, THREE, 60_000);
    expect(await page.locator('[data-testid="compare-text"]').inputValue()).toBe(TEXT);
    expect(await page.locator('[data-testid="compare-pane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tokenizer')))).toEqual(THREE);

    for (const id of THREE) {
      const ref = await rustEncode(id, TEXT, true);
      const tokens = await paneTokens(page, id);
      expect(firstDiff(tokens, ref), `${id} tokens`).toBeNull();
      const row = page.locator(`[data-testid="compare-stats"] [data-tokenizer="${id}"]`);
      expect(await row.getAttribute('data-tokens'), `${id} stats`).toBe(String(ref.ids.length));
    }
    // the link keeps its tokenizers in the address bar
    expect(new URL(page.url()).searchParams.get('tokenizers')).toBe(THREE.join(','));
    expectClean(s);
  });

  it('finds an injected difference at the right index, and says identical for the true ids', async () => {
    const s = await open(compareUrl(THREE, TEXT));
    const { page } = s;
    await waitReady(page, THREE);
    const input = page.locator('[data-testid="parity-input"]');
    const result = page.locator('[data-testid="parity-result"]');
    // defaults to the first pane
    expect(await result.getAttribute('data-tokenizer')).toBe('gpt2');

    const gpt2 = (await rustEncode('gpt2', TEXT, true)).ids;
    await input.fill(`[${gpt2.join(', ')}]`);
    await expect.poll(() => result.getAttribute('data-state')).toBe('identical');

    const injected = gpt2.slice();
    injected[7] = injected[7]! + 1;
    await input.fill(`tensor([[${injected.join(', ')}]])`);
    await expect.poll(() => result.getAttribute('data-state')).toBe('different');
    expect(await result.getAttribute('data-index')).toBe('7');
    expect(await result.textContent()).toContain('First difference at index 7');

    // switch the target to qwen3 and paste its ids with a change further in
    await page.locator('[data-testid="parity-target"]').selectOption('qwen3');
    const qwen = (await rustEncode('qwen3', TEXT, true)).ids;
    const changed = qwen.slice();
    changed[15] = 0;
    await input.fill(changed.join(' '));
    await expect.poll(() => result.getAttribute('data-tokenizer')).toBe('qwen3');
    await expect.poll(() => result.getAttribute('data-index')).toBe('15');
    expectClean(s);
  });

  it('marks differing cuts; hovering or focusing a marker shows each tokenizer’s token; panes scroll together', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Line ${i}: internationalization ${i * 37} 🙂 東京`).join('\n');
    const s = await open(compareUrl(['gpt2', 'bert-base-uncased']));
    const { page } = s;
    await page.locator('[data-testid="compare-text"]').fill(long);
    await waitReady(page, ['gpt2', 'bert-base-uncased']);
    const marker = page.locator('[data-testid="boundary-diff"] [data-boundary]').first();
    await marker.hover();
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.count()).toBe(1);
    expect(await tip.locator('tr').count()).toBe(2);
    await page.mouse.move(0, 0);
    await marker.focus();
    await expect.poll(async () => (await marker.getAttribute('aria-describedby')) !== null).toBe(true);

    const scrollers = page.locator('[data-testid="compare-pane"] [aria-roledescription="token list"]');
    await scrollers.nth(0).evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await expect.poll(() => scrollers.nth(1).evaluate((el) => el.scrollTop)).toBeGreaterThan(50);
    expectClean(s);
  });

  it('has no axe-core violations with three panes (light and dark)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const s = await open(compareUrl(THREE, TEXT), scheme);
      const { page } = s;
      await waitReady(page, THREE);
      if (scheme === 'dark' && !(await page.evaluate(() => document.documentElement.classList.contains('dark')))) {
        await page.getByRole('button', { name: 'Dark theme' }).click();
      }
      await page.locator('[data-testid="parity-input"]').fill('1 2 3');
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expectClean(s);
    }
  });

  // The longest main-thread task is printed, not asserted: timings vary between machines (`npm run bench` reports).
  it('six panes on a 50k-character text: counts equal Rust, the diff and tooltips work', async () => {
    const six = ['gpt2', 'bert-base-uncased', 'llama2', 'llama3_1', 'qwen3', 'gpt4o'];
    const dist = buildProduction();
    const server = await serve(dist);
    cleanups.push(async () => {
      await server.close();
      fs.rmSync(dist, { recursive: true, force: true });
    });
    const assets = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets.some((f) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8').includes('jsxDEV')), 'a production React build').toBe(false);
    const s = await chromium.open('', { colorScheme: 'light' });
    const { page } = s;
    await page.goto(`${server.url}/${compareUrl(six, 'warm up')}`);
    await waitReady(page, six, 90_000);
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __tasks: number[] };
      w.__longest = 0;
      w.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__longest = Math.max(w.__longest, e.duration);
          w.__tasks.push(Math.round(e.duration));
        }
      }).observe({ type: 'longtask' });
    });
    const paragraph =
      'Tokenizers split text into pieces: “unbelievable” becomes un·believ·able, 3.14159 becomes digits, and 東京タワー becomes bytes or characters. 🙂\n';
    const big = paragraph.repeat(Math.ceil(50_000 / paragraph.length)).slice(0, 50_000);
    // Set like a paste, not with fill(): fill goes through Chromium's editing commands, which alone take ~1 s on
    // 50k characters in any textarea (the token view's too), before the app sees anything.
    await page.locator('[data-testid="compare-text"]').evaluate((el, value) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, big);
    await waitReady(page, six, 60_000);
    // counts equal the Rust reference on the big text too
    for (const id of ['gpt2', 'qwen3']) {
      const ref = await rustEncode(id, big, true);
      expect(await page.locator(`[data-testid="compare-stats"] [data-tokenizer="${id}"]`).getAttribute('data-tokens')).toBe(String(ref.ids.length));
    }
    // wait for the words column (counted in slices), then interact: scroll, type, hover a boundary
    await page.waitForFunction(() => !document.querySelector('[data-testid="compare-stats"] td')?.closest('tbody')?.textContent?.includes('…'), null, { timeout: 30_000 });
    const scrollers = page.locator('[data-testid="compare-pane"] [aria-roledescription="token list"]');
    for (const f of [0.25, 0.5, 0.9]) {
      await scrollers.nth(0).evaluate((el, frac) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) * frac }), f);
      await page.waitForTimeout(150);
    }
    await page.locator('[data-testid="compare-text"]').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' more', { delay: 30 });
    await waitReady(page, six, 60_000);
    await page.locator('[data-testid="boundary-diff"] [data-boundary]').nth(3).hover();
    await page.waitForTimeout(300);
    const { longest, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __tasks: number[] };
      return { longest: w.__longest, tasks: w.__tasks };
    });
    console.log(`compare 6×50k: longest main-thread task ${Math.round(longest)} ms; long tasks: ${JSON.stringify(tasks)}`);
    expectClean(s);
  }, 240_000);
});
