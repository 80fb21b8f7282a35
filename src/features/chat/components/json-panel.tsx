import { useId } from 'react';
import { parseList, parseMessages, parseVariables } from '../messages';
import { useChatStore } from '../store';
import { errorClass, labelClass, monoAreaClass } from './field-styles';

function JsonField({ label, hint, value, onChange, error, rows, testId, placeholder }: {
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  error: string | null;
  rows: number;
  testId?: string;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>{label}</label>
      <p id={`${id}-hint`} className="text-sm text-slate-700 dark:text-slate-300">{hint}</p>
      <textarea
        id={id}
        data-testid={testId}
        value={value}
        rows={rows}
        spellCheck={false}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value)}
        className={`${monoAreaClass} resize-y`}
      />
      {error && <p id={`${id}-error`} role="alert" className={errorClass}>{error}</p>}
    </div>
  );
}

/** The same conversation as editable JSON (in sync with the form), plus tools, documents and extra variables. */
export function JsonPanel() {
  const messagesText = useChatStore((s) => s.messagesText);
  const toolsText = useChatStore((s) => s.toolsText);
  const documentsText = useChatStore((s) => s.documentsText);
  const variablesText = useChatStore((s) => s.variablesText);
  const { setMessagesText, setToolsText, setDocumentsText, setVariablesText } = useChatStore.getState();
  const messages = parseMessages(messagesText);
  const tools = parseList(toolsText, 'Tools');
  const documents = parseList(documentsText, 'Documents');
  const variables = parseVariables(variablesText);
  const messagesError = messages.ok ? null : `${messages.error}. The last valid conversation is still rendered; your text is kept.`;
  return (
    <div className="flex flex-col gap-3">
      <JsonField label="Messages (JSON)" hint="The messages list exactly as apply_chat_template receives it. Edits here replace the whole conversation." value={messagesText} onChange={setMessagesText} error={messagesError} rows={12} testId="messages-json" />
      <details className="group rounded-lg border border-slate-200 p-3 dark:border-slate-700">
        <summary className="cursor-pointer text-sm font-semibold text-slate-900 dark:text-slate-100">Tools, documents and extra variables{toolsText || documentsText || variablesText ? ' (set)' : ''}</summary>
        <div className="mt-3 flex flex-col gap-3">
          <JsonField label="Tools" hint="A JSON list of function schemas; empty = None." value={toolsText} onChange={setToolsText} error={tools.ok ? null : tools.error} rows={5} placeholder='[{"type": "function", "function": {"name": "…", "parameters": {…}}}]' />
          <JsonField label="Documents" hint="RAG snippets, a JSON list; empty = None." value={documentsText} onChange={setDocumentsText} error={documents.ok ? null : documents.error} rows={4} placeholder='[{"title": "…", "text": "…"}]' />
          <JsonField label="Extra variables" hint="Template kwargs, e.g. enable_thinking or date_string; empty = none." value={variablesText} onChange={setVariablesText} error={variables.ok ? null : variables.error} rows={3} placeholder='{"enable_thinking": false}' />
        </div>
      </details>
    </div>
  );
}
