/* global process, console, URL, document, getComputedStyle, matchMedia */
// 1920x1080 screenshots of every view (tokens, compare, chat, batch) in the light and the dark theme, into docs/screenshots/.
// Builds nothing: either point it at a running app, or it serves the existing dist/ itself.
//   node scripts/screenshots.mjs [--url http://127.0.0.1:4173] [--out docs/screenshots]
//   (after `npm run build`; needs Debian Chromium at /usr/bin/chromium)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './e2e-server.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const SAMPLE = [
  'Tokenizers split text into pieces: "unbelievably" is not always one token. 🙂',
  '',
  'function greet(name) {',
  "  return `Hello, ${name}!`; // code tokenizes differently",
  '}',
  '東京は日本の首都です。你好，世界！ 🚀✨',
].join('\n');

const readyAttr = (selector, attr, value) => `document.querySelector('${selector}')?.getAttribute('${attr}') === '${value}'`;
const SHOTS = [
  {
    name: 'tokens', query: `view=tokens&tokenizer=llama3_1&text=${encodeURIComponent(SAMPLE)}`,
    ready: () => {
      const v = document.querySelector('[data-testid="token-view"]');
      return v?.getAttribute('data-tokenizer') === 'llama3_1' && v.getAttribute('data-status') === 'ready' && v.querySelector('[data-token-index]');
    },
  },
  {
    name: 'compare', query: `view=compare&tokenizers=gpt2,llama3_1,gemma3&text=${encodeURIComponent(SAMPLE)}`,
    ready: () => {
      const panes = [...document.querySelectorAll('[data-testid="compare-pane"]')];
      return panes.length === 3 && panes.every((p) => p.getAttribute('data-status') === 'ready');
    },
  },
  { name: 'chat', query: 'view=chat&tokenizer=qwen3', ready: new Function(`return ${readyAttr('[data-testid="chat-output"]', 'data-status', 'ready')};`) },
  { name: 'batch', query: 'view=batch&tokenizer=gpt2', ready: () => document.querySelectorAll('[data-testid="padded-batch"] [data-row]').length > 0 },
];

const outDir = path.resolve(ROOT, arg('out', 'docs/screenshots'));
let base = arg('url', process.env.SCREENSHOT_URL);
let server = null;
if (!fs.existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  process.exit(1);
}
if (!base) {
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    console.error('dist/ is not built: run `npm run build` first, or pass --url of a running app');
    process.exit(1);
  }
  server = await serve(dist);
  base = server.url;
}
base = base.replace(/\/+$/, '');

/** The theme the page renders (class / data-theme on <html> or <body>, else the color-scheme). */
const currentTheme = (page) =>
  page.evaluate(() => {
    for (const el of [document.documentElement, document.body]) {
      const t = el.dataset.theme ?? el.getAttribute('data-color-mode');
      if (t === 'dark' || t === 'light') return t;
      if (el.classList.contains('dark')) return 'dark';
      if (el.classList.contains('light')) return 'light';
    }
    const cs = getComputedStyle(document.documentElement).colorScheme;
    return cs === 'dark' || (cs.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches) ? 'dark' : 'light';
  });

async function setTheme(page, want) {
  if ((await currentTheme(page)) === want) return;
  const select = page.getByRole('combobox', { name: /theme/i });
  if ((await select.count()) > 0) await select.first().selectOption(want);
  else {
    const toggle = page
      .locator('[data-testid="theme-toggle"]')
      .or(page.getByRole('button', { name: /\btheme\b|dark mode|light mode/i }))
      .or(page.getByRole('switch', { name: /\btheme\b|dark mode|light mode/i }))
      .first();
    for (let i = 0; i < 3 && (await currentTheme(page)) !== want; i++) await toggle.click();
  }
  if ((await currentTheme(page)) !== want) throw new Error(`could not switch the theme to ${want}`);
}

fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
let failed = false;
try {
  for (const theme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, colorScheme: theme });
    for (const shot of SHOTS) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${base}/?${shot.query}`);
      await page.waitForFunction(shot.ready, shot.arg ?? null, { timeout: 60_000 });
      await setTheme(page, theme);
      await page.mouse.move(0, 0);
      await page.waitForTimeout(700); // transitions, fonts, lazy details
      const file = path.join(outDir, `${shot.name}-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(ROOT, file)}`);
      if (errors.length) {
        failed = true;
        console.error(`page errors (${shot.name}, ${theme}): ${errors.join(' | ')}`);
      }
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server?.close();
}
process.exit(failed ? 1 : 0);
