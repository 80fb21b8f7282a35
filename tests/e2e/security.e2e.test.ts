// Markup typed into (or linked to) the token view is shown as text and never runs.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectTokensMatch, sel, textValue, view, waitForTokenizer, type Session, sharedBrowser } from './helpers';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload=alert(1)><a href="javascript:alert(1)">x</a></svg>',
  '"><iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
];

const chromium = sharedBrowser();

async function open(query: string): Promise<{ s: Session; requests: string[] }> {
  const s = await chromium.open(query);
  const requests: string[] = [];
  s.page.on('request', (r) => requests.push(r.url()));
  return { s, requests };
}

async function domSnapshot(page: Page): Promise<{ scripts: number; imgs: number; iframes: number; handlers: string[] }> {
  return page.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img').length,
    iframes: document.querySelectorAll('iframe').length,
    handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
      Array.from(el.attributes)
        .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))
        .map((a) => `${el.tagName.toLowerCase()}[${a.name}]`),
    ),
  }));
}

async function expectInert(page: Page, s: Session, requests: string[], before: Awaited<ReturnType<typeof domSnapshot>>) {
  await page.waitForTimeout(500); // let any injected handler fire
  expect(s.dialogs, 'no alert() ran').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), 'no handler ran').toBeUndefined();
  const after = await domSnapshot(page);
  expect(after.scripts, 'no <script> injected').toBe(before.scripts);
  expect(after.imgs, 'no <img> injected').toBe(before.imgs);
  expect(after.iframes, 'no <iframe> injected').toBe(before.iframes);
  expect(after.handlers, 'no inline handlers / javascript: URLs in the DOM').toEqual(before.handlers);
  expect(requests.filter((u) => /\/x(\?|$)/.test(u)), 'the payload <img src=x> was never fetched').toEqual([]);
  expect(s.problems).toEqual([]);
}

describe('token view renders markup as text', () => {
  it('typed payloads render as text and run nothing', async () => {
    const { s, requests } = await open('?view=tokens&tokenizer=gpt2');
    const { page } = s;
    await waitForTokenizer(page, 'gpt2');
    const before = await domSnapshot(page);
    for (const payload of PAYLOADS) {
      await page.locator(sel.textInput).fill(payload);
      expect(await textValue(page)).toBe(payload);
      await expectTokensMatch(page, 'gpt2');
      // the view shows the characters, not elements (whitespace may be drawn with markers: compare a space-free run)
      const shown = (await view(page).textContent()) ?? '';
      expect(shown).toContain(payload.split(/\s/)[0]!);
    }
    const all = PAYLOADS.join('\n');
    await page.locator(sel.textInput).fill(all);
    await expectTokensMatch(page, 'gpt2');
    await expectInert(page, s, requests, before);
  });

  it('payloads in the ?text= URL parameter render as text and run nothing', async () => {
    const text = PAYLOADS.join(' ');
    const { s, requests } = await open(`?view=tokens&tokenizer=llama3_1&text=${encodeURIComponent(text)}`);
    const { page } = s;
    await waitForTokenizer(page, 'llama3_1');
    expect(await textValue(page)).toBe(text);
    const { ref } = await expectTokensMatch(page, 'llama3_1');
    expect(ref.ids.length).toBeGreaterThan(10);
    const before = { scripts: 0, imgs: 0, iframes: 0, handlers: [] as string[] };
    // compare against a clean page of the same app for the baseline
    const clean = await chromium.open('?view=tokens&tokenizer=llama3_1');
    await waitForTokenizer(clean.page, 'llama3_1');
    Object.assign(before, await domSnapshot(clean.page));
    await expectInert(page, s, requests, before);
  });
});
