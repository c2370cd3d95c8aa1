/**
 * Wave invariants on random dependency graphs: every item runs exactly once, after all of its
 * dependencies, no wave exceeds the batch size, no two items of a wave write the same file, and
 * a graph is rejected only when it really has a cycle.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SPEC_ISSUE_CODES } from "../specs";
import { newItem } from "../specs/spec-items";
import type { ParsedSpec, PlanItem } from "../specs/types";
import { planSpec } from ".";

const graph = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    deps: fc.array(fc.array(fc.nat({ max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    outputs: fc.array(fc.array(fc.constantFrom("a.ts", "b.ts", "c.ts", "d.ts"), { maxLength: 2 }), {
      minLength: n,
      maxLength: n,
    }),
    acyclic: fc.boolean(),
    batchSize: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  }),
);

function specFrom(deps: number[][], outputs: string[][], acyclic: boolean): ParsedSpec {
  const items: PlanItem[] = deps.map((ds, i) => {
    const item = newItem(`T${i}`, `Task ${i}`, "tasks.md", i + 1);
    item.role = "developer";
    // An acyclic graph only points backwards; otherwise anything goes, self-loops included.
    item.dependsOn = [...new Set(ds.filter((d) => !acyclic || d < i).map((d) => `T${d}`))];
    item.outputs = [...new Set(outputs[i] ?? [])];
    return item;
  });
  return {
    format: "spec-kit",
    title: "generated",
    items,
    phases: null,
    gates: {},
    warnings: [],
    analysisRequired: false,
    documents: [],
  };
}

function hasCycle(items: PlanItem[]): boolean {
  const byId = new Map(items.map((i) => [i.id, i]));
  const state = new Map<string, number>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 1) return true;
    if (state.get(id) === 2) return false;
    state.set(id, 1);
    for (const d of byId.get(id)?.dependsOn ?? []) if (visit(d)) return true;
    state.set(id, 2);
    return false;
  };
  return items.some((i) => visit(i.id));
}

describe("planSpec on random graphs", () => {
  it("keeps every wave invariant (3,000 graphs)", () => {
    fc.assert(
      fc.property(graph, ({ deps, outputs, acyclic, batchSize }) => {
        const spec = specFrom(deps, outputs, acyclic);
        const result = planSpec(spec, { batchSize });
        if (!result.ok) {
          expect(result.errors.map((e) => e.code)).toContain("dependency_cycle");
          for (const e of result.errors) expect(Object.keys(SPEC_ISSUE_CODES)).toContain(e.code);
          expect(hasCycle(spec.items)).toBe(true);
          return;
        }
        expect(hasCycle(spec.items)).toBe(false);
        const waveOf = new Map<string, number>();
        result.plan.waves.forEach((w, index) => {
          expect(w.index).toBe(index);
          if (batchSize !== undefined) expect(w.itemIds.length).toBeLessThanOrEqual(batchSize);
          const files = new Set<string>();
          for (const id of w.itemIds) {
            expect(waveOf.has(id)).toBe(false);
            waveOf.set(id, index);
            for (const o of spec.items.find((i) => i.id === id)?.outputs ?? []) {
              expect(files.has(o)).toBe(false);
              files.add(o);
            }
          }
        });
        expect(waveOf.size).toBe(spec.items.length);
        for (const item of spec.items) {
          for (const d of item.dependsOn) expect(waveOf.get(d) ?? -1).toBeLessThan(waveOf.get(item.id) ?? -1);
        }
        const path = result.plan.criticalPath;
        expect(path.length).toBeGreaterThan(0);
        for (let i = 1; i < path.length; i++) {
          expect(waveOf.get(path[i - 1] ?? "") ?? -1).toBeLessThan(waveOf.get(path[i] ?? "") ?? -1);
        }
      }),
      { numRuns: 3_000 },
    );
  });
});
