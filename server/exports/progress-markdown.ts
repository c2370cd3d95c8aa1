import { gatesOfWave, runGates } from "./gate-outcomes";
import type { ExportGate, ExportSnapshot, ExportStory, ExportWave } from "./snapshot";
import { spanMs, stepDurationMs, translate } from "./step-facts";

/**
 * The progress markdown of the parallel feature executor (`execution-progress.md`): a section per
 * wave with its items as checkboxes, and the performance metrics it reports — elapsed time,
 * parallel speedup (the sum of step times over the wall time) and items completed — plus a
 * per-wave table a PM can paste into a status update.
 */
export function toProgressMarkdown(snapshot: ExportSnapshot): string {
  const { run, waves, stories, exportedAt } = snapshot;
  const title = snapshot.spec.plan.title || snapshot.spec.name;
  const metrics = progressMetrics(snapshot);
  const lines: string[] = [
    `## Feature: ${title} - Parallel Execution Progress`,
    "",
    `Run \`${run.id}\` · status ${run.status} · mode ${run.mode} · exported ${exportedAt.toISOString()}`,
    "",
    "### Performance Metrics",
    `- Total elapsed: ${metrics.wallMs === null ? "not started" : formatDuration(metrics.wallMs)}`,
    `- Parallel speedup: ${metrics.speedup === null ? "n/a" : `${metrics.speedup.toFixed(1)}x`} (step time ${formatDuration(metrics.stepMs)} over wall time ${metrics.wallMs === null ? "n/a" : formatDuration(metrics.wallMs)})`,
    `- Items completed: ${metrics.completed}/${stories.length}${outcomeNote(metrics)}`,
    ...dodLines(runGates(snapshot)),
    "",
    "### Waves",
    "",
    "| Wave | Name | Status | Items | Done | Failed | Duration | Gates |",
    "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const wave of waves) {
    const waveStories = stories.filter((story) => story.waveIndex === wave.index);
    const ms = waveDuration(wave, exportedAt);
    lines.push(
      `| ${wave.index + 1} | ${cell(wave.name)} | ${icon(wave.status)} ${wave.status} | ${waveStories.length} | ${waveStories.filter((s) => s.status === "succeeded").length} | ${waveStories.filter((s) => s.status === "failed").length} | ${ms === null ? "-" : formatDuration(ms)} | ${cell(gateCell(wave, gatesOfWave(snapshot, wave.index)))} |`,
    );
  }
  for (const wave of waves) {
    const ms = waveDuration(wave, exportedAt);
    lines.push(
      "",
      `### ${waveTitle(wave)} ${icon(wave.status)}${ms === null ? "" : ` (${formatDuration(ms)})`}`,
    );
    const waveStories = stories.filter((story) => story.waveIndex === wave.index);
    for (const approval of snapshot.approvals.filter((decision) => decision.waveIndex === wave.index)) {
      const comment = approval.comment ? `: ${oneLine(approval.comment)}` : "";
      lines.push(
        `_${approval.decision} by ${approval.decidedBy} at ${approval.at.toISOString()}${comment}_`,
        "",
      );
    }
    if (waveStories.length === 0) lines.push("- (no items)");
    for (const story of waveStories) lines.push(storyLine(story));
  }
  return `${lines.join("\n")}\n`;
}

export interface ProgressMetrics {
  /** Run start to its end, or to the snapshot while it runs; null before it started. */
  wallMs: number | null;
  /** Sum of every step's duration (a running step up to the snapshot). */
  stepMs: number;
  /** stepMs / wallMs; null when there is no wall time to divide by. */
  speedup: number | null;
  completed: number;
  failed: number;
  skipped: number;
}

export function progressMetrics(snapshot: ExportSnapshot): ProgressMetrics {
  const { run, stories, exportedAt } = snapshot;
  const wallMs = run.startedAt ? spanMs(run.startedAt, run.finishedAt ?? exportedAt) : null;
  const stepMs = stories
    .flatMap((story) => story.steps)
    .reduce((sum, step) => sum + (stepDurationMs(step, exportedAt) ?? 0), 0);
  const count = (status: ExportStory["status"]) => stories.filter((story) => story.status === status).length;
  return {
    wallMs,
    stepMs,
    speedup: wallMs ? stepMs / wallMs : null,
    completed: count("succeeded"),
    failed: count("failed"),
    skipped: count("skipped"),
  };
}

const waveIcon: Record<string, string> = {
  pending: "⏸️",
  running: "🔄",
  gating: "🚦",
  awaiting_approval: "✋",
  passed: "✅",
  failed: "❌",
};

function storyLine(story: ExportStory): string {
  const box = story.status === "succeeded" ? "[x]" : "[ ]";
  const note: Record<string, string> = {
    pending: "pending",
    queued: "queued",
    running: "in progress",
    succeeded: "done",
    failed: `failed${story.error ? `: ${oneLine(story.error)}` : ""}`,
    skipped: "skipped",
    waiting_for_human: "waiting for a person",
  };
  return `- ${box} ${story.key}: ${oneLine(story.title)} - ${translate(note, story.status)}`;
}

function waveDuration(wave: ExportWave, now: Date): number | null {
  if (!wave.startedAt) return null;
  return spanMs(wave.startedAt, wave.finishedAt ?? now);
}

/** "Wave 2: Phase 2", or just "Wave 2" when the plan named it that already. */
const waveTitle = (wave: ExportWave) =>
  wave.name === `Wave ${wave.index + 1}` ? wave.name : `Wave ${wave.index + 1}: ${wave.name}`;

function outcomeNote(metrics: ProgressMetrics): string {
  const notes = [
    metrics.failed > 0 ? `${metrics.failed} failed` : "",
    metrics.skipped > 0 ? `${metrics.skipped} skipped` : "",
  ].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join(", ")})` : "";
}

const gateIcon: Record<string, string> = { passed: "✅", failed: "❌", skipped: "⏭️", pending: "⏳" };

/** Each gate the wave names or ran, with its latest outcome; ⏳ for one that has not run yet. */
function gateCell(wave: ExportWave, results: ExportGate[]): string {
  const latest = new Map<string, string>(wave.gates.map((name) => [name, "pending"]));
  for (const gate of results) latest.set(gate.name, gate.status);
  if (latest.size === 0) return "-";
  return [...latest].map(([name, status]) => `${name} ${gateIcon[status] ?? status}`).join(", ");
}

function dodLines(gates: ExportGate[]): string[] {
  if (gates.length === 0) return [];
  return [
    `- Definition of done: ${gates.map((gate) => `${gate.name} ${gateIcon[gate.status] ?? gate.status}`).join(", ")}`,
  ];
}

const icon = (status: string) => waveIcon[status] ?? "•";
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
/** A pipe would end the table cell early. */
const cell = (text: string) => oneLine(text).replace(/\|/g, "\\|");

/** "850 ms", "12.3 s", "4m 05s", "2h 03m": precise for short steps, readable for long runs. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${pad(totalSeconds % 60)}s`;
  return `${Math.floor(totalSeconds / 3600)}h ${pad(Math.floor((totalSeconds % 3600) / 60))}m`;
}
