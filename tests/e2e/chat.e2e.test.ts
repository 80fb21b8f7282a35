// Chat-template studio in Chromium: renders equal Python Jinja2 (transformers' settings) and token counts equal the
// Rust `tokenizers` library, both computed here; errors at line:column; a hostile template stops within 2 s with
// the page responsive; malformed JSON keeps the last conversation; axe-core in both themes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderWithPython } from '../fixtures/chat/python-oracle';
import { encodeTemplate } from '../../src/features/chat/share';
import { ROOT, formatViolations, runAxe, rustEncode, type Session, sharedBrowser } from './helpers';

const chromium = sharedBrowser();

async function open(query: string, colorScheme: 'light' | 'dark' = 'light', width = 1280): Promise<Session> {
  const s = await chromium.open(query, { colorScheme });
  if (width !== 1280) await s.page.setViewportSize({ width, height: 1080 });
  return s;
}

const sel = {
  messages: '[data-testid="messages-json"]',
  agp: '[data-testid="add-generation-prompt"]',
  output: '[data-testid="chat-output"]',
  count: '[data-testid="chat-token-count"]',
  error: '[data-testid="template-error"]',
} as const;

type Msg = { role: string; content: string };

const CONVERSATIONS: Record<string, Msg[]> = {
  system: [
    { role: 'system', content: 'You are terse. Reply in one line.' },
    { role: 'user', content: 'Name three prime numbers — and café ✓ 🙂.' },
  ],
  turns: [
    { role: 'user', content: 'Hi there' },
    { role: 'assistant', content: 'Hello! How can I help?' },
    { role: 'user', content: '  Count to three,\nplease.  ' },
  ],
};

const content = (t: unknown): string | null => (t == null ? null : typeof t === 'string' ? t : ((t as { content?: string }).content ?? null));

function configOf(id: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'public/tokenizers', id, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
}

/** Python Jinja2's render with exactly the context transformers passes (special tokens that are set, tools/documents None). */
function pythonRender(id: string, messages: Msg[], addGenerationPrompt: boolean): string {
  const cfg = configOf(id);
  const special: Record<string, string> = {};
  for (const k of ['bos_token', 'eos_token', 'unk_token', 'pad_token', 'sep_token', 'cls_token', 'mask_token']) {
    const v = content(cfg[k]);
    if (v != null) special[k] = v;
  }
  const [r] = renderWithPython([{ template: String(cfg.chat_template), context: { messages, tools: null, documents: null, add_generation_prompt: addGenerationPrompt, ...special }, now: new Date().toISOString() }]);
  if (!r || !('text' in r)) throw new Error(`python failed to render ${id}: ${JSON.stringify(r)}`);
  return r.text;
}

async function setConversation(page: Page, messages: Msg[], addGenerationPrompt: boolean): Promise<void> {
  await page.locator(sel.messages).fill(JSON.stringify(messages, null, 2));
  const box = page.locator(sel.agp);
  if ((await box.isChecked()) !== addGenerationPrompt) await box.click();
}

/** Poll until the output is ready and equal to `want`, then until the token count equals the Rust count. */
async function expectRender(page: Page, id: string, want: string): Promise<void> {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < 6000) {
    const status = await page.locator(sel.output).getAttribute('data-status');
    const got = await page.locator(sel.output).evaluate((el) => el.textContent);
    if (status === 'ready' && got === want) break;
    last = `status=${status} got ${JSON.stringify(got?.slice(0, 120))}`;
    await page.waitForTimeout(100);
  }
  expect(await page.locator(sel.output).evaluate((el) => el.textContent), last).toBe(want);
  const ref = (await rustEncode(id, want, false)).ids.length;
  await expect.poll(async () => Number(((await page.locator(sel.count).textContent().catch(() => '')) ?? '').replace(/[^\d]/g, '')), { timeout: 20_000 }).toBe(ref);
}

async function openStudio(id: string): Promise<Session> {
  const s = await open(`?view=chat&tokenizer=${id}`);
  await s.page.locator(sel.messages).waitFor({ timeout: 30_000 });
  return s;
}

async function setTemplate(page: Page, template: string): Promise<void> {
  const editor = page.locator('.cm-content');
  await editor.waitFor({ timeout: 20_000 });
  await editor.fill(template);
}

