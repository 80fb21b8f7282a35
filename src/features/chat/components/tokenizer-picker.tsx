import { useId } from 'react';
import { useCatalogStore } from '../../../stores/catalog-store';
import { useLoadedTokenizersStore } from '../../../stores/loaded-tokenizers-store';
import { inputClass, labelClass } from './field-styles';

/** Bundled tokenizers (marked when they ship a chat template) plus any loaded from the Hub or disk. */
export function TokenizerPicker({ value, onChange, label, onlyTemplates = false, extra }: {
  value: string;
  onChange: (id: string) => void;
  label: string;
  onlyTemplates?: boolean;
  extra?: Array<{ value: string; label: string }>;
}) {
  const id = useId();
  const entries = useCatalogStore((s) => s.entries);
  const loaded = useLoadedTokenizersStore((s) => s.entries);
  const bundled = onlyTemplates ? entries.filter((e) => e.hasChatTemplate) : entries;
  const known = bundled.some((e) => e.id === value) || loaded.some((e) => e.id === value) || extra?.some((e) => e.value === value);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} font-semibold`}>
        {!known && <option value={value}>{value}</option>}
        {extra?.map((e) => <option key={e.value} value={e.value}>{e.label}</option>)}
        <optgroup label="Bundled">
          {bundled.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}{onlyTemplates ? '' : e.hasChatTemplate ? ' · chat template' : ' · base (no template)'}
            </option>
          ))}
        </optgroup>
        {loaded.length > 0 && (
          <optgroup label="Loaded">
            {loaded.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
          </optgroup>
        )}
      </select>
    </div>
  );
}
