import { useId } from 'react';
import type { ChatMessage } from '../../../core/chat';
import { Button } from '../../../components/ui/button';
import { contentText } from '../messages';
import { PRESETS } from '../presets';
import { useChatStore } from '../store';
import { cardClass, iconButtonClass, inlineInputClass, inputClass, labelClass } from './field-styles';

const ROLES = ['system', 'user', 'assistant', 'tool'] as const;

function MessageRow({ m, index, count, onChange, onMove, onRemove }: {
  m: ChatMessage;
  index: number;
  count: number;
  onChange: (m: ChatMessage) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const text = contentText(m);
  const extra = Object.keys(m).filter((k) => k !== 'role' && k !== 'content');
  const roleOptions = (ROLES as readonly string[]).includes(m.role) ? ROLES : [...ROLES, m.role];
  return (
    <li className="rounded-lg border border-slate-200 bg-slate-50 p-2.5 dark:border-slate-700 dark:bg-slate-950" aria-label={`Message ${index + 1}, ${m.role}`}>
      <div className="mb-1.5 flex items-center gap-2">
        <label htmlFor={`${id}-role`} className="sr-only">Role of message {index + 1}</label>
        <select id={`${id}-role`} value={m.role} onChange={(e) => onChange({ ...m, role: e.target.value })} className={`${inlineInputClass} py-1 text-sm font-semibold`}>
          {roleOptions.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        {extra.length > 0 && <span className="truncate text-xs text-slate-700 dark:text-slate-300">+ {extra.join(', ')}</span>}
        <span className="ml-auto flex gap-1">
          <button type="button" className={iconButtonClass} onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move message ${index + 1} up`}>↑</button>
          <button type="button" className={iconButtonClass} onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move message ${index + 1} down`}>↓</button>
          <button type="button" className={iconButtonClass} onClick={onRemove} aria-label={`Remove message ${index + 1}`}>×</button>
        </span>
      </div>
      <label htmlFor={`${id}-content`} className="sr-only">Content of message {index + 1}</label>
      {text === null ? (
        <p id={`${id}-content`} className="text-sm text-slate-700 dark:text-slate-300">Structured content: edit it in the JSON view.</p>
      ) : (
        <textarea id={`${id}-content`} value={text} rows={Math.min(6, Math.max(1, text.split('\n').length))} onChange={(e) => onChange({ ...m, content: e.target.value })} className={`${inputClass} resize-y text-sm`} />
      )}
    </li>
  );
}

/** The conversation as a form: system prompt, turns (add, remove, reorder, edit) and presets. */
export function ConversationEditor() {
  const messages = useChatStore((s) => s.messages);
  const { setMessages, applyPreset } = useChatStore.getState();
  const presetId = useId();
  const systemId = useId();
  const hasSystem = messages[0]?.role === 'system';
  const system = hasSystem ? (contentText(messages[0]!) ?? '') : '';
  const turns = hasSystem ? messages.slice(1) : messages;
  const offset = hasSystem ? 1 : 0;

  const setSystem = (value: string) => {
    if (value === '' && hasSystem) setMessages(messages.slice(1));
    else if (hasSystem) setMessages([{ ...messages[0]!, content: value }, ...messages.slice(1)]);
    else if (value !== '') setMessages([{ role: 'system', content: value }, ...messages]);
  };
  const update = (i: number, m: ChatMessage) => setMessages(messages.map((x, k) => (k === i ? m : x)));
  const move = (i: number, delta: number) => {
    const j = i + delta;
    if (j < 0 || j >= messages.length) return;
    const next = messages.slice();
    [next[i], next[j]] = [next[j]!, next[i]!];
    setMessages(next);
  };
  const add = (role: string) => setMessages([...messages, { role, content: '' }]);

  return (
    <section aria-labelledby="conv-title" className={`${cardClass} flex flex-col gap-3`}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="conv-title" className="text-lg font-semibold text-slate-950 dark:text-white">Conversation</h2>
        <div className="flex items-center gap-2">
          <label htmlFor={presetId} className={labelClass}>Preset</label>
          <select
            id={presetId}
            value=""
            onChange={(e) => {
              const p = PRESETS.find((x) => x.id === e.target.value);
              if (p) applyPreset(p);
            }}
            className={`${inlineInputClass} py-1 text-sm`}
          >
            <option value="">Load a preset…</option>
            {PRESETS.map((p) => <option key={p.id} value={p.id} title={p.note}>{p.label}</option>)}
          </select>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={systemId} className={labelClass}>System prompt</label>
        <textarea id={systemId} value={system} rows={2} placeholder="(none)" onChange={(e) => setSystem(e.target.value)} className={`${inputClass} resize-y text-sm`} />
      </div>
      <ol className="flex flex-col gap-2" aria-label="Turns">
        {turns.map((m, k) => (
          <MessageRow key={k + offset} m={m} index={k + offset} count={messages.length} onChange={(x) => update(k + offset, x)} onMove={(d) => move(k + offset, d)} onRemove={() => setMessages(messages.filter((_, i) => i !== k + offset))} />
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => add('user')}>+ User turn</Button>
        <Button onClick={() => add('assistant')}>+ Assistant turn</Button>
      </div>
    </section>
  );
}
