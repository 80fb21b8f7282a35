/**
 * Tokenizer ids for the Hub: `owner/name`, plus `@revision` when the revision is not `main`
 * (`HuggingFaceTB/SmolLM2-135M-Instruct`, `Qwen/Qwen2.5-0.5B@v1.0`). Local files are `local:<name>`.
 */
export interface HubRef {
  repo: string;
  revision: string;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const REVISION = /^[A-Za-z0-9._/-]+$/;

export const DEFAULT_REVISION = 'main';
export const LOCAL_PREFIX = 'local:';

export function parseHubId(id: string): HubRef | null {
  const at = id.indexOf('@');
  const repo = at >= 0 ? id.slice(0, at) : id;
  const revision = at >= 0 ? id.slice(at + 1) : DEFAULT_REVISION;
  const parts = repo.split('/');
  if (parts.length !== 2 || !parts.every((p) => SEGMENT.test(p) && p.length <= 96)) return null;
  if (!revision || !REVISION.test(revision) || revision.includes('..')) return null;
  return { repo, revision };
}

export function hubIdOf({ repo, revision }: HubRef): string {
  return revision === DEFAULT_REVISION ? repo : `${repo}@${revision}`;
}

/**
 * What a person types or pastes: an id, `id@rev`, or a Hub page URL (`…/owner/name/tree/rev`). Returns the
 * canonical id, or null when it is not a Hub model id.
 */
export function normalizeHubInput(input: string): string | null {
  let s = input.trim();
  const url = /^https?:\/\/[^/]+\/(?:models\/)?([^/?#]+\/[^/?#]+)(?:\/(?:tree|blob|resolve)\/([^/?#]+))?/.exec(s);
  if (url) s = url[2] ? `${url[1]}@${url[2]}` : url[1]!;
  const ref = parseHubId(s);
  return ref ? hubIdOf(ref) : null;
}

export function isLocalId(id: string): boolean {
  return id.startsWith(LOCAL_PREFIX);
}

export function localIdOf(name: string): string {
  return `${LOCAL_PREFIX}${name}`;
}
