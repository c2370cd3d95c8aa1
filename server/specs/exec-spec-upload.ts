/**
 * Assembles an EXEC-SPEC upload: the markdown spec (frontmatter or headings) and, when present,
 * the run's checkpoint JSON, whose states are imported as work already done.
 */
import { parseJsonSafely } from "./detect-format";
import { parseCheckpoint } from "./exec-checkpoint";
import { parseExecSpec } from "./exec-spec";
import { parseExecSpecHeadings } from "./exec-spec-headings";
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import type { ParsedSpec } from "./types";

export function parseExecSpecUpload(files: LoadedFile[], log: IssueLog): ParsedSpec | null {
  const markdown = files.filter((f) => f.kind === "exec-spec" || f.kind === "exec-spec-headings");
  const checkpoints = files.filter(
    (f) => f.kind === "checkpoint" || (f.kind === "json" && markdown.length === 0),
  );

  let spec: ParsedSpec | null = null;
  let fromHeadings = false;
  const main = markdown[0];
  if (main) {
    const fm = main.frontmatter;
    if (fm && main.kind === "exec-spec") {
      spec = parseExecSpec(main.name, fm, log);
    } else {
      spec = parseExecSpecHeadings(main.name, main.lines, log);
      fromHeadings = true;
    }
    if (!spec) return null;
  }
  for (const extra of markdown.slice(1)) {
    log.warn(
      "extra_file_ignored",
      extra.name,
      1,
      `Only one EXEC-SPEC is planned per upload; ${extra.name} was not read.`,
    );
  }

  for (const file of checkpoints) {
    const parsed = parseJsonSafely(file.content);
    if (!parsed.ok) {
      log.error("json_syntax", file.name, 1, `The checkpoint JSON cannot be read: ${parsed.error.message}`);
      return null;
    }
    const checkpoint = parseCheckpoint(file.name, parsed.value, log);
    if (!checkpoint) return null;
    if (!spec) {
      spec = checkpoint;
    } else if (
      fromHeadings &&
      checkpoint.items.length > 0 &&
      checkpoint.items.some((i) => i.title !== i.id)
    ) {
      log.warn(
        "structure_from_checkpoint",
        file.name,
        1,
        `The EXEC-SPEC has no frontmatter, so its ${checkpoint.items.length} workstreams and phases come from ${file.name}.`,
      );
      spec = {
        ...checkpoint,
        format: "exec-spec",
        title: spec.title,
        warnings: spec.warnings,
        documents: spec.documents,
      };
    } else {
      mergeCheckpointStates(spec, checkpoint, file.name, log);
    }
    spec.documents.push({ file: file.name, kind: "state-log" });
  }
  for (const file of files) {
    if (!markdown.includes(file) && !checkpoints.includes(file))
      spec?.documents.push({ file: file.name, kind: "spec" });
  }
  return spec;
}

function mergeCheckpointStates(spec: ParsedSpec, checkpoint: ParsedSpec, file: string, log: IssueLog): void {
  const byId = new Map(spec.items.map((i) => [i.id, i]));
  for (const saved of checkpoint.items) {
    const item = byId.get(saved.id);
    if (!item) {
      log.warn(
        "checkpoint_unknown_item",
        file,
        1,
        `The checkpoint mentions ${saved.id}, which the EXEC-SPEC does not define.`,
      );
      continue;
    }
    if (item.state !== saved.state) {
      log.warn(
        "state_conflict",
        file,
        1,
        `${saved.id} is "${item.state}" in the spec but "${saved.state}" in the checkpoint; the checkpoint wins because it records the run.`,
      );
      item.state = saved.state;
    }
  }
}
