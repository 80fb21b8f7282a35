// axe-core: no WCAG 2 A/AA violations on the token view, in the light and the dark theme.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  SAMPLE,
  expectTokensMatch,
  formatViolations,
  runAxe,
  waitForTokenizer,
  sharedBrowser,
} from './helpers';

const chromium = sharedBrowser();

type Theme = 'light' | 'dark';

/** The theme the page currently renders: a `dark` class / data-theme on <html> or <body>, else the color-scheme. */
function currentTheme(page: Page): Promise<Theme> {
  return page.evaluate(() => {
    for (const el of [document.documentElement, document.body]) {
      const t = el.dataset.theme ?? el.getAttribute('data-color-mode');
      if (t === 'dark' || t === 'light') return t;
      if (el.classList.contains('dark')) return 'dark';
      if (el.classList.contains('light')) return 'light';
    }
    const cs = getComputedStyle(document.documentElement).colorScheme;
    if (cs === 'dark') return 'dark';
    return matchMedia('(prefers-color-scheme: dark)').matches && cs.includes('dark') ? 'dark' : 'light';
  });
}

/** Switch the theme with the UI's toggle (a control whose accessible name mentions theme/dark/light). */
async function setTheme(page: Page, want: Theme): Promise<void> {
  if ((await currentTheme(page)) === want) return;
  const toggle = page
    .locator('[data-testid="theme-toggle"]')
    .or(page.getByRole('button', { name: /\btheme\b|dark mode|light mode/i }))
    .or(page.getByRole('switch', { name: /\btheme\b|dark mode|light mode/i }))
    .first();
  const select = page.getByRole('combobox', { name: /theme/i });
  if ((await select.count()) > 0) {
    await select.first().selectOption(want);
  } else {
    // a toggle may cycle light → dark → system
    for (let i = 0; i < 3 && (await currentTheme(page)) !== want; i++) await toggle.click();
  }
  await expect.poll(() => currentTheme(page), { timeout: 5_000 }).toBe(want);
}

describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`token view has no violations in the ${theme} theme`, async () => {
      // the system prefers light: the dark theme is reached through the UI's theme toggle
      const s = await chromium.open(`?view=tokens&tokenizer=llama3_1&text=${encodeURIComponent(SAMPLE)}`, {
        colorScheme: 'light',
      });
      const { page } = s;
      await waitForTokenizer(page, 'llama3_1');
      await expectTokensMatch(page, 'llama3_1');
      await setTheme(page, theme);
      await page.waitForTimeout(300); // let colour transitions settle before contrast checks
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // every display the token view offers (tabs such as Text / IDs / Raw tokens)
      const tabs = page.locator('main').getByRole('tablist').getByRole('tab');
      const names = await tabs.allTextContents();
      for (const [i, name] of names.entries()) {
        await tabs.nth(i).click();
        await page.waitForTimeout(300);
        const vs = await runAxe(page);
        expect(vs, `${theme} theme, "${name.trim()}" tab:\n${formatViolations(vs)}`).toEqual([]);
      }
      expect(s.problems).toEqual([]);
    });
  }
});
