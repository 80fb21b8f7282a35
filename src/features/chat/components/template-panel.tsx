import { lazy, Suspense, useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { ChatRenderError } from '../../../worker/chat-protocol';
import { shareUrl } from '../share';
import { useChatStore } from '../store';
import { cardClass } from './field-styles';

// CodeMirror is only fetched when the editor is opened.
const TemplateEditor = lazy(() => import('./template-editor').then((m) => ({ default: m.TemplateEditor })));

export interface TemplatePanelProps {
  tokenizerId: string;
  editKey: string;
  /** The template shown: the edit, or the original. */
  value: string;
  original: string;
  edited: boolean;
  error: ChatRenderError | null;
}

/** The Jinja source with a live render (every change re-renders in the worker), reset and share. */
export function TemplatePanel({ tokenizerId, editKey, value, original, edited, error }: TemplatePanelProps) {
  const setEdit = useChatStore((s) => s.setEdit);
  const [shareNote, setShareNote] = useState<string | null>(null);
  const editorError = error && error.line != null ? { line: error.line, column: error.column ?? 1, message: error.message } : null;

  const share = async () => {
    const url = await shareUrl(location.href, tokenizerId, value);
    if (!url) {
      setShareNote('This template is too long for a link.');
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setShareNote('Link copied: it opens this template in the studio.');
    } catch {
      setShareNote(url);
    }
  };

  return (
    <section aria-labelledby="tpl-title" className={`${cardClass} flex flex-col gap-2`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="tpl-title" className="text-lg font-semibold text-slate-950 dark:text-white">
          Chat template{' '}
          <span className="ml-1 rounded-full bg-slate-200 px-2 py-0.5 align-middle text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100">{edited ? 'edited' : 'original'}</span>
        </h2>
        <div className="flex gap-2">
          <Button onClick={() => setEdit(editKey, null)} disabled={!edited}>Reset to original</Button>
          <Button onClick={() => void share()}>Copy share link</Button>
        </div>
      </div>
      {shareNote && <p role="status" className="text-sm break-all text-slate-700 dark:text-slate-300">{shareNote}</p>}
      <div className="h-[42vh]">
        <Suspense fallback={<p className="text-sm text-slate-700 dark:text-slate-300">Loading the editor…</p>}>
          <TemplateEditor value={value} onChange={(v) => setEdit(editKey, v === original ? null : v)} error={editorError} label={`Chat template of ${tokenizerId} (Jinja)`} />
        </Suspense>
      </div>
      {editorError && (
        <p className="text-sm font-medium text-red-800 dark:text-red-300">
          Line {editorError.line}, column {editorError.column}: {editorError.message}
        </p>
      )}
    </section>
  );
}
