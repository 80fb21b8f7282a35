import type { FileProgress } from '../../../worker/protocol';
import type { LoaderState } from '../hooks/use-tokenizer-loader';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const STATE_LABEL: Record<FileProgress['state'], string> = {
  waiting: 'waiting',
  loading: 'downloading',
  done: 'done',
  absent: 'not in repo',
  cached: 'from browser cache',
};

function FileRow({ file }: { file: FileProgress }) {
  const size = file.total ? `${formatBytes(file.loaded)} of ${formatBytes(file.total)}` : file.loaded ? formatBytes(file.loaded) : '';
  return (
    <li className="grid grid-cols-[12rem_1fr_auto] items-center gap-3 text-sm">
      <span className="truncate font-mono text-slate-900 dark:text-slate-100">{file.name}</span>
      <progress
        className="h-2 w-full accent-indigo-700 dark:accent-indigo-300"
        aria-label={`${file.name} download`}
        max={file.total ?? 1}
        value={file.state === 'done' || file.state === 'cached' || file.state === 'absent' ? (file.total ?? 1) : file.total ? file.loaded : undefined}
      />
      <span className="text-slate-700 tabular-nums dark:text-slate-300">
        {size}
        {size ? ' · ' : ''}
        {STATE_LABEL[file.state]}
      </span>
    </li>
  );
}

/** Progress of the load in flight (per file for the Hub), or why the last one failed. */
export function LoadStatus({ state, onCancel, onDismiss }: { state: LoaderState; onCancel: () => void; onDismiss: () => void }) {
  if (state.status === 'loading') {
    const p = state.progress;
    return (
      <div data-testid="load-progress" role="status" aria-live="polite" className="flex flex-col gap-2 rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 dark:border-indigo-700 dark:bg-indigo-950">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <span className="text-sm font-medium text-slate-900 dark:text-slate-100">
            Loading <span className="font-mono">{state.target}</span>…{p && !p.files ? ` ${formatBytes(p.loaded)}${p.total ? ` of ${formatBytes(p.total)}` : ''}` : ''}
          </span>
          <button
            type="button"
            onClick={onCancel}
            className="rounded-md border border-slate-400 bg-white px-3 py-1 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
        </div>
        {p?.files && (
          <ul className="flex flex-col gap-1" aria-label="Files">
            {p.files.map((f) => (
              <FileRow key={f.name} file={f} />
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (state.status === 'error' && state.error) {
    return (
      <div data-testid="load-error" role="alert" data-code={state.error.code ?? undefined} className="flex items-start justify-between gap-3 rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100">
        <p>
          <span className="font-semibold">Could not load {state.target}.</span> {state.error.message} The previous tokenizer is still active.
        </p>
        <button type="button" onClick={onDismiss} aria-label="Dismiss error" className="rounded px-2 font-bold hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-700 dark:hover:bg-red-900">
          ×
        </button>
      </div>
    );
  }
  if (state.notice) return <p role="status" className="text-sm text-slate-700 dark:text-slate-300">{state.notice}</p>;
  return null;
}
