import type { TokenizerClient } from '../../lib/worker-client';
import type { TokenizerInfo } from '../../worker/protocol';
import { TokenDetailsCache } from './token-details';

// Keyed by the loaded tokenizer's info object: a reload (new local files under the same id) gets a fresh cache.
const caches = new WeakMap<TokenizerInfo, TokenDetailsCache>();

/** One details cache per loaded tokenizer, shared by every view of it. */
export function detailsCacheFor(client: TokenizerClient, info: TokenizerInfo): TokenDetailsCache {
  let cache = caches.get(info);
  if (!cache) caches.set(info, (cache = new TokenDetailsCache((ids) => client.tokenDetails({ tokenizerId: info.id, ids }))));
  return cache;
}
