import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { renderAll } from "../scripts/engine/render/index.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "./helpers/fixture-model.ts";

/**
 * Golden files: every renderer's output for a small fixture model, committed under
 * test/golden/. A renderer change shows up here as a readable diff. After an intended change:
 * UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts, then review and commit the files.
 */
const goldenDir = join(import.meta.dirname, "golden");

const model = fixtureModel({
  panels: [
    panelSpec(['sum by (handler) (rate(requests_total{job="$job"}[$__rate_interval]))'], "reqps"),
    {
      ...panelSpec(["max(queue_depth)"], "short"),
      kind: "stat",
      title: "Queue",
      width: 6,
      thresholds: { warn: 10, critical: 20 },
    },
  ],
  rules: [
    {
      kind: "record",
      record: "job:requests:rate5m",
      expr: "sum by (job) (rate(requests_total[5m]))",
    },
    fixtureAlert('job:requests:rate5m{job="api-gateway"} > 100'),
  ],
});

const listGolden = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? listGolden(join(dir, e.name)) : [relative(goldenDir, join(dir, e.name))],
      )
    : [];

describe("golden files", () => {
  const files = renderAll(model).files;

  if (process.env.UPDATE_GOLDEN === "1") {
    rmSync(goldenDir, { recursive: true, force: true });
    for (const [path, content] of files) {
      mkdirSync(dirname(join(goldenDir, path)), { recursive: true });
      writeFileSync(join(goldenDir, path), content);
    }
  }

  it("render exactly the committed set of files", () => {
    expect(listGolden(goldenDir).sort()).toEqual([...files.keys()].sort());
  });

  it.each([...files.keys()])("%s matches its golden file", (path) => {
    expect(files.get(path)).toBe(readFileSync(join(goldenDir, path), "utf8"));
  });
});
