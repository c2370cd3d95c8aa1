import { z } from "zod";

/**
 * A project's configuration: which commands its gates run, how items are verified, and the
 * default run settings. Commands live only here (set by an administrator), never in a spec: a
 * spec's gate command is shown, and runs only when `specCommandsEnabled` is on.
 */
const commandSchema = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  timeoutSeconds: z.number().int().min(1).max(7200).default(600),
});

export type ConfiguredCommand = z.infer<typeof commandSchema>;

export const projectConfigSchema = z.object({
  gates: z.record(z.string(), commandSchema).default({}),
  /** Gates run once at the end of a run (definition of done). */
  dodGates: z.array(z.string()).default([]),
  /** How verification runs an item's tests; `{testFile}` is replaced by the item's test file. */
  testCommand: commandSchema.default({
    command: "node",
    args: ["--test", "{testFile}"],
    timeoutSeconds: 600,
  }),
  specCommandsEnabled: z.boolean().default(false),
  /** Run settings this project's runs start with, under whatever a run asks for itself. */
  runDefaults: z.record(z.string(), z.unknown()).default({}),
});

export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export function readProjectConfig(json: unknown): ProjectConfig {
  return projectConfigSchema.parse(json ?? {});
}

export function describeCommand(command: ConfiguredCommand): string {
  return [command.command, ...command.args]
    .map((part) => (/[\s"']/.test(part) ? JSON.stringify(part) : part))
    .join(" ");
}

/** The demo workspace's gates: its own syntax check and its tests. */
export const demoProjectConfig: ProjectConfig = projectConfigSchema.parse({
  gates: {
    "type-check": { command: "node", args: ["scripts/check.mjs"] },
    lint: { command: "node", args: ["scripts/check.mjs", "--lint"] },
    "test-pass": { command: "node", args: ["--test"] },
  },
  dodGates: ["test-pass"],
  testCommand: {
    command: "node",
    args: [
      "--test",
      "--experimental-test-coverage",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=junit",
      "--test-reporter-destination={reportDir}/junit.xml",
      "--test-reporter=lcov",
      "--test-reporter-destination={reportDir}/lcov.info",
      "{testFile}",
    ],
  },
});
