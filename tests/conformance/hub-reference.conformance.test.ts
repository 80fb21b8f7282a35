// Conformance: real Hub tokenizers that are not bundled (../shared/reference/tokenizers: T5 Unigram, Mistral, Phi-3,
// Falcon, Whisper, RoBERTa, …) served by the mock Hub on 127.0.0.1, loaded through the UI by Hub id, must tokenize
// exactly as Rust `tokenizers` (ids and offsets), and their card's vocabulary size must equal Rust's.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serve } from '../../scripts/e2e-server.mjs';
import { firstDiff, launchBrowser, readTokens, ROOT, SAMPLE, sel, type Reference } from '../e2e/helpers';
import { startMockHub, type MockHub, type MockRepo } from '../e2e/mock-hub';
import { HARD_INPUTS } from '../fixtures/hard-inputs';

const REF = path.resolve(ROOT, '../shared/reference/tokenizers');
const folders = fs.existsSync(REF) ? fs.readdirSync(REF).filter((f) => fs.existsSync(path.join(REF, f, 'tokenizer.json'))) : [];
const { Tokenizer } = createRequire(import.meta.url)('tokenizers') as typeof import('tokenizers');
const TEXTS = [SAMPLE, ...HARD_INPUTS.filter((_, i) => i % 4 === 0)];

let browser: Browser;
let hub: MockHub;
let app: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  if (!folders.length) return;
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html')) || process.env.CONFORMANCE_BUILD === '1') {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  app = await serve(dist);
  const repos: Record<string, MockRepo> = {};
  for (const f of folders) {
    const files = Object.fromEntries(fs.readdirSync(path.join(REF, f)).map((n) => [n, path.join(REF, f, n)]));
    repos[`reference/${f}`] = { revisions: { main: files } };
  }
  hub = await startMockHub(repos);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await app?.close();
});

async function reference(tok: InstanceType<typeof Tokenizer>, text: string): Promise<Reference> {
  const enc = await tok.encode(text, null, { addSpecialTokens: true });
  const cps = Array.from(text);
  const u16 = [0];
  for (const c of cps) u16.push(u16[u16.length - 1]! + c.length);
  const conv = (i: number) => u16[Math.min(i, cps.length)]!;
  return { ids: enc.getIds(), offsets: enc.getOffsets().map(([s, e]) => [conv(s!), conv(e!)] as [number, number]), special: enc.getSpecialTokensMask() };
}

async function ready(page: Page, id: string) {
  try {
    await page.waitForFunction(([s, t]) => document.querySelector(s!)?.getAttribute('data-tokenizer') === t && document.querySelector(s!)?.getAttribute('data-status') === 'ready', [sel.view, id] as const, { timeout: 60_000 });
  } catch (e) {
    const state = await page.evaluate(() => [...document.querySelectorAll('[data-testid="load-error"], [data-testid="load-progress"], [role="alert"]')].map((el) => el.textContent).join(' | '));
    throw new Error(`${id} never became active: ${state}`, { cause: e });
  }
}

describe.skipIf(!folders.length).each(folders)('Hub tokenizer reference/%s', (folder) => {
  it('loads by Hub id and tokenizes exactly as Rust', async () => {
    const id = `reference/${folder}`;
    const ref = Tokenizer.fromFile(path.join(REF, folder, 'tokenizer.json'));
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/?view=tokens&tokenizer=gpt2&hub=${encodeURIComponent(hub.url)}`);
      await page.locator('[data-testid="hub-model-input"]').fill(id);
      await page.locator('[data-testid="hub-model-input"]').press('Enter');
      await ready(page, id);
      await expect.poll(() => page.locator('[data-testid="tokenizer-card"]').getAttribute('data-vocab-size'), { timeout: 10_000 }).toBe(String(ref.getVocabSize(true)));
      for (const raw of TEXTS) {
        const text = raw.toWellFormed();
        await page.locator(sel.textInput).fill(raw);
        const want = await reference(ref, text.replace(/\r\n?/g, '\n'));
        const wantRaw = await reference(ref, text);
        await expect
          .poll(async () => {
            if ((await page.locator(sel.view).getAttribute('data-status')) !== 'ready') return 'loading';
            const got = await readTokens(page);
            return firstDiff(got, want) === null || firstDiff(got, wantRaw) === null ? null : firstDiff(got, wantRaw);
          }, { timeout: 15_000, message: `${folder} ${JSON.stringify(raw.slice(0, 40))}` })
          .toBeNull();
      }
    } finally {
      await context.close();
    }
  });
});
