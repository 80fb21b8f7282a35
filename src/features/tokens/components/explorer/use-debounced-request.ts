import { useEffect, useRef, useState } from 'react';
import { createLatest } from '../../../../lib/worker-client';

export type RequestState<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/** Runs `run` after `delay` ms without changes to `key`; the latest request wins. `null` key = nothing to do. */
export function useDebouncedRequest<T>(key: string | null, run: () => Promise<T>, delay = 150): RequestState<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'idle' });
  const latest = useRef(createLatest());
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const l = latest.current;
    if (key === null) {
      l.cancel();
      setState({ status: 'idle' });
      return;
    }
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    const timer = setTimeout(() => {
      l.run(runRef.current()).then(
        (r) => !r.stale && setState({ status: 'ready', value: r.value }),
        (e: unknown) => setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      l.cancel();
    };
  }, [key, delay]);
  return state;
}
