/**
 * Story sets: one file per story, uploaded together (a folder or an unpacked zip) with epic
 * files and the run's `workflow-state.json`. A story is described either by YAML frontmatter
 * (`story_id, epic_id, status, complexity, wave, agent, dependencies`) or by bold labels
 * (`**Depends On:**`, `**Parallelizable With:**`, `**Status:** 🔵 Pending`). Acceptance criteria
 * are the checkboxes under an "Acceptance Criteria" heading.
 */
import { stateFromStatus } from "./exec-spec";
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import {
  boldLabel,
  cleanOutputPath,
  extractPaths,
  parseCheckbox,
  parseHeading,
  plainText,
  scanLines,
  splitFrontmatter,
  splitIdList,
  stateFromMark,
} from "./markdown-lines";
import { type ProseLine, suggestFromProse } from "./prose-dependencies";
import { emptySpec, groupInOrder, newItem } from "./spec-items";
import { checkParallelHints, readEpic, type StoryExtras } from "./story-checks";
import type { ItemState, ParsedSpec, PlanItem, SpecPhase } from "./types";
import { applyWorkflowState, workflowStateIds } from "./workflow-state";
import { asString, asStringList, isRecord, parseYamlBlock } from "./yaml-block";

const STORY_ID = /\b(?:US|STORY|S)-\d+\b/i;
const STORY_ID_GLOBAL = /\b(?:US|STORY)-\d+\b/;

export function parseStorySet(files: LoadedFile[], log: IssueLog): ParsedSpec | null {
  const spec = emptySpec("story-set", "");
  const extras = new Map<string, StoryExtras>();
  const prose: ProseLine[] = [];
  const stories = files.filter((f) => f.kind === "story");
  for (const file of stories) {
    const story = readStory(file, log, prose);
    if (!story) continue;
    spec.items.push(story.item);
    extras.set(story.item.id, story.extras);
  }
  if (log.failed) return null;
  if (stories.length === 0) return storylessUpload(files, spec, log);
  spec.items.sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
  const ids = new Set(spec.items.map((i) => i.id));
  for (const file of files) {
    if (file.kind === "epic") {
      readEpic(file, ids, log);
      spec.documents.push({ file: file.name, kind: "epic" });
    } else if (file.kind === "workflow-state") {
      if (!applyWorkflowState(file, spec.items, log)) return null;
      spec.documents.push({ file: file.name, kind: "state-log" });
    } else if (file.kind !== "story") {
      spec.documents.push({ file: file.name, kind: "spec" });
    }
  }
  suggestFromProse(prose, spec.items, STORY_ID_GLOBAL, log);
  checkParallelHints(spec.items, extras, log);
  spec.phases = wavePhases(spec.items, extras, log);
  spec.dependencySources = {};
  for (const item of spec.items) {
    const line = extras.get(item.id)?.dependsLine;
    if (line !== undefined) spec.dependencySources[item.id] = { file: item.source.file, line };
  }
  spec.title = commonFolder(stories.map((f) => f.name)) || "User stories";
  return spec;
}

/** Epics or a workflow state without story files: the state's ids become done/pending items. */
function storylessUpload(files: LoadedFile[], spec: ParsedSpec, log: IssueLog): ParsedSpec | null {
  const state = files.find((f) => f.kind === "workflow-state");
  if (!state) {
    log.error(
      "empty_spec",
      files[0]?.name ?? "",
      0,
      "These files describe epics but hold no stories; upload the story files (US-…) together with them.",
    );
    return null;
  }
  const ids = workflowStateIds(state);
  spec.items = ids.map((id) => newItem(id, id, state.name, 1));
  if (!applyWorkflowState(state, spec.items, log)) return null;
  spec.title = state.name;
  spec.documents.push({ file: state.name, kind: "state-log" });
  log.warn(
    "state_without_stories",
    state.name,
    1,
    `Only the workflow state was uploaded: ${ids.length} stories are known by id and state alone; upload the story files for titles and dependencies.`,
  );
  return spec;
}

interface StoryRead {
  item: PlanItem;
  extras: StoryExtras;
}

