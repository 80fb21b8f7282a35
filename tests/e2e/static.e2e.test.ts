// The built app as served: bundled tokenizers and manifest, SPA fallback, 404s for missing assets.
import { describe, expect, it } from 'vitest';
import { baseUrl } from './helpers';

const BUNDLED = [
  'gpt2',
  'llama3_1',
  'qwen3',
  'gpt4o',
  'gpt35turbo',
  'deepseek_v3',
  'llama2',
  'gemma3',
  'gptoss',
  'bert-base-uncased',
];

describe('served build', () => {
  it('lists every bundled tokenizer in /tokenizers/manifest.json and serves its tokenizer.json', async () => {
    const res = await fetch(`${baseUrl()}/tokenizers/manifest.json`);
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as { id: string }[] | { tokenizers: { id: string }[] };
    const ids = (Array.isArray(manifest) ? manifest : manifest.tokenizers).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(BUNDLED));
    for (const id of BUNDLED) {
      const r = await fetch(`${baseUrl()}/tokenizers/${encodeURIComponent(id)}/tokenizer.json`, { method: 'HEAD' });
      expect(r.status, id).toBe(200);
      expect(r.headers.get('content-type'), id).toMatch(/^application\/json/);
    }
  });

  it('serves index.html for app routes and 404 for missing assets', async () => {
    const home = await fetch(`${baseUrl()}/?view=tokens`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await home.text();
    expect(html).toContain('<div id="root">');
    const route = await fetch(`${baseUrl()}/some/route`);
    expect(route.status).toBe(200);
    const missing = await fetch(`${baseUrl()}/tokenizers/nope/tokenizer.json`);
    expect(missing.status).toBe(404);
    // every script the page loads is served as JavaScript
    for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
      const r = await fetch(new URL(m[1]!, `${baseUrl()}/`));
      expect(r.status, m[1]).toBe(200);
      expect(r.headers.get('content-type'), m[1]).toMatch(/javascript/);
    }
  });
});
