/**
 * Tokenizers from the Hub (or a mirror), in transformers.js's layout: `{endpoint}/{repo}/resolve/{revision}/{file}`.
 * Files are fetched network-first and kept in Cache Storage, so a second load works when the Hub cannot be reached.
 * The access token goes in the Authorization header only: cache keys, messages and progress never carry it.
 */
import { listFiles } from '@huggingface/hub';
import type { ModelConfigJson, TokenizerConfigJson, TokenizerJson } from '../../core/tokens/tokenizer-json';
import type { FileProgress, LoadProgress, TokenizerSource } from '../protocol';
import { LoadError, parseJsonFile, readBody } from '../read-body';
import type { TokenizerFiles } from './types';

type HubSource = Extract<TokenizerSource, { kind: 'hub' }>;

export const HUB_CACHE = 'tokenlab-hub-v1';
const FILES = ['tokenizer.json', 'tokenizer_config.json', 'config.json', 'chat_template.jinja'] as const;
type HubFile = (typeof FILES)[number];
/** Marks a file the repo does not have, so an offline load knows it is absent rather than missing from the cache. */
const ABSENT_HEADER = 'x-tokenlab-absent';

type Outcome = { kind: 'ok'; text: string; cached: boolean } | { kind: 'absent'; cached: boolean };

export function resolveUrl(endpoint: string, repo: string, revision: string, file: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(HUB_CACHE);
  } catch {
    return null; // Cache Storage needs a secure context; without it loads simply are not cached.
  }
}

async function fromCache(url: string): Promise<Outcome | null> {
  const hit = await (await openCache())?.match(url).catch(() => undefined);
  if (!hit) return null;
  return hit.headers.get(ABSENT_HEADER) ? { kind: 'absent', cached: true } : { kind: 'ok', text: await hit.text(), cached: true };
}

async function storeInCache(entries: Array<[string, Outcome]>): Promise<void> {
  const cache = await openCache();
  if (!cache) return;
  await Promise.all(
    entries.map(([url, o]) =>
      cache
        .put(url, o.kind === 'ok' ? new Response(o.text, { headers: { 'content-type': 'text/plain; charset=utf-8' } }) : new Response('', { headers: { [ABSENT_HEADER]: '1' } }))
        .catch(() => undefined),
    ),
  );
}

function where(src: HubSource): string {
  return `"${src.repo}"${src.revision === 'main' ? '' : ` at revision "${src.revision}"`}`;
}

