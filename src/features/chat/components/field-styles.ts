/** Shared Tailwind classes for the studio's form controls (one look, AA contrast in both themes). */
export const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-base text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:focus-visible:outline-indigo-300';
export const monoAreaClass = `${inputClass} font-mono text-sm leading-relaxed`;
export const labelClass = 'text-xs font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300';
export const cardClass = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900';
export const errorClass = 'rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm font-medium text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100';
export const iconButtonClass =
  'rounded-md border border-slate-300 px-2 py-1 text-sm leading-none text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus-visible:outline-indigo-300';
/** The same look for controls that size to their content. */
export const inlineInputClass = inputClass.replace('w-full ', '');
