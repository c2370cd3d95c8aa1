import type { SpecFile } from "../../specs";

/**
 * A generated EXEC-SPEC: `items` workstreams split evenly over `phases` execution phases. Every
 * item after the first phase depends on two items of the phase before, so each wave really waits
 * for its dependencies and the dependency counters are exercised, not just the wave boundaries.
 */
export function generatedExecSpec(options: { items: number; phases: number; name?: string }): SpecFile {
  const name = options.name ?? "EXEC-SPEC-CHAOS";
  const perPhase = Math.ceil(options.items / options.phases);
  const keys = Array.from({ length: options.items }, (_, index) => `WS${String(index + 1).padStart(4, "0")}`);
  const phaseOf = (index: number) => Math.floor(index / perPhase);
  const phaseKeys = Array.from({ length: options.phases }, (_, phase) =>
    keys.filter((_, index) => phaseOf(index) === phase),
  ).filter((group) => group.length > 0);

  const lines = ["---", `spec: ${name}`, "workstreams:"];
  keys.forEach((key, index) => {
    const previous = phaseKeys[phaseOf(index) - 1] ?? [];
    const position = index % perPhase;
    const dependsOn =
      previous.length === 0
        ? []
        : [...new Set([previous[position % previous.length], previous[(position + 1) % previous.length]])];
    lines.push(
      `  ${key}:`,
      `    name: Generated item ${index + 1}`,
      `    agent: ${index % 2 === 0 ? "backend-developer" : "frontend-developer"}`,
      `    depends_on: [${dependsOn.join(", ")}]`,
      `    outputs: [src/generated/item-${index + 1}.ts]`,
    );
  });
  lines.push("execution_phases:");
  for (const group of phaseKeys) lines.push(`  - parallel: [${group.join(", ")}]`);
  lines.push("---", "", `# ${name}`, "");
  return { name: `${name}.md`, content: lines.join("\n") };
}

/** The dependencies the generated spec declares, by item key, for checking start order. */
export function declaredDependencies(spec: SpecFile): Map<string, string[]> {
  const dependencies = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of spec.content.split("\n")) {
    const key = /^ {2}(WS\d+):$/.exec(line);
    if (key) current = key[1];
    const deps = /^ {4}depends_on: \[(.*)\]$/.exec(line);
    if (deps && current) dependencies.set(current, deps[1] ? deps[1].split(", ").filter(Boolean) : []);
  }
  return dependencies;
}
