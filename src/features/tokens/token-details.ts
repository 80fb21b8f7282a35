import type { TokenDetailsResult } from '../../worker/protocol';

/** What the view shows of one vocabulary entry besides its id: the raw string (`Ġworld`) and its UTF-8 bytes. */
export interface IdDetails {
  /** null for an id outside the vocabulary. */
  token: string | null;
  bytes: Uint8Array;
}

/**
 * Raw token strings and bytes by id, for one tokenizer, fetched from the worker on demand. A 1 MB text has ~250k
 * tokens but only the few hundred on screen need their strings (issue "Performance: 1 MB texts"), and a vocabulary
 * is finite, so entries are kept for the tokenizer's lifetime. Requests made in one task are sent as one batch.
 */
export class TokenDetailsCache {
  private readonly byId = new Map<number, IdDetails>();
  private readonly wanted = new Set<number>();
  private readonly inFlight = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private readonly waiters: Array<{ ids: number[]; resolve: () => void; reject: (error: Error) => void }> = [];
  private scheduled = false;
  /** Bumped whenever entries arrive, so views can re-render (`useSyncExternalStore`). */
  version = 0;

  constructor(private readonly fetchDetails: (ids: number[]) => Promise<TokenDetailsResult>) {}

  get(id: number): IdDetails | undefined {
    return this.byId.get(id);
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** Adds what the worker sent (with an encode result, or in answer to `request`). */
  add(result: TokenDetailsResult): void {
    const { ids, tokens, bytes, byteOffsets } = result;
    let added = 0;
    for (let k = 0; k < ids.length; k++) {
      // An entry never changes for a tokenizer: what is known stays, and only new ones make the views draw again
      // (every small encode result carries all its ids' details; bumping the version for those re-drew every row).
      if (this.byId.has(ids[k]!)) continue;
      this.byId.set(ids[k]!, { token: tokens[k] ?? null, bytes: bytes.slice(byteOffsets[k]!, byteOffsets[k + 1]!) });
      added++;
    }
    if (added > 0) {
      this.version++;
      for (const l of this.listeners) l();
    }
    this.settleWaiters();
  }

  /** Asks for the ids not known yet; listeners hear when they arrive. */
  request(ids: Iterable<number>): void {
    for (const id of ids) if (!this.byId.has(id) && !this.inFlight.has(id)) this.wanted.add(id);
    if (this.wanted.size === 0 || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Resolves once every id is known (exports need all of them). */
  ensure(ids: Iterable<number>): Promise<void> {
    const list = [...new Set(ids)];
    if (list.every((id) => this.byId.has(id))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ ids: list, resolve, reject });
      this.request(list);
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private flush(): void {
    this.scheduled = false;
    const ids = [...this.wanted];
    this.wanted.clear();
    if (ids.length === 0) return;
    for (const id of ids) this.inFlight.add(id);
    this.fetchDetails(ids).then(
      (result) => {
        for (const id of ids) this.inFlight.delete(id);
        this.add(result);
      },
      (error: unknown) => {
        for (const id of ids) this.inFlight.delete(id);
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const w of this.waiters.splice(0)) w.reject(failure);
      },
    );
  }

  private settleWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.ids.every((id) => this.byId.has(id))) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}