function readStory(file: LoadedFile, log: IssueLog, prose: ProseLine[]): StoryRead | null {
  const fm = splitFrontmatter(file.lines);
  const extras: StoryExtras = { parallelWith: [], line: 1 };
  const fileId = STORY_ID.exec(file.name.split("/").pop() ?? "")?.[0]?.toUpperCase();
  const item = newItem(fileId ?? file.name, "", file.name, 1);
  item.body = file.content;
  if (fm) {
    const block = parseYamlBlock(fm.yaml, file.name, fm.firstLine, log);
    if (!block) return null;
    if (isRecord(block.data)) readFrontmatter(item, extras, block.data);
  }
  const lines = scanLines(fm ? fm.bodyLines : file.lines, fm ? fm.bodyFirstLine : 1);
  let section = "";
  let label = "";
  let stray = { count: 0, line: 0 };
  for (const line of lines) {
    if (line.inFence) continue;
    const heading = parseHeading(line.text);
    if (heading) {
      section = heading.text.toLowerCase();
      label = "";
      if (heading.level === 1) readTitle(item, heading.text, line.number);
      continue;
    }
    const box = parseCheckbox(line.text);
    if (box) {
      if (/acceptance criteria/.test(section)) {
        item.acceptanceCriteria.push({ text: plainText(box.text), done: stateFromMark(box.mark) === "done" });
      } else {
        stray = { count: stray.count + 1, line: stray.line || line.number };
      }
      continue;
    }
    const bold = boldLabel(line.text);
    if (bold) {
      label = bold.label;
      readLabel(item, extras, bold.label, bold.value, line.number);
      if (bold.label === "depends on") extras.dependsLine = line.number;
      if (label === "dependencies" && bold.value !== "") {
        prose.push({ file: file.name, line: line.number, text: `${item.id} requires ${bold.value}` });
      }
      continue;
    }
    if (/^\s+[-*+]\s/.test(line.text) && label === "files") {
      // A Files list names outputs, so a root file like `CLAUDE.md` counts even without a folder.
      const named = /`([^`\s]+\.[A-Za-z]\w{0,5})`/.exec(line.text)?.[1];
      for (const path of named ? [named] : extractPaths(line.text)) addOutput(item, path);
    } else if (/^\s+[-*+]\s/.test(line.text) && label === "dependencies" && !/parallel/i.test(line.text)) {
      // Architecture notes say "Requires US-010 (hook handler)": prose, so only a suggestion.
      prose.push({
        file: file.name,
        line: line.number,
        text: `${item.id} ${line.text.trim().replace(/^[-*+]\s+/, "")}`,
      });
    }
  }
  if (stray.count > 0) {
    log.warn(
      "checkbox_not_task",
      file.name,
      stray.line,
      `${stray.count} checkboxes in ${item.id} are outside its acceptance criteria; they are kept in the story text, not planned.`,
    );
  }
  item.title ||= item.id;
  return { item, extras };
}

function readFrontmatter(item: PlanItem, extras: StoryExtras, data: Record<string, unknown>): void {
  const id = asString(data.story_id) ?? asString(data.id);
  if (id) item.id = id;
  const title = asString(data.title);
  if (title) item.title = title;
  item.state = stateFromStatus(asString(data.status));
  const complexity = asString(data.complexity);
  if (complexity) item.complexity = complexity;
  item.role = asString(data.agent) ?? "";
  item.dependsOn = asStringList(data.dependencies ?? data.depends_on);
  extras.parallelWith = asStringList(data.parallelizable_with ?? data.parallel_with);
  const wave = asString(data.wave);
  if (wave) extras.wave = wave;
  const epic = asString(data.epic_id);
  if (epic) item.requirements.push(epic);
  for (const output of asStringList(data.outputs ?? data.files)) addOutput(item, output);
}

/** "US-013: Add Hook Testing Scenarios" gives the id when the file name did not. */
function readTitle(item: PlanItem, heading: string, line: number): void {
  const m = /^((?:US|STORY|S)-\d+)\s*[:—–-]\s*(.*)$/i.exec(heading);
  if (m) {
    if (!STORY_ID.test(item.id)) item.id = (m[1] ?? "").toUpperCase();
    item.title ||= plainText(m[2] ?? "");
  } else {
    item.title ||= plainText(heading);
  }
  item.source.line = line;
}

function readLabel(item: PlanItem, extras: StoryExtras, label: string, value: string, line: number): void {
  const text = plainText(value);
  switch (label) {
    case "epic":
      if (text !== "" && !item.requirements.includes(text)) item.requirements.push(text);
      return;
    case "status":
      item.state = stateFromEmojiStatus(text);
      return;
    case "assignee":
    case "agent":
      if (text !== "" && !/^(unassigned|none|tbd|-)$/i.test(text)) item.role = text;
      return;
    case "depends on":
      item.dependsOn = splitIdList(text).filter((id) => STORY_ID.test(id));
      return;
    case "parallelizable with":
      extras.parallelWith = splitIdList(text).filter((id) => STORY_ID.test(id));
      extras.line = line;
      return;
    case "estimated size":
    case "complexity":
    case "size":
      if (text !== "") item.complexity = text.replace(/\s*\(.*\)$/, "");
      return;
    case "wave":
      if (text !== "") extras.wave = text;
      return;
    default:
      return;
  }
}

/** "🔵 Pending", "🟡 In Progress", "🧪 Testing", "✅ Complete", "🔴 Blocked". */
export function stateFromEmojiStatus(text: string): ItemState {
  const words = text.replace(/[^\p{L}\p{N}\s_-]/gu, "").trim();
  if (words === "") {
    if (text.includes("✅")) return "done";
    if (text.includes("🔴") || text.includes("⛔")) return "blocked";
    return "pending";
  }
  return stateFromStatus(words);
}

function addOutput(item: PlanItem, raw: string): void {
  const path = cleanOutputPath(raw);
  if (path !== "" && !item.outputs.includes(path)) item.outputs.push(path);
}

/** Stories that all carry a `wave` become explicit phases; a partial set falls back to layers. */
function wavePhases(items: PlanItem[], extras: Map<string, StoryExtras>, log: IssueLog): SpecPhase[] | null {
  const withWave = items.filter((i) => extras.get(i.id)?.wave !== undefined);
  if (withWave.length === 0) return null;
  if (withWave.length < items.length) {
    const missing = items.filter((i) => extras.get(i.id)?.wave === undefined).map((i) => i.id);
    log.warn(
      "wave_incomplete",
      missing.length > 0 ? (items.find((i) => i.id === missing[0])?.source.file ?? "") : "",
      0,
      `Only some stories give a wave (missing: ${missing.join(", ")}); waves are computed from dependencies instead.`,
    );
    return null;
  }
  const byWave = groupInOrder(items, (i) => extras.get(i.id)?.wave);
  const waves = [...byWave.keys()];
  waves.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return waves.map((w) => {
    const members = byWave.get(w) ?? [];
    return {
      name: `Wave ${w}`,
      itemIds: members.map((i) => i.id),
      gates: [],
      sameWaveDependency: "error",
      source: members[0]?.source ?? { file: "", line: 0 },
    };
  });
}

function commonFolder(names: string[]): string {
  const folders = names.map((n) => n.split("/").slice(0, -1).join("/"));
  const first = folders[0] ?? "";
  return folders.every((f) => f === first) ? first : "";
}
