import { useCallback, useRef, useState } from 'react';
import { localIdOf, normalizeHubInput } from '../../../core/model/hub-id';
import type { TokenizerClient } from '../../../lib/worker-client';
import { useLoadedTokenizersStore } from '../../../stores/loaded-tokenizers-store';
import { useSessionStore } from '../../../stores/session-store';
import type { LoadErrorCode, LoadProgress, TokenizerInfo, TokenizerSource } from '../../../worker/protocol';

export interface LoaderState {
  status: 'idle' | 'loading' | 'error';
  /** The id being loaded (or that failed). */
  target: string | null;
  progress: LoadProgress | null;
  error: { message: string; code: LoadErrorCode | null } | null;
  /** A short note after a cancelled load. */
  notice: string | null;
}

const IDLE: LoaderState = { status: 'idle', target: null, progress: null, error: null, notice: null };

function errorOf(error: unknown): { message: string; code: LoadErrorCode | null } {
  const code = (error as { code?: LoadErrorCode } | null)?.code ?? null;
  return { message: error instanceof Error ? error.message : String(error), code };
}

/** `config.json`'s folder when a folder was picked, else the tokenizer file's own name. */
export function localNameOf(files: File[]): string {
  const rel = files.map((f) => (f as File & { webkitRelativePath?: string }).webkitRelativePath ?? '').find((p) => p.includes('/'));
  if (rel) return rel.split('/')[0]!;
  const main = files.find((f) => f.name === 'tokenizer.json') ?? files[0];
  return main ? main.name.replace(/\.json$/i, '') : 'tokenizer';
}

/**
 * Loading a tokenizer on request (Hub id, local files, GGUF). The current tokenizer stays active until the new one
 * has loaded; a failure leaves it active and shows why.
 */
export function useTokenizerLoader(client: TokenizerClient) {
  const [state, setState] = useState<LoaderState>(IDLE);
  const current = useRef<string | null>(null);

  const run = useCallback(async (id: string, start: (onProgress: (p: LoadProgress) => void) => Promise<TokenizerInfo>) => {
    current.current = id;
    setState({ ...IDLE, status: 'loading', target: id });
    try {
      const info = await start((progress) => {
        if (current.current === id) setState((s) => (s.status === 'loading' && s.target === id ? { ...s, progress } : s));
      });
      if (current.current !== id) return;
      current.current = null;
      useLoadedTokenizersStore.getState().add(info);
      useSessionStore.getState().setTokenizerId(id);
      setState(IDLE);
    } catch (error) {
      if (current.current !== id) return;
      current.current = null;
      const e = errorOf(error);
      setState(e.code === 'cancelled' ? { ...IDLE, notice: `Loading ${id} was cancelled.` } : { ...IDLE, status: 'error', target: id, error: e });
    }
  }, []);

  const loadHub = useCallback(
    (input: string) => {
      const id = normalizeHubInput(input);
      if (!id) {
        setState({ ...IDLE, status: 'error', target: input, error: { message: `"${input.trim()}" is not a Hub model id. Use owner/name, optionally with @revision (e.g. HuggingFaceTB/SmolLM2-135M-Instruct@main).`, code: null } });
        return;
      }
      void run(id, (onProgress) => client.load(id, onProgress));
    },
    [client, run],
  );

  const loadFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const gguf = files.find((f) => /\.gguf$/i.test(f.name));
      const source: TokenizerSource = gguf ? { kind: 'gguf', file: gguf } : { kind: 'files', name: localNameOf(files), files };
      const id = localIdOf(gguf ? gguf.name.replace(/\.gguf$/i, '') : localNameOf(files));
      void run(id, (onProgress) => client.loadFrom(id, source, onProgress));
    },
    [client, run],
  );

  const cancel = useCallback(() => {
    const id = current.current;
    if (id) void client.cancelLoad(id);
  }, [client]);

  const dismiss = useCallback(() => setState((s) => (s.status === 'loading' ? s : IDLE)), []);

  return { state, loadHub, loadFiles, cancel, dismiss };
}

export type TokenizerLoader = ReturnType<typeof useTokenizerLoader>;
