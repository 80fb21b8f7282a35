/**
 * How the batch lab reaches the worker's `batch` command: through the shared `TokenizerClient`, so it shares the
 * app's worker and every tokenizer loaded there (bundled, Hub, local files, GGUF).
 */
import type { TokenizerClient } from '../../lib/worker-client';
import type { BatchRequest, BatchResult } from '../../worker/protocol';

export interface BatchClient {
  batch(request: BatchRequest): Promise<BatchResult>;
}

/** `batch` is optional on the client (older test fakes lack it); without it every request fails with a clear message. */
export function batchClientFor(client: TokenizerClient): BatchClient {
  return {
    batch: (request) => (client.batch ? client.batch(request) : Promise.reject(new Error('This tokenizer client has no batch command'))),
  };
}