describe('chat-template studio', () => {
  it('qwen3: the render equals Python Jinja2 and the token count equals Rust, with and without the generation prompt', async () => {
    const { page, problems } = await openStudio('qwen3');
    for (const agp of [true, false]) {
      await setConversation(page, CONVERSATIONS.turns!, agp);
      await expectRender(page, 'qwen3', pythonRender('qwen3', CONVERSATIONS.turns!, agp));
    }
    expect(problems).toEqual([]);
  });

  for (const id of ['llama3_1', 'gemma3']) {
    it(`${id}: two conversations equal Python Jinja2 and Rust`, async () => {
      const { page, problems } = await openStudio(id);
      for (const name of ['system', 'turns']) {
        await setConversation(page, CONVERSATIONS[name]!, true);
        await expectRender(page, id, pythonRender(id, CONVERSATIONS[name]!, true));
      }
      expect(problems).toEqual([]);
    });
  }

  it('shows a syntax error at its line and column, marks it in the editor, and resets to the original', async () => {
    const { page } = await openStudio('qwen3');
    await page.locator(sel.output).and(page.locator('[data-status="ready"]')).waitFor();
    await setTemplate(page, '{% for m in messages %}\n{{ m.content + }}\n{% endfor %}');
    const error = page.locator(sel.error);
    await error.waitFor({ timeout: 6000 });
    expect(await error.textContent()).toMatch(/line 2:\d+/);
    expect(await page.locator(sel.output).getAttribute('data-status')).toBe('error');
    await page.locator('.cm-error-mark').first().waitFor({ timeout: 3000 });
    await page.getByRole('button', { name: 'Reset to original' }).click();
    await page.locator(sel.output).and(page.locator('[data-status="ready"]')).waitFor({ timeout: 6000 });
    expect(await page.locator(sel.output).textContent()).toContain('<|im_start|>');
  });

  // Timings are not asserted (CI machines vary): the message proves the watchdog stopped the render.
  it('stops a 10**9 loop with a clear message while the page stays responsive', async () => {
    const { page } = await openStudio('qwen3');
    await page.locator(sel.output).and(page.locator('[data-status="ready"]')).waitFor();
    await page.locator('.cm-content').waitFor();
    await setTemplate(page, '{% for i in range(10**9) %}{{ i }}{% endfor %}');
    await page.locator(sel.error).waitFor({ timeout: 15_000 });
    expect(await page.locator(sel.error).textContent()).toMatch(/limit|stopped|exceeds/i);
    // The main thread answers, and editing the conversation still works.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await page.getByRole('button', { name: 'Reset to original' }).click();
    await setConversation(page, CONVERSATIONS.system!, true);
    await expectRender(page, 'qwen3', pythonRender('qwen3', CONVERSATIONS.system!, true));
  });

  it('terminates a render that outlives the 2 s wall clock (one slow step after another), and the next render works', async () => {
    const { page } = await openStudio('qwen3');
    await page.locator(sel.output).and(page.locator('[data-status="ready"]')).waitFor();
    await page.locator('.cm-content').waitFor();
    // Each replace() on an 8 MB string is one step: no cooperative guard fires, only the wall clock.
    await setTemplate(page, "{% set s = 'ab' * 4000000 %}{% for i in range(300) %}{% set t = s.replace('a', 'c') %}{% endfor %}done");
    await page.locator(sel.error).waitFor({ timeout: 15_000 });
    expect(await page.locator(sel.error).textContent()).toMatch(/more than 2 s/);
    await page.getByRole('textbox', { name: 'System prompt' }).fill('Still responsive.');
    await page.getByRole('button', { name: 'Reset to original' }).click();
    await setConversation(page, CONVERSATIONS.turns!, false);
    await expectRender(page, 'qwen3', pythonRender('qwen3', CONVERSATIONS.turns!, false));
  });

  it('opens a shared template from ?template= and takes it out of the address bar', async () => {
    const shared = 'Shared: {{ messages | length }} message(s){% if add_generation_prompt %} >{% endif %}';
    const { page } = await open(`?view=chat&tokenizer=qwen3&template=${await encodeTemplate(shared)}`);
    await page.locator(sel.messages).waitFor();
    await setConversation(page, CONVERSATIONS.turns!, true);
    await page.locator(sel.output).and(page.locator('[data-status="ready"]')).waitFor();
    await expect.poll(() => page.locator(sel.output).textContent(), { timeout: 6000 }).toBe('Shared: 3 message(s) >');
    expect(new URL(page.url()).searchParams.has('template')).toBe(false);
    expect(await page.getByRole('button', { name: 'Reset to original' }).isEnabled()).toBe(true);
  });

  it('keeps the last valid conversation and the typed text when the JSON is malformed, across a reload', async () => {
    const { page } = await openStudio('qwen3');
    await setConversation(page, CONVERSATIONS.system!, true);
    const good = pythonRender('qwen3', CONVERSATIONS.system!, true);
    await expectRender(page, 'qwen3', good);
    const broken = '[{"role": "user", "content": "unfinished';
    await page.locator(sel.messages).fill(broken);
    await page.getByText(/Not valid JSON/).waitFor();
    expect(await page.locator(sel.output).textContent()).toBe(good);
    await page.waitForTimeout(600);
    await page.reload();
    await page.locator(sel.messages).waitFor();
    expect(await page.locator(sel.messages).inputValue()).toBe(broken);
    await page.locator(sel.output).and(page.locator('[data-status="ready"]')).waitFor({ timeout: 15_000 });
    expect(await page.locator(sel.output).textContent()).toBe(good);
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const tab of ['Studio', 'Base vs instruct', 'Compare templates']) {
      it(`has no axe violations (${tab}, ${scheme})`, async () => {
        const { page } = await open('?view=chat&tokenizer=llama3_1', scheme);
        await page.locator(sel.messages).waitFor();
        if (tab !== 'Studio') await page.getByRole('tab', { name: tab }).click();
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 20_000 });
        await page.waitForTimeout(300);
        const violations = await runAxe(page);
        expect(violations, formatViolations(violations)).toEqual([]);
      });
    }
  }
});
