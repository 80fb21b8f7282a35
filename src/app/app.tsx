import { lazy, Suspense, type MouseEvent, type ReactNode } from 'react';
import { TokensPage } from '../features/tokens/tokens-page';
import { VIEWS, writeUrlState, type View } from '../lib/url-state';
import { useUiStore } from '../stores/ui-store';
import { useThemeEffect } from './theme';
import { useUrlSync } from './use-url-sync';

// Only the token view is in the initial bundle (the first-tokens budget); every other view is its own chunk,
// fetched when it opens. The chat studio in particular brings the Jinja engine and CodeMirror.
const ComparePage = lazy(() => import('../features/compare/compare-page').then((m) => ({ default: m.ComparePage })));
const BatchPage = lazy(() => import('../features/batch/batch-page').then((m) => ({ default: m.BatchPage })));
const ChatPage = lazy(() => import('../features/chat/chat-page'));

const VIEW_LABELS: Record<View, string> = {
  tokens: 'Tokens',
  compare: 'Compare',
  chat: 'Chat template',
  batch: 'Batch',
  model: 'Model',
};

function ComingSoon({ view }: { view: View }) {
  return (
    <section aria-labelledby="coming-soon-title" className="rounded-xl border border-dashed border-slate-400 bg-white p-10 text-center dark:border-slate-600 dark:bg-slate-900">
      <h2 id="coming-soon-title" className="text-2xl font-semibold text-slate-950 dark:text-white">
        {VIEW_LABELS[view]}
      </h2>
      <p className="mt-2 text-lg text-slate-700 dark:text-slate-300">Coming in a later release.</p>
    </section>
  );
}

function Nav({ view, onSelect }: { view: View; onSelect: (view: View) => void }) {
  return (
    <nav aria-label="Views">
      <ul className="flex flex-wrap gap-1">
        {VIEWS.map((v) => {
          const current = v === view;
          const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
            // Let modified clicks open a new tab; plain clicks switch in place.
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            onSelect(v);
          };
          return (
            <li key={v}>
              <a
                href={writeUrlState(typeof location === 'undefined' ? '' : location.search, { view: v }) || '?'}
                aria-current={current ? 'page' : undefined}
                onClick={onClick}
                className={`block rounded-md px-3 py-2 text-base font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-300 ${
                  current ? 'bg-indigo-700 text-white dark:bg-indigo-400 dark:text-slate-950' : 'text-slate-800 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'
                }`}
              >
                {VIEW_LABELS[v]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function viewContent(view: View): ReactNode {
  switch (view) {
    case 'tokens': return <TokensPage />;
    case 'compare': return <ComparePage />;
    case 'chat': return <ChatPage />;
    case 'batch': return <BatchPage />;
    case 'model': return <ComingSoon view={view} />;
    default: {
      const unknown: never = view;
      return <ComingSoon view={unknown} />;
    }
  }
}

export function App() {
  const view = useUiStore((s) => s.view);
  const theme = useUiStore((s) => s.theme);
  const { setView, toggleTheme } = useUiStore.getState();
  useThemeEffect();
  useUrlSync();
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-950">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <div className="flex flex-wrap items-center gap-6">
            <h1 className="text-2xl font-bold tracking-tight text-slate-950 dark:text-white">Tokenlab</h1>
            <Nav view={view} onSelect={setView} />
          </div>
          <button
            type="button"
            onClick={toggleTheme}
            aria-pressed={theme === 'dark'}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus-visible:outline-indigo-300"
          >
            <span aria-hidden="true" className="mr-1.5">
              {theme === 'dark' ? '☾' : '☀'}
            </span>
            Dark theme
          </button>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-6 py-6">
        <Suspense fallback={<p role="status" className="text-base text-slate-700 dark:text-slate-300">Loading {VIEW_LABELS[view]}…</p>}>
          {viewContent(view)}
        </Suspense>
      </main>
    </div>
  );
}
