import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatMarkdown, summaryLine } from "../../scripts/engine/review/markdown.ts";
import { review } from "../../scripts/engine/review/review.ts";
import { cases } from "./cases.ts";

/**
 * Each pair of snapshots against its expected Markdown in test/review/golden/. After an
 * intended change: UPDATE_GOLDEN=1 npx vitest run test/review, then read and commit the files.
 */
const goldenDir = join(import.meta.dirname, "golden");
const slug = (name: string) =>
  name
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();

describe("the review's Markdown", () => {
  it.each(cases)("$name", ({ name, before, after }) => {
    const md = formatMarkdown(review(before, after));
    const file = join(goldenDir, `${slug(name)}.md`);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, md);
    }
    expect(existsSync(file), `${file} missing: UPDATE_GOLDEN=1 writes it`).toBe(true);
    expect(md).toBe(readFileSync(file, "utf8"));
  });

  it("says nothing of what did not change, and a one-line summary comes first", () => {
    const [same, changed] = cases;
    expect(formatMarkdown(review(same!.before, same!.after))).toBe(
      `${summaryLine(review(same!.before, same!.after))}\n`,
    );
    const md = formatMarkdown(review(changed!.before, changed!.after));
    expect(md.split("\n")[0]).toBe(
      "**Review:** 1 dashboard changed, 1 panel touched, 1 alert changed, 2 thresholds changed.",
    );
    expect(md).not.toContain("Catalogue");
    expect(md).not.toContain("Deploy outputs");
  });

  it("is the same whichever order the sources list things in", () => {
    const c = cases[4]!;
    const reversed = {
      ...c.after,
      rules: [...c.after.rules].reverse(),
      metrics: [...c.after.metrics].reverse(),
    };
    expect(formatMarkdown(review(c.before, reversed))).toBe(
      formatMarkdown(review(c.before, c.after)),
    );
  });

  it("names the threshold behind a changed alert and panel, and the words that changed", () => {
    const r = review(cases[1]!.before, cases[1]!.after);
    expect(r.rules[0]!.thresholds).toEqual(["thresholds.errors.for", "thresholds.errors.ratio"]);
    const fields = r.dashboards[0]!.panels[0]!.fields;
    expect(fields.find((f) => f.field === "thresholds")?.thresholds).toEqual([
      "thresholds.errors.ratio",
    ]);
    expect(fields.find((f) => f.field === "query A")?.thresholds).toBeUndefined();
  });
});
