import { useState } from 'react';
import { idsAsJson, idsAsPythonList, toCsv, toJson, type TokenArrays } from '../../../core/tokens/spans';
import { Button } from '../../../components/ui/button';
import { copyText, downloadText } from '../download';

export interface TokenToolbarProps {
  ids: Int32Array | null;
  /** The full table (raw strings and bytes fetched first), for the exports. */
  fullTokens: () => Promise<TokenArrays | null>;
  tokenizerId: string | null;
  showCopy: boolean;
}

function safeFileName(id: string): string {
  return id.replace(/[^\w.-]+/g, '_');
}

/** Copy ids and download the token table. */
export function TokenToolbar({ ids, fullTokens, tokenizerId, showCopy }: TokenToolbarProps) {
  const [message, setMessage] = useState('');
  const disabled = !ids;
  const copy = async (format: 'JSON' | 'Python') => {
    if (!ids) return;
    try {
      await copyText(format === 'JSON' ? idsAsJson(ids) : idsAsPythonList(ids));
      setMessage(`Copied ${ids.length} ids as ${format === 'JSON' ? 'JSON' : 'a Python list'}.`);
    } catch (error) {
      setMessage(`Copy failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const download = async (format: 'json' | 'csv') => {
    try {
      const tokens = await fullTokens();
      if (!tokens) return;
      const name = `tokens-${safeFileName(tokenizerId ?? 'tokenizer')}.${format}`;
      if (format === 'json') downloadText(name, toJson(tokens), 'application/json');
      else downloadText(name, toCsv(tokens), 'text/csv');
      setMessage(`Saved ${name}.`);
    } catch (error) {
      setMessage(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
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
      <Button disabled={disabled} onClick={() => void download('json')}>
        Export JSON
      </Button>
      <Button disabled={disabled} onClick={() => void download('csv')}>
        Export CSV
      </Button>
      <span role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {message}
      </span>
    </div>
  );
}
