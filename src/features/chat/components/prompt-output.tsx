import { memo, useMemo } from 'react';
import { renderWhitespace } from '../../../core/tokens/spans';
import type { ChatRenderError, Lint } from '../../../worker/chat-protocol';
import { specialRuns } from '../highlight';
import { errorClass } from './field-styles';

export type OutputStatus = 'loading' | 'ready' | 'error';

/** The rendered prompt. Its text content is exactly the render: labels and tokens live outside this element. */
export const PromptText = memo(function PromptText({ text, specials, status, showWhitespace, testId, label }: {
  text: string;
  specials: readonly string[];
  status: OutputStatus;
  showWhitespace: boolean;
  testId?: string;
  label: string;
}) {
  const runs = useMemo(() => specialRuns(text, specials), [text, specials]);
  const show = (s: string) => (showWhitespace ? renderWhitespace(s) : s);
  return (
    <pre
      data-testid={testId}
      data-status={status}
      role="region"
      aria-label={label}
      aria-busy={status === 'loading'}
      tabIndex={0}
      className={`isolate max-h-[52vh] min-h-24 overflow-auto rounded-lg border border-slate-300 bg-slate-50 p-3 font-mono text-[15px] leading-relaxed break-words whitespace-pre-wrap text-slate-950 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 ${status === 'loading' ? 'border-dashed' : ''}`}
    >
      {runs.map((r, i) => (r.special ? <span key={i} className="chat-special">{show(r.text)}</span> : show(r.text)))}
    </pre>
  );
});

export function TemplateErrorBox({ error }: { error: ChatRenderError }) {
  const where = error.line != null ? `line ${error.line}${error.column != null ? `:${error.column}` : ''}` : null;
  const title =
    error.kind === 'syntax' ? 'Template syntax error' :
    error.kind === 'raise' ? 'The template refused this conversation' :
    error.kind === 'timeout' || error.kind === 'limit' ? 'The template was stopped' :
    'The template failed';
  return (
    <div data-testid="template-error" role="alert" className={errorClass}>
      <p className="font-semibold">
        {title}
        {where && <span className="ml-2 rounded bg-red-200 px-1.5 py-0.5 font-mono text-xs text-red-950 dark:bg-red-800 dark:text-red-50">{where}</span>}
      </p>
      <p className="mt-1 font-mono text-sm break-words whitespace-pre-wrap">{error.message}</p>
    </div>
  );
}

const LINT_ICON: Record<Lint['severity'], string> = { warning: '⚠', info: 'ℹ' };

export function LintList({ lints }: { lints: readonly Lint[] }) {
  if (!lints.length) return null;
  return (
    <ul aria-label="Template checks" className="flex flex-col gap-1.5">
      {lints.map((l) => (
        <li key={l.code} data-lint={l.code} className={`flex gap-2 rounded-md border px-3 py-2 text-sm ${l.severity === 'warning' ? 'border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-50' : 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-600 dark:bg-sky-950 dark:text-sky-50'}`}>
          <span aria-hidden="true">{LINT_ICON[l.severity]}</span>
          <span><span className="sr-only">{l.severity}: </span>{l.message}</span>
        </li>
      ))}
    </ul>
  );
}

const nf = new Intl.NumberFormat('en-US');

/** Prompt tokens against the context window: what is left for the reply. */
export function BudgetBar({ count, context }: { count: number | null; context: number | null }) {
  if (count == null) return <p className="text-sm text-slate-700 dark:text-slate-300" role="status">Counting tokens…</p>;
  const line = (
    <p className="text-base text-slate-800 dark:text-slate-200">
      <span data-testid="chat-token-count" className="text-2xl font-bold text-slate-950 tabular-nums dark:text-white">{nf.format(count)}</span> prompt tokens
      {context != null && (
        <>
          {' · '}
          {count <= context ? (
            <span className="font-semibold">{nf.format(context - count)} tokens left for the reply</span>
          ) : (
            <span className="font-semibold text-red-800 dark:text-red-300">{nf.format(count - context)} tokens over the context window</span>
          )}{' '}
          of {nf.format(context)}
        </>
      )}
      {context == null && <span className="text-slate-700 dark:text-slate-300"> · context length unknown</span>}
    </p>
  );
  if (context == null) return line;
  const pct = Math.min(100, (count / context) * 100);
  return (
    <div className="flex flex-col gap-1.5">
      {line}
      <div aria-hidden="true" className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        <div className={`h-full rounded-full ${count > context ? 'bg-red-600 dark:bg-red-400' : 'bg-indigo-600 dark:bg-indigo-400'}`} style={{ width: `${Math.max(pct, count > 0 ? 0.5 : 0)}%` }} />
      </div>
    </div>
  );
}
