/**
 * The run's settings in a line for its page header, in the words of the upload form:
 * "eager · approval automatic · lenient · no TDD · reviewers · 3 items at once · batches of 5".
 * Unknown or missing values are left out rather than guessed.
 */
export function settingsSummary(settings: Record<string, unknown> | undefined, mode: string): string {
  const s = settings ?? {};
  const parts = [mode];
  if (s.approval === "automatic") parts.push("approval automatic");
  else if (s.approval === "required" && mode !== "eager") parts.push("approval between waves");
  if (s.strict === false) parts.push("lenient");
  if (s.tdd === false) parts.push("no TDD");
  if (s.reviewers === true) parts.push("reviewers");
  if (typeof s.concurrency === "number" && mode !== "sequential")
    parts.push(`${s.concurrency} item${s.concurrency === 1 ? "" : "s"} at once`);
  if (typeof s.batchSize === "number") parts.push(`batches of ${s.batchSize}`);
  if (typeof s.stopAfterWave === "number") parts.push(`stops after wave ${s.stopAfterWave + 1}`);
  return parts.join(" · ");
}
