/**
 * The flow runs one way (sources -> model -> checks -> render -> write), enforced on the
 * import graph: each layer names the layers it must not import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/repo.ts";

const roots = ["scripts", "dashboards", "alerts", "config"];

function tsFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const path = posix.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

interface Edge {
  from: string;
  to: string;
}

/** Every relative import between the project's own modules. */
const edges: Edge[] = roots.flatMap(tsFiles).flatMap((from) => {
  const text = readFileSync(join(repoRoot, from), "utf8");
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.filter((f) => f.fileName.startsWith("."))
    .map((f) => ({
      from,
      to: relative(repoRoot, join(repoRoot, dirname(from), f.fileName))
        .split("\\")
        .join("/"),
    }));
});

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const engine = (layer: string) => `scripts/engine/${layer}`;

/** [importer folder, folders it must not import]. */
const forbidden: [string, string[]][] = [
  [
    engine("checks"),
    [
      "config",
      "dashboards",
      "alerts",
      ...["render", "write", "prometheus", "commands", "cli", "sources", "promtool"].map(engine),
    ],
  ],
  [
    engine("render"),
    [
      "config",
      "dashboards",
      "alerts",
      ...["checks", "write", "prometheus", "commands", "cli", "sources", "promtool"].map(engine),
    ],
  ],
  [
    engine("write"),
    [
      "config",
      "dashboards",
      "alerts",
      ...["checks", "render", "prometheus", "sources"].map(engine),
    ],
  ],
  [
    engine("prometheus"),
    [
      "config",
      "dashboards",
      "alerts",
      ...["checks", "write", "commands", "cli", "sources"].map(engine),
    ],
  ],
  // What the watch keeps between rebuilds; the build command drives it.
  [engine("watch"), ["config", "dashboards", "alerts", ...["commands", "cli"].map(engine)]],
  // The review's comparison is pure: snapshots in, changes and Markdown out.
  [
    engine("review"),
    [
      "config",
      "dashboards",
      "alerts",
      ...["checks", "render", "write", "prometheus", "preview", "commands", "cli", "sources"].map(
        engine,
      ),
    ],
  ],
  // The importer's translation is pure: the project's style comes in as an argument (sources/style.ts).
  [
    engine("import"),
    [
      "config",
      "dashboards",
      "alerts",
      ...[
        "checks",
        "render",
        "write",
        "prometheus",
        "preview",
        "review",
        "commands",
        "cli",
        "sources",
        "promtool",
      ].map(engine),
    ],
  ],
  // Pictures read a Prometheus and drive a browser; writing them is the writer's.
  [
    engine("preview"),
    [
      "config",
      "dashboards",
      "alerts",
      ...["checks", "render", "write", "review", "commands", "cli", "sources"].map(engine),
    ],
  ],
  ...["model", "promql", "logql", "gotemplate", "text", "schema", "alerting"].map(
    (lib): [string, string[]] => [
      engine(lib),
      [
        "config",
        "dashboards",
        "alerts",
        ...[
          "checks",
          "render",
          "write",
          "prometheus",
          "commands",
          "cli",
          "sources",
          "promtool",
        ].map(engine),
      ],
    ],
  ),
];

describe("the import graph follows the flow", () => {
  it.each(forbidden)("%s imports none of its downstream or sibling layers", (layer, banned) => {
    const wrong = edges.filter(
      (e) => under(e.from, layer) && banned.some((b) => under(e.to, b) || e.to === `${b}.ts`),
    );
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("only the sources layer reads the sources (config/platform.ts, dashboards/, alerts/)", () => {
    const wrong = edges.filter(
      (e) =>
        under(e.from, "scripts") &&
        !under(e.from, engine("sources")) &&
        ["config", "dashboards", "alerts"].some((s) => under(e.to, s)),
    );
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("dashboards/, alerts/ and config/ use the engine only through scripts/authoring/", () => {
    const wrong = edges.filter(
      (e) =>
        ["dashboards", "alerts", "config"].some((s) => under(e.from, s)) &&
        under(e.to, "scripts") &&
        e.to !== "scripts/authoring/index.ts",
    );
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("only the writer, the Prometheus harness, promtool's scratch files, the bench and kept parses write files", () => {
    const writers = new Set(
      roots
        .flatMap(tsFiles)
        .filter((f) =>
          /\b(writeFileSync|renameSync|rmSync|unlinkSync|mkdirSync|mkdtempSync)\b/.test(
            readFileSync(join(repoRoot, f), "utf8"),
          ),
        ),
    );
    // The bench writes its hostile inputs into a temp folder of its own; a kept parse goes
    // beside the running bundle, in node_modules/.cache/.
    const allowed = [
      engine("write"),
      engine("prometheus"),
      engine("promtool"),
      "scripts/bench.ts",
      engine("sources/kept-parse.ts"),
    ];
    expect([...writers].filter((f) => !allowed.some((a) => under(f, a)))).toEqual([]);
  });

  it("sees the whole graph (a broken walker would pass everything)", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(
      edges.some((e) => e.from.startsWith(engine("checks")) && under(e.to, engine("model"))),
    ).toBe(true);
  });
});
