/**
 * Parse + plan timings: generated 10,000-item specs (target: under 100 ms each) and the public
 * corpus in ../shared/specs/real. Run with `npx tsx bench/plan.ts`. Prints numbers only; tests
 * never assert on wall-clock time.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { planFiles } from "../server/planning";
import type { SpecFile } from "../server/specs";
import { corpusFile, corpusFileNames, storySetFiles } from "../server/specs/testing/corpus";

const ITEMS = 10_000;
const RUNS = 15;

/** spec-kit: 100 phases of 100 tasks, mostly [P], each naming a file; every tenth depends on two earlier tasks. */
function generatedSpecKit(): SpecFile {
  const lines = ["# Tasks: Generated benchmark feature", ""];
  for (let i = 0; i < ITEMS; i++) {
    if (i % 100 === 0) lines.push("", `## Phase ${i / 100 + 1}: Group ${i / 100 + 1}`, "");
    const id = `T${String(i + 1).padStart(5, "0")}`;
    const parallel = i % 7 === 0 ? "" : "[P] ";
    const deps =
      i % 10 === 9
        ? ` (depends on T${String(i - 3).padStart(5, "0")}, T${String(i - 8).padStart(5, "0")})`
        : "";
    lines.push(
      `- [${i % 3 === 0 ? "x" : " "}] ${id} ${parallel}[US${(i % 8) + 1}] Implement part ${i} in src/module${i % 50}/file${i}.ts${deps}`,
    );
  }
  return { name: "tasks.md", content: lines.join("\n") };
}

/** spec-workflow: numbered tasks whose `_Depends:_` form a wide DAG (topological layers). */
function generatedTaskList(): SpecFile {
  const lines = ["# Tasks Document", ""];
  for (let i = 1; i <= ITEMS; i++) {
    lines.push(
      `- [ ] ${i}. Build component ${i}`,
      `  - File: src/components/c${i}.ts`,
      `  - _Requirements: ${(i % 40) + 1}.1_`,
    );
    if (i > 20) lines.push(`  - _Depends: ${i - 20}, ${i - 13}_`);
    lines.push("");
  }
  return { name: "tasks.md", content: lines.join("\n") };
}

/** EXEC-SPEC: `count` workstreams in YAML frontmatter, topological layers. */
function generatedExecSpec(count: number): SpecFile {
  const lines = ["---", "spec: EXEC-SPEC-BENCH", "workstreams:"];
  for (let i = 1; i <= count; i++) {
    const deps = i > 10 ? `[WS${i - 10}, WS${Math.max(1, i - 37)}]` : "[]";
    lines.push(
      `  WS${i}:`,
      `    name: Workstream ${i}`,
      "    agent: backend-developer",
      `    depends_on: ${deps}`,
    );
    lines.push(`    outputs: [src/ws${i}/a.ts, src/ws${i}/b.ts]`, "    gate: type-check");
  }
  lines.push("gates:", "  type-check: { command: npx tsc --noEmit }", "---", "", "# EXEC-SPEC-BENCH");
  return { name: "EXEC-SPEC-BENCH.md", content: lines.join("\n") };
}

interface Sample {
  wall: number;
  cpu: number;
}

/** Wall and CPU time of one call. CPU time (all threads, GC included) is steadier on a busy machine. */
function measure(fn: () => unknown): Sample {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function report(label: string, samples: Sample[], outcome: string): void {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const min = (values: number[]) => Math.min(...values);
  const wall = samples.map((s) => s.wall);
  const cpu = samples.map((s) => s.cpu);
  console.log(
    `${label.padEnd(50)} wall median ${median(wall).toFixed(1).padStart(7)} ms, min ${min(wall).toFixed(1).padStart(7)} ms | ` +
      `cpu median ${median(cpu).toFixed(1).padStart(7)} ms, min ${min(cpu).toFixed(1).padStart(7)} ms  (${outcome})`,
  );
}

function time(label: string, files: SpecFile[], runs = RUNS): void {
  const first = planFiles(files);
  const samples = Array.from({ length: runs }, () => measure(() => planFiles(files)));
  const outcome = first.ok
    ? `${first.plan.items.length} items, ${first.plan.waves.length} waves`
    : `error ${first.errors[0]?.code ?? "?"}`;
  report(label, samples, outcome);
}

console.log(
  `Parse + plan (planFiles), ${RUNS} runs after one warm-up; load average ${loadavg()[0]?.toFixed(1)}\n`,
);
console.log("Generated 10,000-item specs (target < 100 ms):");
time("  spec-kit tasks.md, 100 phases", [generatedSpecKit()]);
time("  spec-workflow tasks.md with _Depends:_", [generatedTaskList()]);
console.log("\nGenerated EXEC-SPEC (YAML frontmatter):");
time("  1,000 workstreams", [generatedExecSpec(1_000)], 5);
time("  10,000 workstreams", [generatedExecSpec(ITEMS)], 3);

console.log("\nCorpus (../shared/specs/real):");
const names = corpusFileNames();
const corpus = names.map((n) => corpusFile(n));
const whole = Array.from({ length: RUNS }, () =>
  measure(() => {
    for (const file of corpus) planFiles([file]);
  }),
);
report(`  all ${names.length} files, each planned alone`, whole, `${names.length} uploads`);
time("  the 24-story set as one upload", storySetFiles());
for (const name of names.filter((n) => !n.startsWith("metasaver")))
  time(`  ${name.slice(0, 48)}`, [corpusFile(name)]);
