/** Plain-text rendering of a plan for the terminal: one row per wave, then the warnings. */
import type { Plan } from "../planning";
import type { SpecIssue } from "../specs";

const STATE_MARK: Record<string, string> = { done: " ✓", in_progress: " …", blocked: " ✗", pending: "" };

export function formatPlanTable(plan: Plan): string {
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const rows = plan.waves.map((wave) => [
    String(wave.index + 1),
    wave.name,
    wave.itemIds.map((id) => `${id}${STATE_MARK[byId.get(id)?.state ?? "pending"] ?? ""}`).join(", "),
    wave.gates.join(", "),
  ]);
  const lines = [
    `${plan.title} (${plan.format}, ${plan.items.length} items, ${plan.waves.length} waves)`,
    "",
    ...table(["Wave", "Name", "Items", "Gates"], rows),
    "",
    `Critical path: ${plan.criticalPath.join(" → ")}`,
  ];
  if (plan.analysisRequired)
    lines.push("Analysis required: wave 1 must write a task list before anything else runs.");
  lines.push("✓ done  … in progress  ✗ blocked");
  if (plan.warnings.length > 0) lines.push("", formatIssues(plan.warnings, "warning").trimEnd());
  return `${lines.join("\n")}\n`;
}

export function formatIssues(issues: SpecIssue[], label: string): string {
  const lines = issues.map((i) => {
    const where =
      i.file === "" ? "" : `${i.file}${i.line > 0 ? `:${i.line}${i.column ? `:${i.column}` : ""}` : ""}: `;
    return `${where}${label} ${i.code}: ${i.message}`;
  });
  return `${lines.join("\n")}\n`;
}

function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const render = (r: string[]) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [render(header), render(widths.map((w) => "-".repeat(w))), ...rows.map(render)];
}
