import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { SUGGESTED_HUB_MODELS, useLoadedTokenizersStore } from '../../../stores/loaded-tokenizers-store';
import type { TokenizerLoader } from '../hooks/use-tokenizer-loader';
import { HubSettings } from './hub-settings';
import { LoadStatus } from './load-status';

const button =
  'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus-visible:outline-indigo-300';

/** Load a tokenizer from the Hub by id, from local files or a folder, or from a GGUF file (also by dropping it here). */
export function LoadPanel({ loader }: { loader: TokenizerLoader }) {
  const id = useId();
  const [input, setInput] = useState('');
  const [dragging, setDragging] = useState(false);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const recent = useLoadedTokenizersStore((s) => s.recentHub);
  const loading = loader.state.status === 'loading';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (input.trim()) loader.loadHub(input);
  };
  const onDrop = (e: DragEvent) => {
    if (!e.dataTransfer.files.length) return;
    e.preventDefault();
    setDragging(false);
    loader.loadFiles(Array.from(e.dataTransfer.files));
  };
  const onPicked = (list: FileList | null) => {
    if (list?.length) loader.loadFiles(Array.from(list));
  };

  return (
    <section
      aria-labelledby={`${id}-title`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={`flex flex-col gap-3 rounded-lg border p-4 ${dragging ? 'border-indigo-600 bg-indigo-50 dark:border-indigo-300 dark:bg-indigo-950' : 'border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900'}`}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-950 dark:text-white">
        Load a tokenizer
      </h2>
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-hub`} className="text-sm font-medium text-slate-800 dark:text-slate-200">
              Hub model id <span className="font-normal text-slate-600 dark:text-slate-400">(needs the network)</span>
            </label>
            <input
              id={`${id}-hub`}
              data-testid="hub-model-input"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              list={`${id}-suggestions`}
              placeholder="HuggingFaceTB/SmolLM2-135M-Instruct"
              spellCheck={false}
              autoComplete="off"
              className="w-96 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-950 dark:text-white dark:focus-visible:outline-indigo-300"
            />
            <datalist id={`${id}-suggestions`}>
              {[...new Set([...recent, ...SUGGESTED_HUB_MODELS])].map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </div>
          <button
            type="submit"
            disabled={loading || !input.trim()}
            className="rounded-md border border-indigo-700 bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:border-slate-400 disabled:bg-slate-400 dark:border-indigo-300 dark:bg-indigo-300 dark:text-slate-950 dark:hover:bg-indigo-200 dark:disabled:border-slate-600 dark:disabled:bg-slate-600 dark:disabled:text-slate-200"
          >
            Load
          </button>
        </form>
        <div className="flex flex-wrap items-end gap-2">
          <button type="button" className={button} onClick={() => files.current?.click()} disabled={loading}>
            Open files…
          </button>
          <button type="button" className={button} onClick={() => folder.current?.click()} disabled={loading}>
            Open folder…
          </button>
          <input ref={files} type="file" multiple accept=".json,.jinja,.gguf,application/json" className="sr-only" tabIndex={-1} aria-hidden="true" data-testid="tokenizer-file-input" onChange={(e) => { onPicked(e.target.files); e.target.value = ''; }} />
          <input
            ref={(el) => {
              folder.current = el;
              el?.setAttribute('webkitdirectory', '');
            }}
            type="file"
            multiple
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="tokenizer-folder-input"
            onChange={(e) => { onPicked(e.target.files); e.target.value = ''; }}
          />
        </div>
        <p className="pb-2 text-sm text-slate-700 dark:text-slate-300">or drop tokenizer.json (+ tokenizer_config.json, config.json, chat_template.jinja) or a .gguf here</p>
      </div>
      <LoadStatus state={loader.state} onCancel={loader.cancel} onDismiss={loader.dismiss} />
      <HubSettings />
    </section>
  );
}
