// Token view, driven in Chromium through its DOM contract; every expected token comes from the Rust
// `tokenizers` library on the same tokenizer.json the app serves.
import { describe, expect, it } from 'vitest';
import {
  SAMPLE,
  baseUrl,
  expectTokensMatch,
  sel,
  selectTokenizer,
  textValue,
  tokensUrl,
  view,
  waitForTokenizer,
  type Session,
  sharedBrowser,
} from './helpers';

const chromium = sharedBrowser();

const open = (query: string): Promise<Session> => chromium.open(query);

/** (g) nothing went wrong in the page during the flow */
function expectClean(s: Session): void {
  expect(s.problems, 'page errors / console errors').toEqual([]);
  expect(s.dialogs, 'dialogs').toEqual([]);
}

describe('token view', () => {
  it('switches gpt2 → llama3_1 → qwen3 via the select; ids and spans equal the Rust reference', async () => {
    const s = await open('?view=tokens&tokenizer=gpt2');
    const { page } = s;
    await waitForTokenizer(page, 'gpt2');
    await page.locator(sel.textInput).fill(SAMPLE);
    expect(await textValue(page)).toBe(SAMPLE);
    await expectTokensMatch(page, 'gpt2');

    for (const id of ['llama3_1', 'qwen3', 'gpt2']) {
      await selectTokenizer(page, id);
      expect(await page.locator(sel.tokenizerSelect).inputValue()).toBe(id);
      expect(await textValue(page), 'switching keeps the text').toBe(SAMPLE);
      const { ref } = await expectTokensMatch(page, id);
      expect(ref.ids.length).toBeGreaterThan(20);
    }

    // typing more (real key events, incl. an astral emoji) keeps the view in step
    await page.locator(sel.textInput).press('End');
    await page.locator(sel.textInput).pressSequentially(' more 🙂 文字', { delay: 10 });
    expect(await textValue(page)).toBe(`${SAMPLE} more 🙂 文字`);
    await expectTokensMatch(page, 'gpt2');
    expectClean(s);
  });

  it('every tokenizer in the manifest matches the reference on a mixed sample', async () => {
    const manifest = (await (await fetch(`${baseUrl()}/tokenizers/manifest.json`)).json()) as
      | { id: string }[]
      | { tokenizers: { id: string }[] };
    const ids = (Array.isArray(manifest) ? manifest : manifest.tokenizers).map((t) => t.id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const s = await open(`?view=tokens&tokenizer=${encodeURIComponent(ids[0]!)}`);
    const { page } = s;
    await waitForTokenizer(page, ids[0]!);
    await page.locator(sel.textInput).fill(SAMPLE);
    for (const id of ids) {
      await page.locator(sel.tokenizerSelect).selectOption(id);
      await waitForTokenizer(page, id, 90_000); // gemma3's tokenizer.json is 33 MB
      await expectTokensMatch(page, id);
    }
    expectClean(s);
  }, 600_000);

  it('marks the special tokens a tokenizer adds (llama3_1 begin_of_text) with data-special', async () => {
    const s = await open('?view=tokens&tokenizer=llama3_1');
    const { page } = s;
    await waitForTokenizer(page, 'llama3_1');
    await page.locator(sel.textInput).fill('Special tokens: <|begin_of_text|> are shown.');
    const { tokens, ref } = await expectTokensMatch(page, 'llama3_1');
    expect(ref.special[0]).toBe(1);
    expect(tokens[0]!.special).toBe(true);
    // exactly one element per token
    expect(await view(page).locator(sel.token).count()).toBe(ref.ids.length);
    expectClean(s);
  });

  it('keeps the text across a reload', async () => {
    const s = await open('?view=tokens&tokenizer=llama3_1');
    const { page } = s;
    await waitForTokenizer(page, 'llama3_1');
    const text = 'Reload me 🙂 — 保存されたテキスト\n  with  spaces\tand tabs';
    await page.locator(sel.textInput).fill(text);
    await expectTokensMatch(page, 'llama3_1');
    // give a debounced URL / storage write a moment before reloading
    await page.waitForTimeout(1000);
    await page.reload();
    await page.locator(sel.textInput).waitFor();
    await expect.poll(() => textValue(page), { timeout: 15_000 }).toBe(text);
    const shown = await page.locator(sel.tokenizerSelect).inputValue();
    await waitForTokenizer(page, shown);
    await expectTokensMatch(page, shown);
    expectClean(s);
  });

  it('opens the tokenizer and text given in ?view=tokens&tokenizer=&text=', async () => {
    const cases: [string, string][] = [
      ['qwen3', 'URL text: a+b=c & d#1 100% ✓ 🙂 中文字符\n  next line'],
      ['bert-base-uncased', 'Hello World! BERT lowercases: ÉCOLE naïve 東京'],
      ['llama3_1', '   leading spaces, trailing tab\t'],
    ];
    for (const [id, text] of cases) {
      const s = await open(`?view=tokens&tokenizer=${encodeURIComponent(id)}&text=${encodeURIComponent(text)}`);
      const { page } = s;
      await waitForTokenizer(page, id);
      expect(await page.locator(sel.tokenizerSelect).inputValue()).toBe(id);
      expect(await view(page).getAttribute('data-tokenizer')).toBe(id);
      expect(await textValue(page)).toBe(text);
      await expectTokensMatch(page, id);
      expectClean(s);
    }
  });

  it('accepts a form-encoded text param (URLSearchParams: + for space)', async () => {
    const text = 'plus means space here: 1 + 1 = 2';
    const s = await open(tokensUrl('gpt2', text));
    await waitForTokenizer(s.page, 'gpt2');
    expect(await textValue(s.page)).toBe(text);
    await expectTokensMatch(s.page, 'gpt2');
    expectClean(s);
  });

  it('loads a text file picked with the file input; tokens equal the reference', async () => {
    const s = await open('?view=tokens&tokenizer=llama3_1');
    const { page } = s;
    await waitForTokenizer(page, 'llama3_1');
    const content = 'From a file 📄\nLine two: 日本語テキスト, emoji 👩🏽‍💻\n\n\tindented\n';
    await page.locator(sel.fileInput).setInputFiles({
      name: 'sample.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(content, 'utf8'),
    });
    await expect.poll(() => textValue(page), { timeout: 15_000 }).toBe(content);
    await expectTokensMatch(page, 'llama3_1');

    // switching tokenizer keeps the file's text
    await selectTokenizer(page, 'qwen3');
    await expectTokensMatch(page, 'qwen3');
    expectClean(s);
  });

  it('loads a CRLF text file: tokens equal the reference for the text the page holds', async () => {
    const s = await open('?view=tokens&tokenizer=gpt2');
    const { page } = s;
    await waitForTokenizer(page, 'gpt2');
    const raw = 'Windows line endings\r\nsecond line 🙂\r\nthird 汉字\r\n';
    await page.locator(sel.fileInput).setInputFiles({
      name: 'crlf.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(raw, 'utf8'),
    });
    const lf = raw.replace(/\r\n?/g, '\n');
    await expect.poll(() => textValue(page), { timeout: 15_000 }).toBe(lf);
    // A textarea holds CR LF as LF, so the tokens must be those of the LF text the user sees.
    await expectTokensMatch(page, 'gpt2');
    expectClean(s);
  });
});
