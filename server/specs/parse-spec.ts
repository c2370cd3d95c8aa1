import { createAgentPicker } from "./agent-keywords";
import { detectFromKinds, type FileKind } from "./detect-format";
import { FORMAT_PARSERS, type FormatContext } from "./format-parsers";
import { checkInputs, DEFAULT_MAX_BYTES } from "./input-guards";
import { IssueLog } from "./issues";
import { type LoadedFile, loadFile } from "./loaded-file";
import { assignMissingRoles, reportDuplicateIds } from "./spec-items";
import { type ParseOptions, type ParseResult, SPEC_FORMATS, type SpecFile, type SpecFormat } from "./types";

/**
 * Reads an upload into a ParsedSpec. Never throws: every failure is a typed issue, and an
 * unexpected exception is reported as `internal_error` so a bad upload cannot take a worker down.
 */
export function parseSpec(files: SpecFile[], options: ParseOptions = {}): ParseResult {
  return parseSpecWithIds(files, options).result;
}

/**
 * parseSpec, and on success the position of each item's id in `spec.items` (ids are unique by
 * then): planFiles takes it over instead of indexing the same 10,000 ids again.
 */
export function parseSpecWithIds(
  files: SpecFile[],
  options: ParseOptions = {},
): { result: ParseResult; idPositions: Map<string, number> | null } {
  const log = new IssueLog();
  const ids: IdPositions = { positions: null };
  try {
    const result = parseUnsafe(files, options ?? {}, log, ids);
    return { result, idPositions: result.ok ? ids.positions : null };
  } catch (err) {
    log.error(
      "internal_error",
      "",
      0,
      `Specwave could not read this spec (${(err as Error)?.message ?? String(err)}).`,
    );
    return { result: { ok: false, errors: log.errors, warnings: log.warnings }, idPositions: null };
  }
}

interface IdPositions {
  positions: Map<string, number> | null;
}

function parseUnsafe(files: SpecFile[], options: ParseOptions, log: IssueLog, ids: IdPositions): ParseResult {
  const maxBytes =
    typeof options.maxBytes === "number" && options.maxBytes > 0 ? options.maxBytes : DEFAULT_MAX_BYTES;
  const accepted = checkInputs(files, maxBytes, log);
  if (log.failed) return { ok: false, errors: log.errors, warnings: log.warnings };

  const loaded: LoadedFile[] = accepted.map(loadFile);
  const detected = detectFromKinds(
    accepted,
    loaded.map((f) => f.kind),
  );
  let format = detected.format;
  if (options.format !== undefined) {
    if (!SPEC_FORMATS.includes(options.format)) {
      log.error("unknown_format", "", 0, `"${String(options.format)}" is not a spec format Specwave knows.`);
      return { ok: false, errors: log.errors, warnings: log.warnings };
    }
    if (options.format !== format) {
      log.warn(
        "format_override",
        "",
        0,
        `Read as ${options.format} as requested (detection said ${format}: ${detected.reason}).`,
      );
    }
    format = options.format;
    coerceKinds(loaded, format);
  }

  const pickAgent = createAgentPicker(options.agentKeywords);
  const context: FormatContext = { pickAgent };
  const spec = FORMAT_PARSERS[format](loaded, log, context);
  if (!spec && !log.failed) {
    log.error(
      "empty_spec",
      loaded[0]?.name ?? "",
      0,
      `Nothing in these files can be read as a ${format} spec.`,
    );
  }
  if (!spec || log.failed) return { ok: false, errors: log.errors, warnings: log.warnings };
  if (spec.items.length === 0) {
    log.error(
      "empty_spec",
      loaded[0]?.name ?? "",
      0,
      `No tasks were found in this ${format} spec, so there is nothing to plan.`,
    );
    return { ok: false, errors: log.errors, warnings: log.warnings };
  }
  // A parser that checked these very items already has found no repeat.
  const checked = context.checkedIds;
  ids.positions = checked?.items === spec.items ? checked.positions : reportDuplicateIds(spec.items, log);
  if (log.failed) return { ok: false, errors: log.errors, warnings: log.warnings };
  assignMissingRoles(spec.items, pickAgent, log);
  spec.format = format === "exec-spec-checkpoint" && spec.format === "exec-spec" ? "exec-spec" : format;
  spec.formatReason = options.format !== undefined ? "chosen by the user" : detected.reason;
  spec.warnings = log.warnings;
  return { ok: true, spec, warnings: log.warnings };
}

/** The kind each markdown file takes when the user forces a format; JSON keeps its own kind. */
const FORCED_KIND: Partial<Record<SpecFormat, FileKind>> = {
  "exec-spec": "exec-spec-headings",
  "layered-tasks": "layered",
  "story-set": "story",
  "task-list": "task-list",
  "spec-kit": "spec-kit",
};

function coerceKinds(files: LoadedFile[], format: SpecFormat): void {
  const kind = FORCED_KIND[format];
  if (!kind) return;
  for (const file of files) {
    if (file.name.toLowerCase().endsWith(".json") || file.kind === kind) continue;
    if (format === "exec-spec" && file.kind === "exec-spec") continue;
    if (format === "story-set" && file.kind === "epic") continue;
    file.kind = kind;
  }
}
