/* global process, console, performance, Buffer, URL */
// `npm run bench`: encode + offsets on 1 MB of mixed text for every bundled tokenizer, as a ratio to the Rust
// `tokenizers` library measured in the same run, plus outside anchors. Writes bench/RESULTS.md.
// Absolute times on these machines are noisy; ratios within one run are what we compare.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { bundleTs } from './bundle-core.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenlab-bench-'));
const engine = await import(pathToFileURL(await bundleTs(path.join(ROOT, 'src/core/tokens/engine/index.ts'), path.join(tmp, 'engine.mjs'))).href);
const { HARD_INPUTS } = await import(pathToFileURL(await bundleTs(path.join(ROOT, 'tests/fixtures/hard-inputs.ts'), path.join(tmp, 'inputs.mjs'))).href);
const { Tokenizer: RustTokenizer } = require('tokenizers');

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const only = process.argv[2]?.split(',');

/**
 * 1 MB (1,000,000 UTF-16 units) of mixed text: prose, code, CJK, emoji, whitespace runs, digits. The pieces come in
 * a seeded random order, each followed by its running number, so the text never repeats itself: a periodic text
 * would let our chunk cache reuse whole chunks within one encode, which says nothing about real documents.
 */
export function mixedText(size = 1_000_000) {
  let seed = 20261128;
  const next = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  let text = '';
  for (let i = 0; text.length < size; i++) text += `${HARD_INPUTS[Math.floor(next() * HARD_INPUTS.length)].toWellFormed()} ${i}${next() < 0.3 ? '\n' : ' '}`;
  return text.slice(0, size).toWellFormed();
}

async function median(fn, fresh = () => undefined) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const state = await fresh();
    const t0 = performance.now();
    result = await fn(state);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const text = mixedText();
