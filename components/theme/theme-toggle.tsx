"use client";

import { useSyncExternalStore } from "react";
import {
  applyThemeChoice,
  parseThemeChoice,
  THEME_CHOICES,
  THEME_STORAGE_KEY,
  type ThemeChoice,
} from "./theme-choice";

/** Said within this tab when the choice changes; other tabs hear the storage event. */
const CHANGED_EVENT = "specwave:theme-changed";

const labels: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(window.localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    // Chosen in another tab: this one follows.
    applyThemeChoice(document.documentElement, readChoice());
    onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGED_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGED_EVENT, onChange);
  };
}

function choose(choice: ThemeChoice): void {
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused (a private window): the choice holds for this page only.
  }
  applyThemeChoice(document.documentElement, choice);
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

/**
 * The header's theme picker. The server renders "System" (it cannot read localStorage); the
 * stored choice replaces it right after hydration, while the page already wears that theme.
 */
export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribe, readChoice, () => "system" as const);
  return (
    <label className="flex items-center gap-1 text-sm text-slate-600 dark:text-slate-300">
      Theme
      <select
        data-testid="theme-toggle"
        value={choice}
        onChange={(event) => choose(parseThemeChoice(event.target.value))}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-slate-900 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        {THEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
