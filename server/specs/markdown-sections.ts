import { type MarkdownLine, parseHeading } from "./markdown-lines";

export interface Section {
  level: number;
  heading: string;
  /** Line number of the heading. */
  line: number;
  /** Index into the scanned lines of the heading, and one past the section's last line. */
  start: number;
  end: number;
}

/** Every heading outside fenced code, with the span it governs (until a heading of the same or higher level). */
export function listSections(lines: MarkdownLine[]): Section[] {
  const sections: Section[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.inFence) continue;
    const h = parseHeading(line.text);
    if (h) sections.push({ level: h.level, heading: h.text, line: line.number, start: i, end: lines.length });
  }
  for (let s = 0; s < sections.length; s++) {
    const current = sections[s];
    if (!current) continue;
    for (let t = s + 1; t < sections.length; t++) {
      const next = sections[t];
      if (next && next.level <= current.level) {
        current.end = next.start;
        break;
      }
    }
  }
  return sections;
}

export function sectionText(lines: MarkdownLine[], section: Section, includeHeading = true): string {
  return lines
    .slice(includeHeading ? section.start : section.start + 1, section.end)
    .map((l) => l.text)
    .join("\n")
    .trim();
}
