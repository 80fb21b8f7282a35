// The engine's optimized code must outlast a long text's first result and first edit. In Chromium, the first transfer
// of a typed array of a kind, and the first transfer of a buffer that has had two views, make V8 throw away a thread's
// optimized typed-array code; they used to be the first large result and the first edit's (a buffer of the result
// pool), so that edit re-ran and re-compiled the edit path. `transferTypedArraysOnce` (src/worker/protocol.ts) makes
// the first kind happen at start-up, and the worker never does the second (`ResultPool` keeps buffers without views);
// the page does both at start-up. V8 says so itself with `--trace-deopt --trace-protector-invalidation`: this runs
// Chromium with those flags and reads what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { SAMPLE, countBecomes, rustCount, sel, url, waitForTokenizer } from './helpers';

const PROTECTOR = 'Invalidating protector cell ArrayBufferDetaching';
/** The lazy deopts the two first-time transfers cause (a protector is a property cell). */
const DISCARDED = /for deoptimization, reason: dependent (prototype chain|property cell) changed/;

let browser: Browser;
let chrome: ChildProcess;
let profile: string;
const printed: string[] = [];

beforeAll(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenlab-v8-'));
  // Line-buffered: V8 prints with stdio, block-buffered into a pipe, and a renderer's buffer is not flushed when it exits.
  chrome = spawn('stdbuf', ['-oL', CHROMIUM, '--headless', ...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--js-flags=--trace-deopt --trace-protector-invalidation', 'about:blank'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  readline.createInterface({ input: chrome.stdout! }).on('line', (line) => printed.push(line));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    chrome.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      const m = /DevTools listening on (ws:\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    chrome.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-2000)}`)));
  });
  browser = await chromium.connectOverCDP(endpoint);
});

afterAll(async () => {
  await browser?.close();
  // The whole process group (its own: `detached`), so no helper process is left writing the profile.
  if (chrome?.pid !== undefined && chrome.exitCode === null) {
    const exited = new Promise((resolve) => chrome.once('exit', resolve));
    process.kill(-chrome.pid, 'SIGKILL');
    await exited;
  }
  fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

/** A long text: large enough that its result is transferred (not copied), and encoded in many chunks. */
function longText(): string {
  let text = '';
  for (let i = 0; text.length < 200_000; i++) text += `${SAMPLE} ${i}${i % 5 ? ' ' : '\n'}`;
  return text;
}

describe('compiled code', () => {
  it('a long text’s first result and first edit discard no optimized code', async () => {
    const id = 'llama2';
    const page = await browser.contexts()[0]!.newPage();
    try {
      await page.goto(url(`?view=tokens&tokenizer=${id}`));
      await waitForTokenizer(page, id);
      const atStart = printed.length;
      let text = longText();
      await page.locator(sel.fileInput).setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
      await countBecomes(page, await rustCount(id, text));
      // Long enough for the worker to have readied pool buffers (filled through a view of their own), so the first
      // edit's result is written into one of them.
      await page.waitForTimeout(200);
      await page.locator(sel.textInput).click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('zq ');
      text = `zq ${text}`;
      await countBecomes(page, await rustCount(id, text));
      await page.waitForTimeout(200);

      const after = printed.slice(atStart);
      expect(after.filter((l) => DISCARDED.test(l))).toEqual([]);
      expect(after.filter((l) => l.includes(PROTECTOR))).toEqual([]);

      // And V8's output did reach us, in the words matched above: the page invalidated the protector on purpose at
      // start-up, and a prototype changed under optimized code is reported as such.
      expect(printed.slice(0, atStart).filter((l) => l.includes(PROTECTOR)).length).toBeGreaterThanOrEqual(1);
      const beforeControl = printed.length;
      await page.evaluate(async () => {
        const proto: { x: number; y?: number } = { x: 1 };
        const holder = Object.create(proto) as typeof proto;
        const readX = (o: typeof proto) => o.x;
        let sum = 0;
        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < 3e6; i++) sum += readX(holder);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        proto.y = sum;
      });
      await expect.poll(() => printed.slice(beforeControl).some((l) => DISCARDED.test(l)), { timeout: 5000 }).toBe(true);
    } finally {
      await page.close();
    }
  });
});
