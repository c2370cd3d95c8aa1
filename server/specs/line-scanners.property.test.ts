/**
 * The hand-written line scanners against the regexes they replace: each must agree with its
 * pattern on every line, including whitespace and line-break characters beyond ASCII.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAgentPicker } from "./agent-keywords";
import { checkboxTask } from "./detect-format";
import { headingStartsWithId } from "./exec-spec";
import {
  escapeRegExp,
  indentOf,
  parseCheckbox,
  readFrontmatter,
  splitFrontmatter,
  splitIdList,
  splitLines,
} from "./markdown-lines";
import {
  afterBullet,
  type FieldBounds,
  readField,
  readSpecKitId,
  readTaskNumber,
  type TaskNumberBounds,
} from "./task-list-lines";

const RUNS = 20_000;
const awkward = ["\t", "\u00a0", "\u2028", "\u3000", "\ufeff", "\v", "\r", "\u200b", "é"];

/** Short strings over the characters a pattern cares about, plus arbitrary ones. */
function linesOver(characters: string[]) {
  return fc.oneof(
    fc.array(fc.constantFrom(...characters, ...awkward), { maxLength: 14 }).map((parts) => parts.join("")),
    fc.string({ maxLength: 14 }),
  );
}

const CHECKBOX = /^(\s*)[-*+]\s+\[([ xX~-])\](\*)?(?:\s+(.*))?$/;
function checkboxByRegex(text: string) {
  const m = CHECKBOX.exec(text);
  if (!m) return null;
  return {
    indent: indentByRegex(m[1] ?? ""),
    mark: m[2] ?? " ",
    optional: m[3] === "*",
    text: (m[4] ?? "").trim(),
  };
}
function indentByRegex(text: string): number {
  const end = text.search(/\S|$/);
  let width = end;
  for (let i = text.indexOf("\t"); i >= 0 && i < end; i = text.indexOf("\t", i + 1)) width += 3;
  return width;
}