function host(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

function authError(src: HubSource, status: number): LoadError {
  const message = src.accessToken
    ? `Access to ${where(src)} was refused (HTTP ${status}) even with your access token: accept the model's terms on its Hub page with that account, or use a token that can read it.`
    : `${where(src)} is gated or private (HTTP ${status}): loading it needs an access token. Add a Hub access token in Hub settings (it is kept for this tab only).`;
  return new LoadError(message, 'auth');
}

async function fetchFile(src: HubSource, file: HubFile, signal: AbortSignal, onBytes: (loaded: number, total: number | null) => void): Promise<Outcome> {
  const url = resolveUrl(src.endpoint, src.repo, src.revision, file);
  const headers: Record<string, string> = src.accessToken ? { Authorization: `Bearer ${src.accessToken}` } : {};
  let response: Response;
  try {
    response = await fetch(url, { headers, signal, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    if (signal.aborted) throw cancelled();
    const cached = await fromCache(url);
    if (cached) return cached;
    throw new LoadError(`Could not reach the Hub at ${host(src.endpoint)} to load ${where(src)} (offline, or the server is down), and it is not in this browser's cache. ${error instanceof Error ? error.message : ''}`.trim(), 'offline');
  }
  const code = response.headers.get('x-error-code');
  if (code === 'GatedRepo' || response.status === 403 || (response.status === 401 && code !== 'RepoNotFound')) throw authError(src, response.status);
  if (code === 'RepoNotFound' || (response.status === 401 && code === 'RepoNotFound')) {
    throw new LoadError(`Model ${where(src)} was not found on ${host(src.endpoint)} (HTTP ${response.status}). Check the id; a private repo also needs an access token.`, 'not-found');
  }
  if (code === 'RevisionNotFound') throw new LoadError(`Revision "${src.revision}" of "${src.repo}" was not found (HTTP ${response.status}).`, 'not-found');
  if (response.status === 404) return { kind: 'absent', cached: false };
  if (!response.ok) {
    const cached = response.status >= 500 ? await fromCache(url) : null;
    if (cached) return cached;
    throw new LoadError(`The Hub answered HTTP ${response.status} for ${file} of ${where(src)}.`, 'http');
  }
  const bytes = await readBody(response, onBytes);
  return { kind: 'ok', text: new TextDecoder().decode(bytes), cached: false };
}

function cancelled(): LoadError {
  return new LoadError('Loading was cancelled.', 'cancelled');
}

/** Why there is no tokenizer.json: the repo is missing, or it has other files (listed via the Hub API). */
async function explainMissingTokenizer(src: HubSource, signal: AbortSignal): Promise<LoadError> {
  const names: string[] = [];
  try {
    for await (const entry of listFiles({
      repo: { type: 'model', name: src.repo },
      revision: src.revision,
      hubUrl: src.endpoint.replace(/\/+$/, ''),
      ...(src.accessToken ? { accessToken: src.accessToken as `hf_${string}` } : {}),
      fetch: (input, init) => fetch(input, { ...init, signal }),
    })) {
      if (entry.type === 'file') names.push(entry.path);
      if (names.length > 40) break;
    }
  } catch (error) {
    if (signal.aborted) return cancelled();
    const text = error instanceof Error ? error.message : String(error);
    if (/\b404\b|not found/i.test(text)) return new LoadError(`Model ${where(src)} was not found on ${host(src.endpoint)} (HTTP 404). Check the id.`, 'not-found');
    if (/\b40[13]\b/.test(text)) return authError(src, 401);
    return new LoadError(`${where(src)} has no tokenizer.json, and its file list could not be read (${text}).`, 'no-tokenizer');
  }
  if (names.length === 0) return new LoadError(`Model ${where(src)} was not found on ${host(src.endpoint)}, or it has no files.`, 'not-found');
  const spm = names.some((n) => /(^|\/)(tokenizer\.model|spiece\.model|sentencepiece\.bpe\.model)$/.test(n));
  const hint = spm
    ? 'It only has a SentencePiece model file; this app reads tokenizer.json ("fast" tokenizers). Save one with transformers (AutoTokenizer.from_pretrained(…).save_pretrained(…)) and open it as a local file.'
    : 'This app reads tokenizer.json ("fast" tokenizers).';
  return new LoadError(`${where(src)} has no tokenizer.json. It has: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}. ${hint}`, 'no-tokenizer');
}

export async function loadHub(src: HubSource, signal: AbortSignal, onProgress: (p: LoadProgress) => void): Promise<TokenizerFiles> {
  const files: FileProgress[] = FILES.map((name) => ({ name, loaded: 0, total: null, state: 'waiting' }));
  let last = 0;
  const emit = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 50) return;
    last = now;
    const loaded = files.reduce((n, f) => n + f.loaded, 0);
    const known = files.every((f) => f.state !== 'loading' || f.total !== null);
    const total = known ? files.reduce((n, f) => n + (f.total ?? f.loaded), 0) : null;
    onProgress({ loaded, total: total || null, files: files.map((f) => ({ ...f })) });
  };
  emit(true);
  const settled = await Promise.allSettled(
    FILES.map(async (name, i) => {
      const f = files[i]!;
      const outcome = await fetchFile(src, name, signal, (loaded, total) => {
        Object.assign(f, { loaded, total, state: 'loading' });
        emit();
      });
      f.state = outcome.cached ? 'cached' : outcome.kind === 'absent' ? 'absent' : 'done';
      if (outcome.kind === 'ok' && f.total === null) f.total = f.loaded;
      emit(true);
      return outcome;
    }),
  );
  if (signal.aborted) throw cancelled();
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  // The most telling failure wins: a missing repo or a token problem explains every other file's failure.
  const rank = (e: unknown) => (e instanceof LoadError ? ['not-found', 'auth', 'offline', 'http', 'malformed'].indexOf(e.code) : 9);
  if (errors.length) throw errors.sort((a, b) => rank(a) - rank(b))[0];
  const outcomes = settled.map((s) => (s as PromiseFulfilledResult<Outcome>).value);
  const [tj, tc, mc, tpl] = outcomes as [Outcome, Outcome, Outcome, Outcome];
  if (tj.kind === 'absent') throw await explainMissingTokenizer(src, signal);
  const label = where(src);
  const text = (o: Outcome) => (o.kind === 'ok' ? o.text : null);
  const json = parseJsonFile<TokenizerJson>(tj.kind === 'ok' ? tj.text : '', 'tokenizer.json', label);
  const configText = text(tc);
  const modelText = text(mc);
  const result: TokenizerFiles = {
    json,
    config: configText == null ? null : parseJsonFile<TokenizerConfigJson>(configText, 'tokenizer_config.json', label),
    modelConfig: modelText == null ? null : parseJsonFile<ModelConfigJson>(modelText, 'config.json', label),
    chatTemplateFile: text(tpl),
    gguf: null,
    origin: {
      kind: 'hub',
      label: src.revision === 'main' ? src.repo : `${src.repo}@${src.revision}`,
      repo: src.repo,
      revision: src.revision,
      fromCache: outcomes.some((o) => o.cached),
      files: FILES.filter((_, i) => outcomes[i]!.kind === 'ok'),
    },
  };
  const fresh = outcomes.flatMap((o, i): Array<[string, Outcome]> => (o.cached ? [] : [[resolveUrl(src.endpoint, src.repo, src.revision, FILES[i]!), o]]));
  return { ...result, persist: () => storeInCache(fresh) };
}
