/* global process, console, setTimeout, clearTimeout, URL */
// `npm test`: every test in the repo.
//   1. vitest run                                    unit (node) + component (jsdom), vite.config.ts's test block
//   2. vitest run --config vitest.e2e.config.ts      e2e in Chromium against the built app
// Counts come from vitest's JSON reporter; the last line printed is `N passed, N failed[, N skipped]`.
// Exit code 0 only when nothing failed and neither runner crashed.
// Env: TEST_ALL_ONLY=unit|e2e runs one part; TEST_ALL_SUMMARY=<file> also writes the totals as JSON.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OUT = path.join(ROOT, 'test-results');
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');

const runs = [
  { name: 'unit+component', args: ['run', '--passWithNoTests'], json: 'vitest-unit.json', timeoutMin: 12 },
  { name: 'e2e', args: ['run', '--config', 'vitest.e2e.config.ts'], json: 'vitest-e2e.json', timeoutMin: 15 },
].filter((r) => !process.env.TEST_ALL_ONLY || r.name.startsWith(process.env.TEST_ALL_ONLY));

function runVitest(run) {
  const jsonFile = path.join(OUT, run.json);
  fs.rmSync(jsonFile, { force: true });
  const args = [VITEST, ...run.args, '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`];
  console.log(`\n=== ${run.name}: vitest ${run.args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: process.env, detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${run.name}: timed out after ${run.timeoutMin} minutes, stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, run.timeoutMin * 60_000);
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 1, error: `could not start vitest: ${e.message}`, jsonFile });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve({ code: code ?? 1, signal, timedOut, jsonFile });
    });
  });
}

function counts(run, result) {
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(result.jsonFile, 'utf8'));
  } catch {
    /* no report: the runner crashed */
  }
  const c = { passed: 0, failed: 0, skipped: 0, notes: [] };
  if (report) {
    c.passed = report.numPassedTests ?? 0;
    c.failed = report.numFailedTests ?? 0;
    c.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // a file that failed to load or a failing hook has no failed test of its own: count each such file once
    for (const f of report.testResults ?? []) {
      const failedHere = (f.assertionResults ?? []).some((a) => a.status === 'failed');
      if (f.status === 'failed' && !failedHere) {
        c.failed++;
        c.notes.push(`suite error in ${path.relative(ROOT, f.name)}: ${(f.message ?? '').split('\n')[0]}`);
      }
    }
  }
  if (result.code !== 0 && c.failed === 0) {
    c.failed++;
    const why = result.error ?? (result.timedOut ? 'timed out' : `exited with ${result.signal ?? result.code}`);
    c.notes.push(`${run.name} runner error: ${why}${report ? '' : ' (no JSON report)'}`);
  }
  return c;
}

fs.mkdirSync(OUT, { recursive: true });
const t0 = Date.now();
const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
for (const run of runs) {
  const result = await runVitest(run);
  const c = counts(run, result);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  lines.push(`${run.name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${result.code === 0 ? '' : ` (exit ${result.code})`}`);
  for (const n of c.notes) lines.push(`  ${n}`);
}

console.log(`\n=== test summary (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
for (const l of lines) console.log(l);
if (process.env.TEST_ALL_SUMMARY) fs.writeFileSync(process.env.TEST_ALL_SUMMARY, JSON.stringify(total));
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
