import { useId } from 'react';
import { useChatStore } from '../store';
import { inputClass, labelClass } from './field-styles';

function Check({ checked, onChange, label, hint, testId }: { checked: boolean; onChange: (v: boolean) => void; label: string; hint: string; testId?: string }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-hint`} className="mt-1 size-4 accent-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:accent-indigo-300" />
      <div>
        <label htmlFor={id} className="font-mono text-sm font-semibold text-slate-900 dark:text-slate-100">{label}</label>
        <p id={`${id}-hint`} className="text-xs text-slate-700 dark:text-slate-300">{hint}</p>
      </div>
    </div>
  );
}

/** apply_chat_template's options: generation prompt, continue_final_message, named template, a fixed date. */
export function RenderOptions({ templateNames }: { templateNames: string[] }) {
  const agp = useChatStore((s) => s.addGenerationPrompt);
  const cfm = useChatStore((s) => s.continueFinalMessage);
  const templateName = useChatStore((s) => s.templateName);
  const fixedDate = useChatStore((s) => s.fixedDate);
  const whitespace = useChatStore((s) => s.showWhitespace);
  const { setAddGenerationPrompt, setContinueFinalMessage, setTemplateName, setFixedDate, setShowWhitespace } = useChatStore.getState();
  const nameId = useId();
  const dateId = useId();
  return (
    <div className="flex flex-col gap-3">
      <Check testId="add-generation-prompt" checked={agp} onChange={setAddGenerationPrompt} label="add_generation_prompt" hint="Append the header that cues the assistant to answer." />
      <Check checked={cfm} onChange={setContinueFinalMessage} label="continue_final_message" hint="Leave the last message open so the model continues it (prefill)." />
      <Check checked={whitespace} onChange={setShowWhitespace} label="Show whitespace" hint="Draw spaces, tabs and newlines as · → ↵." />
      {templateNames.length > 0 && (
        <div className="flex flex-col gap-1">
          <label htmlFor={nameId} className={labelClass}>Named template</label>
          <select id={nameId} value={templateName ?? ''} onChange={(e) => setTemplateName(e.target.value || null)} className={`${inputClass} text-sm`}>
            <option value="">Default choice (tool_use when tools are set)</option>
            {templateNames.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={dateId} className={labelClass}>Date for strftime_now</label>
        <div className="flex gap-2">
          <input id={dateId} type="datetime-local" value={fixedDate} onChange={(e) => setFixedDate(e.target.value)} className={`${inputClass} text-sm`} />
          {fixedDate && <button type="button" onClick={() => setFixedDate('')} className="shrink-0 text-sm font-medium text-indigo-800 underline dark:text-indigo-300">Use today</button>}
        </div>
        <p className="text-xs text-slate-700 dark:text-slate-300">{fixedDate ? 'Templates that print the date see this fixed time.' : 'Empty: the real clock, as transformers uses.'}</p>
      </div>
    </div>
  );
}
