import type { StoryView } from "../runs/types";

/**
 * The critical path: the chain of dependencies (story.dependsOn) whose actual durations add up to
 * the most time. It tells a PM which items made the run as long as it is, or is making it longer.
 */
export interface CriticalPath {
  /** Story keys from the first dependency to the last item of the chain. */
  keys: string[];
  /** Sum of the chain's durations, ms. */
  duration: number;
}

/** Durations of finished stories, by story object: parsing 10,000 dates per frame is what costs. */
const finishedDurations = new WeakMap<StoryView, number>();

/** Actual duration: finished − started, or elapsed up to `now` while it runs; 0 if it never started. */
export function storyDuration(story: StoryView, now: number): number {
  if (!story.startedAt) return 0;
  const cached = finishedDurations.get(story);
  if (cached !== undefined) return cached;
  const start = Date.parse(story.startedAt);
  const end = story.finishedAt ? Date.parse(story.finishedAt) : now;
  const duration = Number.isNaN(start) || Number.isNaN(end) ? 0 : Math.max(0, end - start);
  if (story.finishedAt) finishedDurations.set(story, duration);
  return duration;
}

/**
 * Longest path by duration over the dependency graph, linear in stories + edges. Dependencies on
 * keys outside the run are ignored, and a cycle (which planning rejects) is cut rather than looped.
 * Iterative, because a 5,000-long chain would overflow a recursive walk.
 */
export function criticalPath(stories: StoryView[], now: number): CriticalPath {
  const byKey = new Map(stories.map((story) => [story.key, story]));
  // best[key] = longest chain ending at key; via[key] = the dependency that chain comes through.
  const best = new Map<string, number>();
  const via = new Map<string, string | null>();
  const onStack = new Set<string>();

  for (const root of stories) {
    if (best.has(root.key)) continue;
    const stack: { key: string; next: number }[] = [{ key: root.key, next: 0 }];
    onStack.add(root.key);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { key: string; next: number };
      const story = byKey.get(frame.key) as StoryView;
      const dep = story.dependsOn[frame.next];
      if (dep !== undefined) {
        frame.next++;
        if (byKey.has(dep) && !best.has(dep) && !onStack.has(dep)) {
          stack.push({ key: dep, next: 0 });
          onStack.add(dep);
        }
        continue;
      }
      let longest = 0;
      let through: string | null = null;
      for (const candidate of story.dependsOn) {
        const length = best.get(candidate);
        if (length !== undefined && length > longest) {
          longest = length;
          through = candidate;
        }
      }
      best.set(frame.key, longest + storyDuration(story, now));
      via.set(frame.key, through);
      onStack.delete(frame.key);
      stack.pop();
    }
  }

  let endKey: string | null = null;
  let duration = 0;
  for (const story of stories) {
    const length = best.get(story.key) ?? 0;
    if (length > duration) {
      duration = length;
      endKey = story.key;
    }
  }
  const keys: string[] = [];
  for (let key = endKey; key !== null; key = via.get(key) ?? null) keys.push(key);
  return { keys: keys.reverse(), duration };
}
