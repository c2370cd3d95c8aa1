import type { EvidenceView, StoryView } from "./types";

/** The evidence of a story's verification, when it ran. */
export function evidenceOf(story: StoryView): EvidenceView | null {
  const verify = story.steps.find((step) => step.kind === "verify");
  return (verify?.result?.evidence as EvidenceView | undefined) ?? null;
}

export function formatPct(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${Math.round(value * 10) / 10}%`;
}
