// "Performance: 1 MB texts, fast start", as behaviour (timings are measured by scripts/bench-browser.mjs, not
// asserted here: they are noisy on shared machines). A 1 MB text through the file input, edits at its start,
// middle and end, all counted exactly as the Rust library counts them; the editor keeps exact spans on short texts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, SAMPLE, countBecomes, expectTokensMatch, launchBrowser, openPage, readCount, readTokens, rustCount, rustEncode, sel, textValue, view, waitForTokenizer } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** ~1 MB of mixed text (prose, code, CJK, emoji, whitespace), LF only as the editor holds it. */
function bigText(): string {
  const shared = path.join(ROOT, '..', 'shared', 'contract-checks', 'corpus.json');
  const pieces: string[] = fs.existsSync(shared)
    ? (JSON.parse(fs.readFileSync(shared, 'utf8')) as string[])
    : [SAMPLE, 'The cat sat on the mat. ', 'for (let i = 0; i < n; i++) { sum += a[i]; }', '今日は良い天気ですね。', '🙂🙃 🧑‍💻 👩🏾‍🔬 🇫🇷', '  indented\n\tTabbed\n\n'];
  let s = '';
  for (let i = 0; s.length < 1_000_000; i++) s += pieces[i % pieces.length] + (i % 7 === 0 ? '\n\n' : ' ');
  return s.toWellFormed().replace(/\r\n?/g, '\n');
}

/**
 * The token elements on screen (a window of a virtualised 1 MB) carry Rust's ids and offsets at their indices: results
 * are written into memory the page handed back, so a row drawn from a recycled result would show here.
 */
async function renderedTokensMatch(page: Page, id: string, text: string): Promise<void> {
  const ref = await rustEncode(id, text, true);
  const rendered = await readTokens(page);
  expect(rendered.length).toBeGreaterThan(0);
  const wrong = rendered.filter(({ index, id: got, start, end, special }) => {
    const [s, e] = ref.offsets[index] ?? [-1, -1];
    return got !== ref.ids[index] || (special && s === e ? false : start !== s || end !== e);
  });
  expect(wrong.slice(0, 3)).toEqual([]);
}

/** Caret at `pos` through CodeMirror's own view (the middle of 1 MB is not in the DOM to click on). */
async function caretAt(page: Page, pos: number): Promise<void> {
  await page.locator(sel.textInput).evaluate((el, p) => {
    const v = (el as HTMLElement & { cmTile?: { root?: { view?: { focus(): void; dispatch(spec: object): void } } } }).cmTile?.root?.view;
    if (!v) throw new Error('no CodeMirror view on the text input');
    v.focus();
    v.dispatch({ selection: { anchor: p }, scrollIntoView: true });
  }, pos);
}

describe('1 MB texts', () => {
  it('counts a 1 MB file exactly, and stays exact after edits at the start, middle and end', async () => {
    const id = 'llama3_1';
    const s = await openPage(browser, `?view=tokens&tokenizer=${id}`);
    const { page } = s;
    try {
      await waitForTokenizer(page, id);
      let text = bigText();
      await page.locator(sel.fileInput).setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
      await countBecomes(page, await rustCount(id, text));
      expect(await textValue(page)).toBe(text);
      // virtualised: far fewer token elements than tokens, each still carrying the contract attributes
      const rendered = await view(page).locator(sel.token).count();
      expect(rendered).toBeGreaterThan(0);
      expect(rendered).toBeLessThan(20_000);

      await page.locator(sel.textInput).click();
      for (const where of ['start', 'middle', 'end'] as const) {
        const typed = where === 'start' ? 'zq ' : where === 'end' ? ' zq' : ' mid zq ';
        const pos = where === 'start' ? 0 : where === 'end' ? text.length : Math.floor(text.length / 2);
        if (where === 'middle') await caretAt(page, pos);
        else await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
        await page.keyboard.type(typed);
        text = text.slice(0, pos) + typed + text.slice(pos);
        await countBecomes(page, await rustCount(id, text));
        expect(await readCount(page)).toBe(await rustCount(id, text));
        await renderedTokensMatch(page, id, text);
      }
      expect(await textValue(page)).toBe(text);

      // Undo, and replacing everything and undoing that: the text the page builds from the editor's edits must stay
      // the editor's text, so the count is Rust's on what the editor shows.
      await page.keyboard.press('Control+z');
      const undone = await textValue(page);
      expect(undone).not.toBe(text);
      await countBecomes(page, await rustCount(id, undone));
      await page.keyboard.press('Control+a');
      await page.keyboard.type('hello');
      await countBecomes(page, await rustCount(id, 'hello'));
      await page.keyboard.press('Control+z');
      const restored = await textValue(page);
      expect(restored.length).toBeGreaterThan(900_000);
      await countBecomes(page, await rustCount(id, restored));
      expect(s.problems).toEqual([]);
    } finally {
      await s.close();
    }
  }, 300_000);

  it('fill() into the editor gives the exact spans; CR LF becomes LF, U+2028 stays', async () => {
    const s = await openPage(browser, '?view=tokens&tokenizer=gpt2');
    const { page } = s;
    try {
      await waitForTokenizer(page, 'gpt2');
      await page.locator(sel.textInput).fill(SAMPLE);
      expect(await textValue(page)).toBe(SAMPLE);
      const { tokens, ref } = await expectTokensMatch(page, 'gpt2');
      expect(tokens).toHaveLength(ref.ids.length);

      await page.locator(sel.textInput).fill('one\r\ntwo\rthree\u2028four');
      await expect.poll(() => textValue(page)).toBe('one\ntwo\nthree\u2028four');
      await expectTokensMatch(page, 'gpt2');
      expect(s.problems).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
