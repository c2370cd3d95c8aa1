/**
 * Plain-text views of a run for the terminal, as pure functions of the run JSON
 * (GET /api/v1/runs/:id): the status table, a progress bar per wave, and the lines `--watch`
 * prints as things change (what changed is computed from two consecutive views).
 */
import type { z } from "zod";
import type { runViewSchema } from "../web/schemas";

export type CliRunView = z.infer<typeof runViewSchema>;
type Story = CliRunView["stories"][number];
type Wave = CliRunView["waves"][number];

export const FINAL_RUN_STATUSES = ["succeeded", "failed", "cancelled"] as const;
const FINAL_STORY = new Set(["succeeded", "failed", "skipped"]);
const STORY_MARK: Record<string, string> = { succeeded: "✓", failed: "✗", skipped: "–" };

export function isFinalRun(status: string): boolean {
  return (FINAL_RUN_STATUSES as readonly string[]).includes(status);
}

/** `[████████░░░░░░░░░░░░]`; a wave with no items is shown full. */
export function progressBar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? width : Math.round((Math.min(done, total) / total) * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
}

export function waveStories(view: CliRunView, waveIndex: number): Story[] {
  return view.stories.filter((story) => story.waveIndex === waveIndex);
}

/** `Wave 2 Services  [██████████░░░░░░░░░░] 1/2  running` (waves are numbered from 1, as in `plan`). */
export function formatWaveLine(view: CliRunView, wave: Wave): string {
  const stories = waveStories(view, wave.index);
  const done = stories.filter((story) => FINAL_STORY.has(story.status)).length;
  return `Wave ${wave.index + 1} ${wave.name}  ${progressBar(done, stories.length)} ${done}/${stories.length}  ${wave.status.replaceAll("_", " ")}`;
}

export function formatStoryLine(story: Story): string {
  const mark = STORY_MARK[story.status] ?? "·";
  const error = story.error ? ` (${story.error})` : "";
  return `  ${mark} ${story.key} ${story.title}: ${story.status.replaceAll("_", " ")}${error}`;
}

/** The wave a person must decide on, if any. */
export function waveAwaitingApproval(view: CliRunView): Wave | undefined {
  return view.waves.find((wave) => wave.status === "awaiting_approval");
}

export function formatRunStatus(view: CliRunView): string {
  const lines = [
    `Run ${view.id}: ${view.status.replaceAll("_", " ")}`,
    `Spec: ${view.spec.name} (${view.spec.format}), mode ${view.mode}`,
  ];
  if (view.error) lines.push(`Error: ${view.error}`);
  for (const wave of view.waves) {
    lines.push("", formatWaveLine(view, wave));
    for (const story of waveStories(view, wave.index)) lines.push(formatStoryLine(story));
  }
  const awaiting = waveAwaitingApproval(view);
  if (awaiting) lines.push("", approvalNeededLine(view, awaiting));
  return `${lines.join("\n")}\n`;
}

export function approvalNeededLine(view: CliRunView, wave: Wave): string {
  return view.status === "paused"
    ? `Paused before wave ${wave.index + 2}: run \`specwave resume ${view.id}\` to go on.`
    : `Wave ${wave.index + 1} (${wave.name}) needs approval: run \`specwave approve ${view.id}\` to continue.`;
}

/**
 * What `--watch` prints when the run moves from `before` to `after`: items that finished, a
 * wave's bar when its progress or status changed, and the run's new status. The first view
 * (`before` undefined) prints every wave's bar.
 */
export function progressLines(before: CliRunView | undefined, after: CliRunView): string[] {
  const lines: string[] = [];
  const previousStory = new Map(before?.stories.map((story) => [story.id, story.status]));
  const previousWave = new Map(before?.waves.map((wave) => [wave.id, formatWaveLine(before, wave)]));
  for (const wave of after.waves) {
    const finished = waveStories(after, wave.index).filter(
      (story) => FINAL_STORY.has(story.status) && previousStory.get(story.id) !== story.status,
    );
    for (const story of finished) lines.push(formatStoryLine(story));
    const line = formatWaveLine(after, wave);
    // Pending waves are printed once they start, so a long plan does not flood the first screen.
    if (previousWave.get(wave.id) !== line && (before !== undefined || wave.status !== "pending"))
      lines.push(line);
  }
  if (before && before.status !== after.status) {
    lines.push(
      `Run ${after.id}: ${after.status.replaceAll("_", " ")}${after.error ? ` (${after.error})` : ""}`,
    );
  }
  return lines;
}
