import { useEffect } from 'react';
import { Tabs } from '../../components/ui/tabs';
import { useSessionStore } from '../../stores/session-store';
import { BaseVsInstruct } from './components/base-vs-instruct';
import { CompareTemplates } from './components/compare-templates';
import { StudioView } from './components/studio-view';
import { TokenizerPicker } from './components/tokenizer-picker';
import { useSharedTemplate } from './hooks/use-shared-template';
import { useChatStore, type ChatTab } from './store';
import './chat.css';

const TABS = [
  { value: 'studio', label: 'Studio' },
  { value: 'base', label: 'Base vs instruct' },
  { value: 'compare', label: 'Compare templates' },
] as const satisfies ReadonlyArray<{ value: ChatTab; label: string }>;

/** Chat-template studio: what a conversation becomes before the model sees it. Loaded lazily (jinja, CodeMirror). */
export default function ChatPage() {
  const tokenizerId = useSessionStore((s) => s.tokenizerId);
  const setTokenizerId = useSessionStore((s) => s.setTokenizerId);
  const tab = useChatStore((s) => s.tab);
  const setTab = useChatStore((s) => s.setTab);
  useSharedTemplate(tokenizerId);
  useEffect(() => {
    document.title = 'Chat template · Tokenlab';
  }, []);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-3xl">
          <h2 className="text-2xl font-bold text-slate-950 dark:text-white">Chat-template studio</h2>
          <p className="mt-1 text-base text-slate-700 dark:text-slate-300">
            A chat model never sees "messages": its template turns them into one string of text and special tokens. Here is that string, exactly as transformers renders it.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          {tab !== 'compare' && (
            <div className="w-72">
              <TokenizerPicker label={tab === 'base' ? 'Base model tokenizer' : 'Tokenizer and template'} value={tokenizerId} onChange={setTokenizerId} />
            </div>
          )}
          <Tabs label="Chat studio views" options={TABS} value={tab} onChange={setTab} idPrefix="chat" />
        </div>
      </div>
      <div id="chat-panel" role="tabpanel" aria-labelledby={`chat-tab-${tab}`}>
        {tab === 'studio' ? <StudioView tokenizerId={tokenizerId} /> : tab === 'base' ? <BaseVsInstruct baseId={tokenizerId} /> : <CompareTemplates tokenizerId={tokenizerId} />}
      </div>
    </div>
  );
}
