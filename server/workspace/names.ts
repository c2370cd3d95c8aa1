/**
 * Branch and folder names. Run ids come from Specwave and are validated; item ids come from an
 * uploaded spec and are sanitised, because they become both a ref name and a folder name.
 *
 * Item branches live under `specwave/items/run-<id>/` rather than `specwave/run-<id>/<item>`:
 * git stores refs as files, so a branch `specwave/run-7` and a branch `specwave/run-7/a` cannot
 * both exist (the first would have to be a file and a folder at once).
 */
import { createHash } from "node:crypto";
import { WorkspaceError } from "./errors";

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const ITEM_SLUG_MAX = 48;

const RUN_BRANCH_PREFIX = "specwave/run-";
const ITEM_BRANCH_PREFIX = "specwave/items/run-";

export function assertRunId(runId: string): string {
  if (!RUN_ID.test(runId)) {
    throw new WorkspaceError(
      "invalid_id",
      `run id ${JSON.stringify(runId)} must be 1-64 letters, digits, '_' or '-', starting with a letter or digit`,
    );
  }
  return runId;
}

/**
 * A name safe as a ref component and a folder name. When the id had to change, a hash of the
 * original is appended, so two ids that sanitise alike (`a/b`, `a b`) still get distinct slugs.
 */
export function itemSlug(itemId: string): string {
  if (itemId.length === 0 || itemId.includes("\0")) {
    throw new WorkspaceError("invalid_id", `item id ${JSON.stringify(itemId)} is empty or contains NUL`);
  }
  const trimEnds = (text: string) => text.replace(/^[.-]+/, "").replace(/[.-]+$/, "");
  let slug = trimEnds(
    itemId
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      // `..` is not allowed in a ref and is the classic path trick.
      .replace(/\.{2,}/g, "."),
  );
  slug = trimEnds(slug.slice(0, ITEM_SLUG_MAX));
  // A ref component may not end in `.lock` (git's own lock-file suffix).
  slug = slug.replace(/\.lock$/i, "-lock");
  if (slug === itemId) return slug;
  const digest = createHash("sha256").update(itemId).digest("hex").slice(0, 8);
  return slug === "" ? `item-${digest}` : `${slug}-${digest}`;
}

export function runBranchName(runId: string): string {
  return `${RUN_BRANCH_PREFIX}${assertRunId(runId)}`;
}

export function itemBranchName(runId: string, slug: string): string {
  return `${ITEM_BRANCH_PREFIX}${assertRunId(runId)}/${slug}`;
}

/** The ref folder holding every item branch of a run (for clean-up). */
export function itemBranchRefPrefix(runId: string): string {
  return `refs/heads/${ITEM_BRANCH_PREFIX}${assertRunId(runId)}/`;
}

const stripHeads = (branch: string) => branch.replace(/^refs\/heads\//, "");

/** The run id of a run branch; rejects anything that is not `specwave/run-<id>`. */
export function parseRunBranch(branch: string): string {
  const name = stripHeads(branch);
  const runId = name.startsWith(RUN_BRANCH_PREFIX) ? name.slice(RUN_BRANCH_PREFIX.length) : "";
  if (!RUN_ID.test(runId)) {
    throw new WorkspaceError("invalid_branch", `${JSON.stringify(branch)} is not a Specwave run branch`);
  }
  return runId;
}

/** The run id and item slug of an item branch; rejects anything else. */
export function parseItemBranch(branch: string): { runId: string; slug: string } {
  const name = stripHeads(branch);
  const rest = name.startsWith(ITEM_BRANCH_PREFIX) ? name.slice(ITEM_BRANCH_PREFIX.length) : "";
  const [runId = "", slug = "", ...extra] = rest.split("/");
  if (!RUN_ID.test(runId) || extra.length > 0 || slug === "" || itemSlug(slug) !== slug) {
    throw new WorkspaceError("invalid_branch", `${JSON.stringify(branch)} is not a Specwave item branch`);
  }
  return { runId, slug };
}
