/**
 * Light, dark, or whatever the system prefers. A chosen theme is a class on <html> ("light" or
 * "dark"); "system" is no class at all, and the stylesheet's dark variant follows
 * prefers-color-scheme then (app/globals.css). So the system theme needs no script, follows the
 * system the moment it changes, and a page can never show a theme the system no longer has.
 */

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_STORAGE_KEY = "specwave:theme";

export function parseThemeChoice(value: unknown): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === value) ?? "system";
}

/** Sets the class for a choice on the root element, dropping the other one. */
export function applyThemeChoice(root: Pick<Element, "classList">, choice: ThemeChoice): void {
  root.classList.toggle("light", choice === "light");
  root.classList.toggle("dark", choice === "dark");
}

/**
 * Runs in <head> before the body is parsed, so a chosen theme is there at the first paint. It
 * does what `applyThemeChoice(document.documentElement, stored choice)` does, in plain ES5; a
 * storage that refuses to be read (some private windows) leaves the system theme.
 */
export const themeBootScript = `(function(){try{var c=window.localStorage.getItem(${JSON.stringify(
  THEME_STORAGE_KEY,
)});if(c==="light"||c==="dark")document.documentElement.classList.add(c)}catch(e){}})();`;
