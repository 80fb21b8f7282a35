// Batch lab in Chromium: for several bundled tokenizers and both padding sides, the padded grid (ids, pad cells,
// attention mask) equals Rust `encodeBatch` with the same padding, the packed row is the concatenation with
// restarting positions, and the waste is right; a 1,000-line batch caps the drawn rows; axe in light and dark.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Tokenizer as RustTokenizer } from 'tokenizers';
import { formatViolations, launchBrowser, openPage, runAxe, tokenizerJsonPath } from './helpers';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('tokenizers') as typeof import('tokenizers');

const IDS = ['gpt2', 'llama3_1', 'llama2', 'bert-base-uncased', 'qwen3'];
const BATCHES = [
  ['Hello', 'How are you?', 'Good morning'],
  ['one', 'two three four five six', 'seven eight'],
  ['Crème brûlée 🙂', '你好，世界', 'x'],
];
type Side = 'left' | 'right';

interface Grid {
  padded: Array<Array<{ id: number; pad: boolean }>>;
  mask: number[][];
  packed: Array<{ id: number; pos: number }>;
  waste: string;
  status: string | null;
}

function readGrid(page: Page): Promise<Grid> {
  return page.evaluate(() => {
    const rows = (sel: string) => Array.from(document.querySelectorAll(`[data-testid="${sel}"] [data-row]`));
    return {
      padded: rows('padded-batch').map((r) => Array.from(r.querySelectorAll('[data-id]')).map((c) => ({ id: Number(c.getAttribute('data-id')), pad: c.getAttribute('data-pad') === 'true' }))),
      mask: rows('attention-mask').map((r) => Array.from(r.querySelectorAll('[data-mask]')).map((c) => Number(c.getAttribute('data-mask')))),
      packed: Array.from(document.querySelectorAll('[data-testid="packed-batch"] [data-id]')).map((c) => ({ id: Number(c.getAttribute('data-id')), pos: Number(c.getAttribute('data-position')) })),
      waste: document.querySelector('[data-testid="padding-waste"]')?.textContent ?? '',
      status: document.querySelector('[data-testid="batch-lab"]')?.getAttribute('data-status') ?? null,
    };
  });
}

