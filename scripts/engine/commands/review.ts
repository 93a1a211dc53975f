/**
 * npm run review [-- --base <git-ref>] [--format markdown|json] [--pictures <dir>] [--no-pictures]
 *
 * What a pull request changes, at the level people think in: the sources are built at the base
 * revision (a detached git worktree, loaded in a child process) and in the working tree (in
 * this process), and the two snapshots compared. Prints Markdown for a PR comment (or JSON)
 * and, for every changed dashboard, writes before/after pictures rendered by Chromium.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { Command } from "../cli/run.ts";
import { UsageError } from "../cli/run.ts";
import type { Model } from "../model/index.ts";
import { chromiumMissing, chromiumPath } from "../preview/browser.ts";
import { renderPictures, type PictureRequest } from "../preview/pictures.ts";
import { missingBinaries } from "../prometheus/binaries.ts";
import { renderAll } from "../render/index.ts";
import { checkout, defaultBase, resolveCommit } from "../review/git.ts";
import { formatMarkdown, type Picture } from "../review/markdown.ts";
import { review, type Review } from "../review/review.ts";
import { snapshotOf, type Snapshot } from "../review/snapshot.ts";
import { loadTree } from "../sources/tree.ts";
import { pictureDirProblem, writePictures } from "../write/pictures.ts";
import { sourceStack } from "../text/bundled.ts";

/** How long the base revision may take to load. */
const baseTimeoutMs = 180_000;

const options = {
  base: {
    type: "string",
    description: "The revision to compare with (default: the merge base of HEAD with main).",
  },
  format: {
    type: "string",
    choices: ["markdown", "json"],
    default: "markdown",
    description: "Markdown for a pull-request comment, or JSON.",
  },
  pictures: {
    type: "string",
    default: "review-pictures",
    description: "Folder for the before/after PNGs of every changed dashboard (never config/).",
  },
  "no-pictures": {
    type: "boolean",
    description: "Compare only: start no Prometheus and no browser, write no picture.",
  },
} as const;

function fail(message: string): number {
  process.stderr.write(`review: ${message}\n`);
  return 1;
}

/** The base revision's snapshot, from a child process on a checkout of it. */
function baseSnapshot(cwd: string, sha: string): Snapshot | { error: string } {
  const co = checkout(cwd, sha);
  if ("error" in co) return co;
  try {
    const entry = join(import.meta.dirname, "review-base.ts");
    const r = spawnSync(process.execPath, ["--import", "tsx", entry, co.dir], {
      cwd,
      encoding: "utf8",
      timeout: baseTimeoutMs,
      maxBuffer: 512 * 1024 * 1024,
    });
    if (r.error) return { error: `loading the base failed: ${r.error.message}` };
    if (r.status !== 0) {
      const tail = (r.stderr ?? "").trim().split("\n").slice(-15).join("\n");
      return { error: `the sources at the base do not load:\n${tail}` };
    }
    return JSON.parse(r.stdout) as Snapshot;
  } finally {
    co.remove();
  }
}

async function headSnapshot(
  cwd: string,
): Promise<{ snapshot: Snapshot; model: Model } | { error: string }> {
  try {
    const tree = await loadTree(cwd);
    const snapshot = snapshotOf(tree.model, tree.thresholds, renderAll(tree.model).files);
    return { snapshot, model: tree.model };
  } catch (e) {
    const detail = e instanceof Error && e.stack ? sourceStack(e.stack) : String(e);
    return { error: `the sources of the working tree do not load:\n${detail}` };
  }
}

export interface ReviewResult {
  review: Review;
  base: string;
  pictures: Picture[];
}

/** What to draw: every dashboard added, removed or changed, with the sides it has. */
function pictureRequests(r: Review, before: Snapshot, after: Snapshot): PictureRequest[] {
  return r.dashboards.map((d) => {
    const find = (s: Snapshot) =>
      s.dashboards.find((x) => x.uid === d.uid) ?? s.dashboards.find((x) => x.title === d.title);
    const b = d.status === "added" ? undefined : find(before);
    const a = d.status === "removed" ? undefined : find(after);
    return { uid: d.uid, title: d.title, before: b?.dashboard, after: a?.dashboard };
  });
}

async function pictures(
  cwd: string,
  dir: string,
  model: Model,
  requests: PictureRequest[],
): Promise<Picture[]> {
  if (requests.length === 0) return [];
  const missing = [
    ...missingBinaries(["prometheus", "promtool"]),
    ...(chromiumMissing() ? [chromiumPath] : []),
  ];
  if (missing.length > 0) {
    process.stderr.write(
      `review: no pictures: ${missing.join(" and ")} not installed (npm run setup installs them).\n`,
    );
    return [];
  }
  const rendered = await renderPictures(model, requests);
  return rendered.map((p) => {
    for (const e of p.errors) process.stderr.write(`review: picture of ${p.uid}: ${e}\n`);
    return { uid: p.uid, files: writePictures(cwd, dir, p.files) };
  });
}

export async function runReview(
  cwd: string,
  values: { base?: string; pictures: string; "no-pictures": boolean },
): Promise<ReviewResult | { error: string }> {
  const base = values.base ? resolveCommit(cwd, values.base) : defaultBase(cwd);
  if ("error" in base) throw new UsageError(base.error);
  const problem = pictureDirProblem(cwd, values.pictures);
  if (problem && !values["no-pictures"]) throw new UsageError(`--pictures: ${problem}`);
  const before = baseSnapshot(cwd, base.sha);
  if ("error" in before) return before;
  const head = await headSnapshot(cwd);
  if ("error" in head) return head;
  const result = review(before, head.snapshot);
  const drawn = values["no-pictures"]
    ? []
    : await pictures(
        cwd,
        values.pictures,
        head.model,
        pictureRequests(result, before, head.snapshot),
      );
  return { review: result, base: base.sha, pictures: drawn };
}

export const reviewCommand: Command<typeof options> = {
  name: "review",
  summary:
    "Compare what the sources produce at a base revision and in the working tree: dashboards, panels, queries, rules, thresholds, the catalogue and deploy outputs, as Markdown for a pull request (or JSON).",
  options,
  async run({ values, cwd }) {
    const result = await runReview(cwd, values);
    if ("error" in result) return fail(result.error);
    process.stdout.write(
      values.format === "json"
        ? JSON.stringify(
            { base: result.base, ...result.review, pictures: result.pictures },
            null,
            2,
          ) + "\n"
        : formatMarkdown(result.review, result.pictures),
    );
    return 0;
  },
};
