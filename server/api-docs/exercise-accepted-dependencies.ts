/**
 * The exercise's cases for suggested dependencies a PM accepts at upload (part of `cases` in
 * exercise.ts, in its order).
 */
import type { Case } from "./exercise";

/** spec-kit tasks whose prose suggests T002 ← T001 and T001 ← T002 (accepting both is a circle). */
const SUGGESTING =
  "# Tasks: Suggest\n\n## Phase 1: Setup\n- [ ] T001 [P] Schema in src/a.ts\n- [ ] T002 [P] Service in src/b.ts\n\n## Dependencies\n- T002 depends on T001\n- T001 depends on T002\n";

const suggestionCheck = (body: unknown): string | undefined => {
  const preview = body as { ok: boolean; plan?: { waves: unknown[] }; suggestedDependencies: unknown[] };
  if (!preview.ok || preview.plan?.waves.length !== 2)
    return "the accepted dependency did not split the wave";
  return preview.suggestedDependencies.length === 2 ? undefined : "the suggestions are not listed";
};

export const acceptedDependencyCases: Case[] = [
  {
    operationId: "postSpecsPreview",
    what: "preview with an accepted suggested dependency",
    request: () => ({
      method: "POST",
      path: "/api/v1/specs/preview",
      body: {
        files: [{ name: "tasks.md", content: SUGGESTING }],
        acceptedDependencies: [{ item: "T002", dependsOn: "T001" }],
      },
    }),
    status: 200,
    check: suggestionCheck,
  },
  {
    operationId: "postSpecsPreview",
    what: "accepted suggestions that make a circle",
    request: () => ({
      method: "POST",
      path: "/api/v1/specs/preview",
      body: {
        files: [{ name: "tasks.md", content: SUGGESTING }],
        acceptedDependencies: [
          { item: "T002", dependsOn: "T001" },
          { item: "T001", dependsOn: "T002" },
        ],
      },
    }),
    status: 200,
    check: (body) => {
      const preview = body as { ok: boolean; errors: { code: string; sourceLine?: string }[] };
      const cycle = preview.errors.find((issue) => issue.code === "accepted_dependency_cycle");
      if (preview.ok || !cycle) return "no accepted_dependency_cycle error";
      return cycle.sourceLine?.includes("T001") ? undefined : "the error does not show its line";
    },
  },
  {
    operationId: "postSpecsPreview",
    what: "accepted dependencies of the wrong shape",
    request: () => ({
      method: "POST",
      path: "/api/v1/specs/preview",
      body: { files: [{ name: "tasks.md", content: SUGGESTING }], acceptedDependencies: [{ item: "T002" }] },
    }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "postSpecs",
    what: "store a spec with an accepted suggested dependency",
    request: () => ({
      method: "POST",
      path: "/api/v1/specs",
      body: {
        name: "api-exercise-accepted",
        files: [{ name: "tasks.md", content: SUGGESTING }],
        acceptedDependencies: [{ item: "T002", dependsOn: "T001" }],
      },
    }),
    status: 201,
    check: (body) => {
      const plan = (body as { plan: { waves: unknown[]; acceptedDependencies?: unknown[] } }).plan;
      return plan.waves.length === 2 && plan.acceptedDependencies?.length === 1
        ? undefined
        : "the stored plan does not apply the accepted dependency";
    },
  },
  {
    operationId: "postSpecs",
    what: "a spec whose accepted suggestions make a circle is refused",
    request: () => ({
      method: "POST",
      path: "/api/v1/specs",
      body: {
        files: [{ name: "tasks.md", content: SUGGESTING }],
        acceptedDependencies: [
          { item: "T002", dependsOn: "T001" },
          { item: "T001", dependsOn: "T002" },
        ],
      },
    }),
    status: 422,
    code: "invalid_spec",
  },
];
