/** The Tailwind classes the dashboard's forms share, so fields and buttons look alike everywhere. */
export const inputClass =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:bg-slate-900";
export const primaryButtonClass =
  "rounded bg-blue-600 px-4 py-1.5 font-medium text-white hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 disabled:opacity-50";
export const secondaryButtonClass =
  "rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:hover:bg-slate-800";
export const dangerButtonClass =
  "rounded border border-red-400 px-3 py-1 text-sm text-red-700 hover:bg-red-50 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950";
export const fieldErrorClass = "mt-1 text-sm text-red-700 dark:text-red-300";
export const sectionClass = "space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700";