const mb = Buffer.byteLength(text, 'utf8') / 1e6;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/tokenizers/manifest.json'), 'utf8'));
const rows = [];
for (const { id } of manifest.tokenizers) {
  if (only && !only.includes(id)) continue;
  const file = path.join(ROOT, 'public/tokenizers', id, 'tokenizer.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Both libraries cache (Rust its words, ours words and chunks): every timed run gets a new, cold instance.
  const r = await median(async (rust) => { const e = await rust.encode(text, null, { addSpecialTokens: true }); return { ids: e.getIds(), offsets: e.getOffsets() }; }, () => RustTokenizer.fromFile(file));
  const o = await median((ours) => ours.encodeArrays(text, { addSpecialTokens: true }), () => engine.createTokenizer(json));
  const same = o.result.ids.length === r.result.ids.length && o.result.ids.every((x, i) => x === r.result.ids[i]);
  // Offsets too, converted from Rust's code points to UTF-16 units.
  const cps = Array.from(text);
  const u16 = [0];
  for (const c of cps) u16.push(u16[u16.length - 1] + c.length);
  const offsetsSame = same && r.result.offsets.every(([s, e], i) => (s === 0 && e === 0) || (o.result.starts[i] === u16[s] && o.result.ends[i] === u16[e]));
  const anchors = {};
  try {
    // Its Emscripten loader expects CommonJS globals even though the package is ESM.
    globalThis.require ??= require;
    globalThis.__filename ??= require.resolve('@mlc-ai/web-tokenizers');
    await import('@mlc-ai/web-tokenizers');
    // A UMD bundle: loaded as ESM it has no exports and registers `globalThis.tokenizers` instead.
    const WebTokenizer = globalThis.tokenizers.Tokenizer;
    const bytes = fs.readFileSync(file);
    const wt = await WebTokenizer.fromJSON(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    anchors.web = (await median(() => wt.encode(text))).ms;
    wt.dispose();
  } catch (e) { anchors.web = `n/a (${String(e.message ?? e).slice(0, 40)})`; }
  try {
    // tokenizers.js (what transformers.js wraps): ids only, no offsets.
    const { Tokenizer: JsTokenizer } = await import('@huggingface/tokenizers');
    const js = new JsTokenizer(JSON.parse(fs.readFileSync(file, 'utf8')), JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'tokenizer_config.json'), 'utf8')));
    anchors.tokenizersJs = (await median(() => js.encode(text))).ms;
  } catch (e) { anchors.tokenizersJs = `n/a (${String(e.message ?? e).slice(0, 40)})`; }
  if (id === 'gpt4o' || id === 'gpt35turbo') {
    const { get_encoding } = await import('tiktoken');
    const enc = get_encoding(id === 'gpt4o' ? 'o200k_base' : 'cl100k_base');
    anchors.tiktoken = (await median(() => enc.encode(text, 'all'))).ms;
    enc.free();
    const gt = await import(id === 'gpt4o' ? 'gpt-tokenizer/encoding/o200k_base' : 'gpt-tokenizer/encoding/cl100k_base');
    anchors.gptTokenizer = (await median(() => gt.encode(text, { allowedSpecial: 'all' }))).ms;
  }
  rows.push({ id, ours: o.ms / mb, rust: r.ms / mb, ratio: o.ms / r.ms, tokens: o.result.ids.length, same: offsetsSame, anchors });
  const fmt = (v) => (typeof v === 'number' ? (v / mb).toFixed(0) : v);
  console.log(`${id.padEnd(18)} ours ${(o.ms / mb).toFixed(0).padStart(5)} ms/MB  rust ${(r.ms / mb).toFixed(0).padStart(5)} ms/MB  ratio ${(o.ms / r.ms).toFixed(2)}  ${offsetsSame ? 'ids+offsets equal' : 'DIFFER'}  web-tokenizers ${fmt(anchors.web)}  tokenizers.js ${fmt(anchors.tokenizersJs)}${anchors.tiktoken ? `  tiktoken ${fmt(anchors.tiktoken)}  gpt-tokenizer ${fmt(anchors.gptTokenizer)}` : ''}`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const lines = [
  '# Benchmark results',
  '',
  `Date: ${new Date().toISOString()} · machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version} · text: ${mb.toFixed(2)} MB of mixed text (\`scripts/bench.mjs\`), median of ${RUNS} runs.`,
  '',
  'Encode + offsets, per MB, each run on a new instance (cold caches). Ratio = ours / Rust `tokenizers` (Node bindings) in the same run; goal ≤ 1.5.',
  'Anchors (ids only, no offsets): `@mlc-ai/web-tokenizers` (Rust compiled to WASM), `@huggingface/tokenizers` (tokenizers.js, what transformers.js wraps), `tiktoken` (WASM), `gpt-tokenizer` (JS).',
  '',
  '| tokenizer | ours ms/MB | Rust ms/MB | ratio | tokens | ids + offsets equal Rust | web-tokenizers ms/MB | tokenizers.js ms/MB | tiktoken ms/MB | gpt-tokenizer ms/MB |',
  '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ...rows.map((r) => {
    const a = (v) => (v === undefined ? '' : typeof v === 'number' ? (v / mb).toFixed(0) : v);
    return `| ${r.id} | ${r.ours.toFixed(0)} | ${r.rust.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.tokens} | ${r.same ? 'yes' : '**no**'} | ${a(r.anchors.web)} | ${a(r.anchors.tokenizersJs)} | ${a(r.anchors.tiktoken)} | ${a(r.anchors.gptTokenizer)} |`;
  }),
  '',
];
const browser = path.join(ROOT, 'bench', 'browser-results.md');
const writeResults = () => fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), [...lines, ...(fs.existsSync(browser) ? [fs.readFileSync(browser, 'utf8')] : [])].join('\n'));
fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
writeResults();
console.log('wrote bench/RESULTS.md');
fs.rmSync(tmp, { recursive: true, force: true });

// The browser half (scripts/bench-browser.mjs) needs a build; it runs when the app has been built (dist/ exists),
// or always with BENCH_BROWSER=1, and its table is added to bench/RESULTS.md. BENCH_BROWSER=0 skips it.
if (process.env.BENCH_BROWSER !== '0' && (process.env.BENCH_BROWSER === '1' || fs.existsSync(path.join(ROOT, 'dist', 'index.html')))) {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench-browser.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status === 0) {
    writeResults();
    console.log('added bench/browser-results.md to bench/RESULTS.md');
  } else console.log(`bench-browser failed (exit ${r.status}); bench/RESULTS.md keeps the previous browser table, if any`);
}
