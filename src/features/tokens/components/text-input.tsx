import { lazy, Suspense, useState, type ChangeEvent } from 'react';
import { isTextTooLargeToPersist } from '../../../stores/session-store';

// CodeMirror is about 60 KB gzip: it loads beside the first tokens, not before them (initial JS budget).
const TextEditor = lazy(() => import('./text-editor'));

/** Files bigger than this are refused: the point is tokenizing text, not freezing the tab. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface TextInputProps {
  value: string;
  onChange: (text: string) => void;
}

async function readTextFile(file: File): Promise<string> {
  if (file.size > MAX_FILE_BYTES) throw new Error(`"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 20 MB.`);
  // The editor holds LF only (as a textarea's value does), so the tokens must be of the LF text the user sees.
  return (await file.text()).replace(/\r\n?/g, '\n');
}

/** Until the editor's code arrives: the start of the text, read-only. */
function EditorPlaceholder({ value }: { value: string }) {
  return (
    <div aria-hidden="true" className="h-full overflow-hidden p-3 font-mono whitespace-pre-wrap text-slate-700 dark:text-slate-300">
      {value.slice(0, 2000)}
    </div>
  );
}

export function TextInput({ value, onChange }: TextInputProps) {
  const [dragging, setDragging] = useState(false);
  const [fileMessage, setFileMessage] = useState<{ text: string; error: boolean } | null>(null);

  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      const text = await readTextFile(file);
      onChange(text);
      setFileMessage({ text: `Loaded "${file.name}".`, error: false });
    } catch (error) {
      setFileMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    void load(event.target.files?.[0]);
    // Picking the same file again should reload it.
    event.target.value = '';
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <span id="text-input-label" className="text-sm font-semibold text-slate-800 dark:text-slate-200">
          Text to tokenize
        </span>
        <label className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-900 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-indigo-600 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700">
          Load text file…
          <input data-testid="text-file-input" type="file" accept=".txt,.md,.json,.jsonl,.csv,.tsv,.py,.js,.ts,.html,.xml,.yaml,.yml,text/*" onChange={onFile} className="sr-only" />
        </label>
      </div>
      <div
        className={`h-48 min-h-24 resize-y overflow-hidden rounded-lg border bg-white text-slate-950 focus-within:outline-2 focus-within:outline-offset-1 focus-within:outline-indigo-600 dark:bg-slate-900 dark:text-white dark:focus-within:outline-indigo-300 ${
          dragging ? 'border-indigo-600 ring-2 ring-indigo-400' : 'border-slate-300 dark:border-slate-600'
        }`}
      >
        <Suspense fallback={<EditorPlaceholder value={value} />}>
          <TextEditor value={value} onChange={onChange} onDropFile={(file) => void load(file)} onDragging={setDragging} labelledBy="text-input-label" describedBy="text-input-hint" />
        </Suspense>
      </div>
      <p id="text-input-hint" className="text-xs text-slate-600 dark:text-slate-400">
        Type, paste, or drop a text file here. Everything stays in your browser.
      </p>
      {fileMessage && (
        <p role={fileMessage.error ? 'alert' : 'status'} className={`text-sm ${fileMessage.error ? 'text-red-800 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}`}>
          {fileMessage.text}
        </p>
      )}
      {isTextTooLargeToPersist(value) && (
        <p role="status" className="text-sm font-medium text-amber-900 dark:text-amber-200">
          This text is over 2 MB, too large to keep in browser storage: it will not survive a reload.
        </p>
      )}
    </div>
  );
}
