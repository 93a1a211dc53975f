/**
 * build -> import -> build: every dashboard of the registry comes back byte for byte, and the
 * fixtures written in the shapes Grafana exports come back after the import's normalisation
 * (README, "Import a dashboard from Grafana"), compiling under tsc --strict.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboards } from "../../dashboards/index.ts";
import { faithfulness } from "../../scripts/engine/import/compare.ts";
import type { Json } from "../../scripts/engine/model/walk.ts";
import { canonicalJson } from "../../scripts/engine/render/json.ts";
import { copyRepo, repoRoot } from "../helpers/repo.ts";
import { importInto } from "./translate-helper.ts";

let root: string;
beforeAll(() => {
  root = copyRepo();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** tsc --strict on files, with the project's compiler options. */
function typeErrors(files: string[]): string[] {
  const config = ts.readConfigFile(join(repoRoot, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...parsed.options, strict: true, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe.each(dashboards.map((d) => [d.slug, d] as const))("our dashboard %s", (slug, d) => {
  it("builds, imports and builds again to the same bytes, as panel specs", async () => {
    const json = canonicalJson(d.dashboard);
    const r = await importInto(root, `${slug}.json`, json, slug);
    expect(canonicalJson(r.built.dashboard)).toBe(json);
    expect(r.losses).toEqual([]);
    expect(r.source).toContain("defineDashboard({");
    expect(r.source).not.toMatch(/asExported|keptAsExported|PanelBuilder/);
  });
});

const fixture = (name: string) =>
  readFileSync(join(repoRoot, "test/fixtures/import", name), "utf8");

describe("an old export for sharing (schemaVersion 14 rows, graph, singlestat, __inputs, a repeated panel, a collapsed row, a library panel)", () => {
  let r: Awaited<ReturnType<typeof importInto>>;
  beforeAll(async () => {
    r = await importInto(root, "old.json", fixture("old-rows-export.json"), "old-worker");
  });

  it("gives back every field after the normalisation", () => {
    expect(faithfulness(r.normalised, r.built.dashboard as unknown as Json)).toEqual([]);
  });

  it("compiles under tsc --strict", () => {
    expect(typeErrors([r.file])).toEqual([]);
  });

  it("resolves __inputs and keeps no datasource of the export", () => {
    expect(JSON.stringify(r.built.dashboard)).not.toMatch(/DS_PROMETHEUS|\$\{ds\}/);
    expect(r.source).toContain('uid: "${datasource}"');
  });

  it("keeps the collapsed row, the repeat and the library panel's model", () => {
    const rows = (r.built.dashboard.panels ?? []) as unknown as Json[];
    const perInstance = rows.find((p) => p.title === "Per instance")!;
    expect(perInstance.collapsed).toBe(true);
    const nested = perInstance.panels as Json[];
    expect(nested.find((p) => p.title === "Latency $instance")).toMatchObject({
      repeat: "instance",
      repeatDirection: "h",
      maxPerRow: 4,
    });
    expect(nested.find((p) => p.title === "Queue depth")).toMatchObject({ type: "timeseries" });
  });

  it("lists what it kept as exported, where it was in the file", () => {
    const messages = r.losses.map((l) => `${l.at}: ${l.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\/panels\/1: kept as exported \(no builder for dashboard.Panel of type "graph"\)/,
        ),
        expect.stringMatching(/singlestat/),
        expect.stringMatching(/library panel "Queue depth" inlined/),
        expect.stringMatching(/uid "old-worker"|^\/editable/),
      ]),
    );
    expect(r.source).toContain("asExported(");
  });
});

describe("a {dashboard, meta} API response with hard-coded uids and plugin options", () => {
  let r: Awaited<ReturnType<typeof importInto>>;
  beforeAll(async () => {
    r = await importInto(root, "api.json", fixture("modern-api.json"), "api-latency");
  });

  it("gives back every field and compiles", () => {
    expect(faithfulness(r.normalised, r.built.dashboard as unknown as Json)).toEqual([]);
    expect(typeErrors([r.file])).toEqual([]);
  });

  it("says the options with the SDK's builders, never as JSON", () => {
    expect(r.source).toContain("new common.VizLegendOptionsBuilder()");
    expect(r.source).toContain("common.LegendPlacement.Right");
    expect(r.source).not.toContain("keptAsExported(");
  });

  it("reports the hard-coded datasource uid", () => {
    expect(r.losses.map((l) => l.message)).toContain(
      'hard-coded prometheus datasource uid "P1809F7CD0C75ACF3": now ${datasource}, the project\'s datasource variable',
    );
  });
});
