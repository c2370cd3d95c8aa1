import type { SpecFile } from "../specs";

/** A small EXEC-SPEC for engine tests: WS1 → (WS2, WS3) → WS4, in three phases. */
export const threeWaveSpec: SpecFile = {
  name: "EXEC-SPEC-T.md",
  content: `---
spec: EXEC-SPEC-T
workstreams:
  WS1:
    name: Schema
    agent: backend-developer
    depends_on: []
    outputs: [src/schema.ts]
  WS2:
    name: Service
    agent: backend-developer
    depends_on: [WS1]
    outputs: [src/service.ts]
  WS3:
    name: Emails
    agent: frontend-developer
    depends_on: [WS1]
    outputs: [src/emails.ts]
  WS4:
    name: API
    agent: backend-developer
    depends_on: [WS2, WS3]
    outputs: [src/api.ts]
execution_phases:
  - parallel: [WS1]
  - parallel: [WS2, WS3]
  - parallel: [WS4]
---

# EXEC-SPEC-T
`,
};

/**
 * A generated EXEC-SPEC of `waves × perWave` items: each item after the first wave depends on two
 * items of the wave before, so every wave boundary is a real dependency.
 */
export function generatedSpec(waves: number, perWave: number, name = "EXEC-SPEC-GEN"): SpecFile {
  const lines = ["---", `spec: ${name}`, "workstreams:"];
  const id = (wave: number, index: number) => `W${wave + 1}I${index + 1}`;
  for (let wave = 0; wave < waves; wave++) {
    for (let index = 0; index < perWave; index++) {
      const deps = wave === 0 ? [] : [id(wave - 1, index), id(wave - 1, (index + 1) % perWave)];
      lines.push(
        `  ${id(wave, index)}:`,
        `    name: Item ${wave + 1}.${index + 1}`,
        "    agent: backend-developer",
        `    depends_on: [${deps.join(", ")}]`,
      );
    }
  }
  lines.push("execution_phases:");
  for (let wave = 0; wave < waves; wave++) {
    lines.push(
      `  - parallel: [${Array.from({ length: perWave }, (_, index) => id(wave, index)).join(", ")}]`,
    );
  }
  lines.push("---", "", `# ${name}`, "");
  return { name: `${name}.md`, content: lines.join("\n") };
}
