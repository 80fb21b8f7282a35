// Global setup for the e2e suite: build the app once, serve dist/ on 127.0.0.1, hand the URL to the tests.
//   E2E_BASE_URL=http://...  test an already running server (no build, no server)
//   E2E_SKIP_BUILD=1         serve the existing dist/ without rebuilding
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/e2e-server.mjs';
import { CHROMIUM } from './chromium';

const ROOT = path.resolve(import.meta.dirname, '../..');

function run(label: string, args: string[]): void {
  const t0 = Date.now();
  // Vitest sets NODE_ENV=test, which would make `vite build` bundle development React: slow, and not what ships.
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' }, timeout: 15 * 60_000 });
  if (r.status !== 0) {
    throw new Error(`e2e global setup: ${label} failed (exit ${r.status ?? r.signal ?? r.error?.message})`);
  }
  console.log(`e2e: ${label} done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `e2e: ${CHROMIUM} is missing. Install Debian Chromium first: apt-get update && apt-get install -y chromium`,
    );
  }
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/+$/, ''));
    return async () => {};
  }
  const dist = path.join(ROOT, 'dist');
  if (process.env.E2E_SKIP_BUILD !== '1' || !fs.existsSync(path.join(dist, 'index.html'))) {
    if (fs.existsSync(path.join(ROOT, 'scripts/vendor-tokenizers.mjs'))) {
      run('vendor tokenizers', ['scripts/vendor-tokenizers.mjs']);
    }
    run('vite build', [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
  }
  const server = await serve(dist);
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
