/**
 * EXEC-SPECs without frontmatter, whose structure is only in headings (`### WS2 …`, `### Phase 1`).
 * Phases run in order. Workstream headings nested in a phase become that phase's items; when the
 * spec has phases but no nested workstreams, each phase is one item. Everything read this way is
 * reported, because headings are a weaker signal than frontmatter.
 */
import type { IssueLog } from "./issues";
import {
  boldLabel,
  cleanOutputPath,
  type MarkdownLine,
  plainText,
  scanLines,
  splitIdList,
} from "./markdown-lines";
import { listSections, type Section, sectionText } from "./markdown-sections";
import { emptySpec, newItem } from "./spec-items";
import type { ParsedSpec, PlanItem } from "./types";

const WS_HEADING = /^(WS\d+)\b[\s:.—–-]*(.*)$/i;
const PHASE_HEADING = /^Phase\s+(\d+(?:\.\d+)?)\b[\s:.—–-]*(.*)$/i;

export function parseExecSpecHeadings(file: string, rawLines: string[], log: IssueLog): ParsedSpec {
  const lines = scanLines(rawLines);
  const sections = listSections(lines);
  const spec = emptySpec("exec-spec", sections.find((s) => s.level === 1)?.heading ?? file);
  const phases = sections.filter((s) => PHASE_HEADING.test(s.heading));
  const workstreams = sections.filter((s) => WS_HEADING.test(s.heading));

  if (phases.length === 0) {
    spec.items = workstreams.map((s) => workstreamItem(file, s, lines));
  } else {
    spec.phases = [];
    for (const phase of phases) {
      const number = PHASE_HEADING.exec(phase.heading)?.[1] ?? "";
      const nested = workstreams.filter((w) => w.start > phase.start && w.end <= phase.end);
      const items =
        nested.length > 0
          ? nested.map((w) => workstreamItem(file, w, lines))
          : [phaseItem(file, phase, lines, number)];
      spec.items.push(...items);
      spec.phases.push({
        name: plainText(phase.heading),
        itemIds: items.map((i) => i.id),
        gates: [],
        sameWaveDependency: "error",
        source: { file, line: phase.line },
      });
    }
    for (const ws of workstreams) {
      if (!phases.some((p) => ws.start > p.start && ws.end <= p.end)) {
        log.warn(
          "heading_ignored",
          file,
          ws.line,
          `The heading "${ws.heading}" is outside every phase, so it is read as a section title rather than a workstream.`,
        );
      }
    }
  }
  const what = spec.phases ? `${spec.phases.length} phases` : `${spec.items.length} workstreams`;
  log.warn(
    "headings_only",
    file,
    1,
    `This EXEC-SPEC has no YAML frontmatter; ${what} were read from its headings. Check them, or add frontmatter.`,
  );
  return spec;
}

function workstreamItem(file: string, section: Section, lines: MarkdownLine[]): PlanItem {
  const m = WS_HEADING.exec(section.heading);
  const id = (m?.[1] ?? "WS").toUpperCase();
  const item = newItem(id, plainText(m?.[2] ?? "") || id, file, section.line);
  item.body = sectionText(lines, section);
  readLabels(item, lines.slice(section.start + 1, section.end));
  return item;
}

function phaseItem(file: string, section: Section, lines: MarkdownLine[], number: string): PlanItem {
  const m = PHASE_HEADING.exec(section.heading);
  const item = newItem(`PHASE-${number}`, plainText(m?.[2] ?? "") || `Phase ${number}`, file, section.line);
  item.body = sectionText(lines, section);
  readLabels(item, lines.slice(section.start + 1, section.end));
  return item;
}

/** `**Agent:**`, `**Depends On:**`, `**Outputs:**`, `**Gate:**`, `**Migration:**` lines inside the section. */
function readLabels(item: PlanItem, lines: MarkdownLine[]): void {
  for (const line of lines) {
    if (line.inFence) continue;
    const label = boldLabel(line.text);
    if (!label) continue;
    if (/^(agent|executor)$/.test(label.label)) item.role = plainText(label.value);
    else if (/^depends[ _]on$/.test(label.label)) item.dependsOn = splitIdList(plainText(label.value));
    else if (/^(outputs?|migration|files?)$/.test(label.label)) {
      for (const path of label.value.split(",").map((p) => cleanOutputPath(plainText(p)))) {
        if (path !== "" && !item.outputs.includes(path)) item.outputs.push(path);
      }
    } else if (/^gates?$/.test(label.label)) item.gates = splitIdList(plainText(label.value));
  }
}