/** The pad token the lab should use, from the files: config pad_token, else eos_token (transformers.js's fallback). */
function padTokenOf(id: string, rust: RustTokenizer): { padId: number; padToken: string } {
  const config = JSON.parse(fs.readFileSync(path.join(path.dirname(tokenizerJsonPath(id)), 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
  const content = (t: unknown): string | null => (t == null ? null : typeof t === 'string' ? t : ((t as { content?: string }).content ?? null));
  const padToken = content(config.pad_token) ?? content(config.eos_token);
  if (padToken === null) throw new Error(`${id}: neither pad_token nor eos_token`);
  const padId = rust.tokenToId(padToken);
  if (padId === null || padId === undefined) throw new Error(`${id}: ${padToken} not in vocabulary`);
  return { padId, padToken };
}

interface Expected {
  ids: number[][];
  mask: number[][];
  unpadded: number[][];
}

async function rustExpected(rust: RustTokenizer, id: string, lines: string[], side: Side): Promise<Expected> {
  rust.disableTruncation();
  rust.disablePadding();
  const unpadded = (await rust.encodeBatch(lines, { addSpecialTokens: true })).map((e) => e.getIds());
  rust.setPadding({ direction: side, ...padTokenOf(id, rust) });
  const padded = await rust.encodeBatch(lines, { addSpecialTokens: true });
  rust.disablePadding();
  return { ids: padded.map((e) => e.getIds()), mask: padded.map((e) => e.getAttentionMask()), unpadded };
}

function diff(grid: Grid, want: Expected): string | null {
  if (grid.status !== 'ready') return `status ${grid.status}`;
  const gotIds = grid.padded.map((r) => r.map((c) => c.id));
  if (JSON.stringify(gotIds) !== JSON.stringify(want.ids)) return `ids ${JSON.stringify(gotIds)} != ${JSON.stringify(want.ids)}`;
  const gotPads = grid.padded.map((r) => r.map((c) => (c.pad ? 0 : 1)));
  if (JSON.stringify(gotPads) !== JSON.stringify(want.mask)) return `pad cells ${JSON.stringify(gotPads)} != mask ${JSON.stringify(want.mask)}`;
  if (JSON.stringify(grid.mask) !== JSON.stringify(want.mask)) return `mask ${JSON.stringify(grid.mask)} != ${JSON.stringify(want.mask)}`;
  const packed = want.unpadded.flatMap((s) => s.map((tid, pos) => ({ id: tid, pos })));
  if (JSON.stringify(grid.packed) !== JSON.stringify(packed)) return `packed ${JSON.stringify(grid.packed)} != ${JSON.stringify(packed)}`;
  const slots = want.ids.length * want.ids[0]!.length;
  const real = want.unpadded.flat().length;
  const pct = ((100 * (slots - real)) / slots).toFixed(1);
  if (!grid.waste.includes(`${pct}%`)) return `waste ${JSON.stringify(grid.waste)} lacks ${pct}%`;
  return null;
}

async function expectGrid(page: Page, want: Expected, label: string): Promise<void> {
  const t0 = Date.now();
  let why: string | null = 'never read';
  while (Date.now() - t0 < 15_000) {
    why = diff(await readGrid(page), want);
    if (why === null) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${label}: ${why}`);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('batch lab equals Rust encodeBatch', () => {
  it.each(IDS)('%s: padded grid, mask and packed row, left and right', async (id) => {
    const rust = Tokenizer.fromFile(tokenizerJsonPath(id));
    const s = await openPage(browser, `?view=batch&tokenizer=${encodeURIComponent(id)}`);
    try {
      const input = s.page.locator('[data-testid="batch-input"]');
      await input.waitFor({ timeout: 30_000 });
      for (const lines of BATCHES) {
        await input.fill(lines.join('\n'));
        for (const side of ['left', 'right'] as const) {
          await s.page.locator('[data-testid="padding-side"]').selectOption(side);
          await expectGrid(s.page, await rustExpected(rust, id, lines, side), `${id} ${side} ${JSON.stringify(lines)}`);
        }
      }
      expect(s.problems).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('opens on the tokenizer’s own padding side (llama2: left, gpt2: right)', async () => {
    for (const [id, side] of [['llama2', 'left'], ['gpt2', 'right']] as const) {
      const s = await openPage(browser, `?view=batch&tokenizer=${id}`);
      try {
        await s.page.locator('[data-testid="batch-lab"][data-status="ready"]').waitFor({ timeout: 30_000 });
        expect(await s.page.locator('[data-testid="padding-side"]').inputValue()).toBe(side);
        const rust = Tokenizer.fromFile(tokenizerJsonPath(id));
        await expectGrid(s.page, await rustExpected(rust, id, BATCHES[0]!, side), `${id} default side`);
      } finally {
        await s.close();
      }
    }
  });

  it('a pasted 1,000-line batch draws 32 rows and counts all of them', async () => {
    const id = 'gpt2';
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i} ${'word '.repeat(i % 23)}`.trim());
    const rust = Tokenizer.fromFile(tokenizerJsonPath(id));
    const lengths = (await rust.encodeBatch(lines, { addSpecialTokens: true })).map((e) => e.getIds().length);
    const width = Math.max(...lengths);
    const real = lengths.reduce((a, b) => a + b, 0);
    const pct = ((100 * (1000 * width - real)) / (1000 * width)).toFixed(1);
    const s = await openPage(browser, `?view=batch&tokenizer=${id}`);
    try {
      await s.page.locator('[data-testid="batch-input"]').fill(lines.join('\n'));
      await expect.poll(() => s.page.locator('[data-testid="padding-waste"]').textContent(), { timeout: 20_000 }).toContain(`${pct}%`);
      expect(await s.page.locator('[data-testid="padded-batch"] [data-row]').count()).toBe(32);
      await expect.poll(() => s.page.locator('[data-testid="padded-shown"]').textContent()).toContain('Showing 32 of 1,000 sequences');
      expect(s.problems).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('batch lab accessibility', () => {
  it.each(['light', 'dark'] as const)('no axe violations (%s)', async (scheme) => {
    const s = await openPage(browser, '?view=batch&tokenizer=llama2', { colorScheme: scheme });
    try {
      await s.page.locator('[data-testid="batch-lab"][data-status="ready"]').waitFor({ timeout: 30_000 });
      const dark = await s.page.evaluate(() => document.documentElement.classList.contains('dark') || document.documentElement.dataset.theme === 'dark');
      expect(dark).toBe(scheme === 'dark');
      const violations = await runAxe(s.page);
      expect(violations, formatViolations(violations)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
