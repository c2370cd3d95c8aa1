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
