import { useEffect, useMemo, useRef, useState } from 'react';
import { createLatest } from '../../../lib/worker-client';
import type { BatchRequest, BatchResult } from '../../../worker/protocol';
import type { BatchClient } from '../batch-client';

export type BatchStatus = 'loading' | 'ready' | 'error';

export interface BatchState {
  /** `ready` only when `result` answers the current request. */
  status: BatchStatus;
  result: BatchResult | null;
  error: string | null;
}

/** Small batches update at once; a pasted 1,000-line batch waits for a pause in typing. */
function delayFor(request: BatchRequest): number {
  return request.lines.length < 200 ? 0 : 250;
}

/** Runs `batch` for the latest request only: a slow older reply never replaces a newer one. */
export function useBatch(client: BatchClient, request: BatchRequest): BatchState {
  const key = JSON.stringify(request);
  const [shown, setShown] = useState<{ key: string; result: BatchResult } | null>(null);
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const latest = useRef(createLatest());

  useEffect(() => {
    const run = latest.current;
    const parsed = JSON.parse(key) as BatchRequest;
    const timer = setTimeout(() => {
      run.run(() => client.batch(parsed)).then(
        (r) => {
          if (r.stale) return;
          setShown({ key, result: r.value });
          setFailure(null);
        },
        (error: unknown) => setFailure({ key, message: error instanceof Error ? error.message : String(error) }),
      );
    }, delayFor(parsed));
    return () => {
      clearTimeout(timer);
      run.cancel();
    };
  }, [client, key]);

  return useMemo(() => {
    const error = failure?.key === key ? failure.message : null;
    const status: BatchStatus = error ? 'error' : shown?.key === key ? 'ready' : 'loading';
    return { status, result: shown?.result ?? null, error };
  }, [shown, failure, key]);
}
