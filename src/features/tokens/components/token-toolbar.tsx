import { useState } from 'react';
import { idsAsJson, idsAsPythonList, toCsv, toJson, type TokenArrays } from '../../../core/tokens/spans';
import { Button } from '../../../components/ui/button';
import { copyText, downloadText } from '../download';

export interface TokenToolbarProps {
  tokens: TokenArrays | null;
  tokenizerId: string | null;
  showCopy: boolean;
}

function safeFileName(id: string): string {
  return id.replace(/[^\w.-]+/g, '_');
}

/** Copy ids and download the token table. */
export function TokenToolbar({ tokens, tokenizerId, showCopy }: TokenToolbarProps) {
  const [message, setMessage] = useState('');
  const disabled = !tokens;
  const copy = async (format: 'JSON' | 'Python') => {
    if (!tokens) return;
    try {
      await copyText(format === 'JSON' ? idsAsJson(tokens.ids) : idsAsPythonList(tokens.ids));
      setMessage(`Copied ${tokens.ids.length} ids as ${format === 'JSON' ? 'JSON' : 'a Python list'}.`);
    } catch (error) {
      setMessage(`Copy failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const download = (format: 'json' | 'csv') => {
    if (!tokens) return;
    const name = `tokens-${safeFileName(tokenizerId ?? 'tokenizer')}.${format}`;
    if (format === 'json') downloadText(name, toJson(tokens), 'application/json');
    else downloadText(name, toCsv(tokens), 'text/csv');
    setMessage(`Saved ${name}.`);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {showCopy && (
        <>
          <Button disabled={disabled} onClick={() => void copy('JSON')}>
            Copy ids as JSON
          </Button>
          <Button disabled={disabled} onClick={() => void copy('Python')}>
            Copy ids as Python list
          </Button>
        </>
      )}
      <Button disabled={disabled} onClick={() => download('json')}>
        Export JSON
      </Button>
      <Button disabled={disabled} onClick={() => download('csv')}>
        Export CSV
      </Button>
      <span role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {message}
      </span>
    </div>
  );
}
