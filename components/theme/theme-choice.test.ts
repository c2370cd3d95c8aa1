import { describe, expect, it } from "vitest";
import {
  applyThemeChoice,
  parseThemeChoice,
  THEME_STORAGE_KEY,
  type ThemeChoice,
  themeBootScript,
} from "./theme-choice";

/** The slice of <html> the theme code touches: its class list. */
function fakeRoot(initial: string[] = []) {
  const classes = new Set(initial);
  const classList = {
    add: (name: string) => void classes.add(name),
    toggle: (name: string, force?: boolean) => {
      const on = force ?? !classes.has(name);
      if (on) classes.add(name);
      else classes.delete(name);
      return on;
    },
  };
  return { classes, root: { classList } as unknown as Pick<Element, "classList"> };
}

/** Runs the boot script as the browser does, with a stored value (or a storage that throws). */
function boot(stored: string | null | Error): Set<string> {
  const { classes, root } = fakeRoot();
  const localStorage = {
    getItem: (key: string) => {
      if (stored instanceof Error) throw stored;
      return key === THEME_STORAGE_KEY ? stored : null;
    },
  };
  new Function("window", "document", themeBootScript)({ localStorage }, { documentElement: root });
  return classes;
}

describe("parseThemeChoice", () => {
  it("keeps the three choices and falls back to the system for anything else", () => {
    for (const choice of ["system", "light", "dark"] as const) expect(parseThemeChoice(choice)).toBe(choice);
    expect(parseThemeChoice(null)).toBe("system");
    expect(parseThemeChoice("DARK")).toBe("system");
  });
});

describe("applyThemeChoice", () => {
  it("leaves exactly the chosen class, and none for the system", () => {
    const cases: [ThemeChoice, string[]][] = [
      ["dark", ["dark"]],
      ["light", ["light"]],
      ["system", []],
    ];
    for (const [choice, expected] of cases) {
      const { classes, root } = fakeRoot(["light", "dark"]);
      applyThemeChoice(root, choice);
      expect([...classes].sort()).toEqual(expected);
    }
  });
});

describe("themeBootScript", () => {
  it("sets the stored choice's class before the first paint, as applyThemeChoice would", () => {
    expect([...boot("dark")]).toEqual(["dark"]);
    expect([...boot("light")]).toEqual(["light"]);
    expect([...boot(null)]).toEqual([]);
  });

  it("ignores a value it does not know and a storage that refuses to be read", () => {
    expect([...boot("dark sepia")]).toEqual([]);
    expect([...boot(new Error("SecurityError"))]).toEqual([]);
  });
});