describe("line scanners agree with their patterns", () => {
  it("parseCheckbox and indentOf", () => {
    const boxes = fc
      .tuple(
        fc.constantFrom("", " ", "  ", "\t", "\u00a0"),
        fc.constantFrom("-", "*", "+", "x"),
        fc.constantFrom("", " ", "\t", "\u2028"),
        fc.constantFrom("[ ]", "[x]", "[-]", "[~]", "[X]", "[a]", "[]", "[ ]*", "[x]**", "["),
        linesOver([" ", "T", "1", "*"]),
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(boxes, linesOver([" ", "-", "*", "[", "]", "x"])), (line) => {
        expect(parseCheckbox(line)).toEqual(checkboxByRegex(line));
        expect(indentOf(line)).toBe(indentByRegex(line));
      }),
      { numRuns: RUNS },
    );
  });

  it("readField and afterBullet", () => {
    const FIELD = /^_?\*{0,2}([A-Za-z][A-Za-z -]*?)\*{0,2}:\*{0,2}\s*(.*?)_?$/;
    const fields = fc
      .tuple(
        fc.constantFrom("", "- ", "* ", "-", "+\t"),
        fc.constantFrom("", "_", "__", "*", "**", "***"),
        fc.constantFrom("File", "Depends on", "a-b", "X", "é", "1a", ""),
        fc.constantFrom("", "*", "**", "***", "_"),
        fc.constantFrom(":", "", "::"),
        linesOver([" ", "_", "*", "a", "1"]),
      )
      .map((parts) => parts.join(""));
    const bounds: FieldBounds = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };
    fc.assert(
      fc.property(fc.oneof(fields, linesOver(["-", "*", "_", ":", "a", " "])), (line) => {
        const start = afterBullet(line);
        expect(start > 0 ? line.slice(start) : line).toBe(line.replace(/^[-*+](?:\s+|$)/, ""));
        const m = FIELD.exec(line.slice(start));
        const found = readField(line, start, bounds)
          ? [line.slice(bounds.nameStart, bounds.nameEnd), line.slice(bounds.valueStart, bounds.valueEnd)]
          : null;
        expect(found).toEqual(m ? [m[1], m[2]] : null);
      }),
      { numRuns: RUNS },
    );
  });

  it("readTaskNumber", () => {
    const TASK_NUMBER = /^(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$/;
    const bounds: TaskNumberBounds = { idEnd: 0, textStart: 0 };
    fc.assert(
      fc.property(linesOver([" ", ".", "1", "2", "a"]), (text) => {
        const m = TASK_NUMBER.exec(text);
        const found = readTaskNumber(text, bounds)
          ? [text.slice(0, bounds.idEnd), text.slice(bounds.textStart)]
          : null;
        expect(found).toEqual(m ? [m[1], m[2]] : null);
      }),
      { numRuns: RUNS },
    );
  });

  it("readSpecKitId", () => {
    const TASK_ID = /^(T\d{2,}[a-z]?)\b[:.]?\s*(.*)$/;
    const bounds: TaskNumberBounds = { idEnd: 0, textStart: 0 };
    const ids = fc
      .tuple(
        fc.constantFrom("T", "t", "T0", "T01", "T001", "T0012"),
        linesOver(["a", "A", "_", ":", ".", " ", "1"]),
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(ids, linesOver(["T", "1", "a", ":", " "])), (text) => {
        const m = TASK_ID.exec(text);
        const found = readSpecKitId(text, bounds)
          ? [text.slice(0, bounds.idEnd), text.slice(bounds.textStart)]
          : null;
        expect(found).toEqual(m ? [m[1], m[2]] : null);
      }),
      { numRuns: RUNS },
    );
  });

  it("splitIdList's number-list reading matches the general one", () => {
    // The general reading, as splitIdList applies it to anything that is not a plain number list.
    const general = (value: string): string[] => {
      const text = value.replace(/\([^)]*\)/g, " ").trim();
      if (/^(none|n\/a|-|—|\[\])?\.?$/i.test(text)) return [];
      return text
        .replace(/^\[|\]$/g, "")
        .split(/\s*(?:,|;|\band\b|\s)\s*/)
        .map((part) => part.trim().replace(/^["'`]|["'`.]$/g, ""))
        .filter((id) => id !== "" && !/^(none|n\/a)$/i.test(id));
    };
    fc.assert(
      fc.property(linesOver([" ", ",", ".", "1", "2", ";", "(", ")"]), (value) => {
        expect(splitIdList(value)).toEqual(general(value));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("frontmatter", () => {
  it("readFrontmatter reads the content as splitFrontmatter reads its lines", () => {
    const line = fc.oneof(
      fc.constantFrom("---", "...", "--- ", "---\u00a0", "---\u2028", "----", " ---", "--", ".. .", "...\t"),
      fc.constantFrom("a: 1", "", "  b: [x]", "# T", "\r", "x\r\n---"),
      linesOver(["-", ".", " ", "a", ":"]),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), fc.boolean(), (lines, opens, ends) => {
        // Half of the contents open with a fence, so that most reach the search for the closing one.
        const content = (opens ? "---\n" : "") + lines.join("\n") + (ends ? "\n" : "");
        expect(readFrontmatter(content), JSON.stringify(content)).toEqual(
          splitFrontmatter(splitLines(content)),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe("format detection", () => {
  it("sorts checkbox tasks as the anchored patterns on the checkbox text do", () => {
    const tasks = fc
      .tuple(
        fc.constantFrom("- [ ] ", "- [x]\t", "  * [ ]  ", "- [ ]", "-  [-] "),
        fc.constantFrom("T001", "T01", "T0012a", "1.", "1.2", "12", "1. ", ""),
        linesOver([" ", "\t", "a", ".", "1"]),
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(tasks, linesOver(["-", " ", "[", "]", "T", "1", "."])), (line) => {
        const box = checkboxByRegex(line);
        const expected =
          box === null
            ? null
            : /^T\d{3,}[a-z]?\b/.test(box.text)
              ? "spec-kit"
              : /^\d+(?:\.\d+)*\.?\s/.test(box.text)
                ? "numbered"
                : "other";
        expect(checkboxTask(line)).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the agent picker", () => {
  it("finds the keywords a whole-word search finds", () => {
    const map = { "a-dev": ["end point", "c++", "db migration", "ui"], "b-dev": ["api", "x", "ui", "auth"] };
    const pick = createAgentPicker(map);
    // The reference: every whole-word match of a keyword, by a plain search per keyword.
    const reference = (text: string) => {
      const lower = text.toLowerCase();
      const scores = Object.entries(map).map(([role, keywords]) => {
        const found = keywords.filter((k) => {
          const words = k
            .toLowerCase()
            .split(/[^a-z0-9]+/)
            .filter((w) => w !== "");
          return new RegExp(`(?<![a-z0-9])${words.join("[^a-z0-9]+")}(?![a-z0-9])`).test(lower);
        });
        return { role, found };
      });
      const best = scores.reduce((a, b) => (b.found.length > a.found.length ? b : a));
      return best.found.length === 0 ? null : best;
    };
    const words = [
      "auth",
      "api",
      "ui",
      "end point",
      "end-point",
      "c++",
      "db migration",
      "x",
      " ",
      "-",
      "_",
      "1",
      "İ",
      "UI.",
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.constantFrom(...words), { maxLength: 10 }).map((parts) => parts.join("")),
          fc.string(),
        ),
        (text) => {
          const expected = reference(text);
          const picked = pick(text, "");
          if (expected === null) expect(picked).toEqual({ role: "developer", keyword: null });
          else expect(picked.role).toBe(expected.role);
          if (expected !== null) expect(expected.found).toContain(picked.keyword);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("EXEC-SPEC headings", () => {
  it("find a workstream's section as `^id\\b` (case-insensitive) does", () => {
    const idChars = ["W", "S", "w", "s", "1", "-", "_", ".", "é", "ſ", "K", " "];
    const ids = fc
      .array(fc.constantFrom(...idChars), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(ids, fc.array(linesOver([...idChars, "#", ":"]), { maxLength: 4 }), (id, headings) => {
        const sections = headings.map((heading, i) => ({ level: 2, heading, line: i, start: i, end: i + 1 }));
        const pattern = new RegExp(`^${escapeRegExp(id)}\\b`, "i");
        const expected = sections.find((s) => pattern.test(s.heading));
        expect(sections.find(headingStartsWithId(id))).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
