import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalogue, parseCatalogueFile } from "../scripts/engine/sources/catalogue.ts";
import { resolveSeries } from "../scripts/engine/model/series.ts";
import { loadCatalogue } from "../scripts/engine/sources/model-of.ts";
import { repoRoot } from "./helpers/repo.ts";

const file = "config/metrics/broken.yaml";
const header = "component: x\ndescription: d\njobs: [api-gateway]\nmetrics:\n";

describe("catalogue loader", () => {
  it.each([
    {
      name: "invalid YAML",
      text: `${header}  - name: a\n    type: [counter\n`,
      rule: "catalogue/yaml",
      line: 7,
      message: /Invalid YAML: Flow sequence .* end with a \]/,
    },
    {
      name: "a key given twice",
      text: `${header}  - name: a\n    name: b\n    type: gauge\n    unit: none\n    help: h\n`,
      rule: "catalogue/yaml",
      line: 6,
      message: /Map keys must be unique/,
    },
    {
      name: "unknown type",
      text: `${header}  - name: a\n    type: countr\n    unit: none\n    help: h\n`,
      rule: "catalogue/invalid",
      line: 6,
      message:
        "/metrics/0/type must be equal to one of the allowed values (counter, gauge, histogram, summary).",
    },
    {
      name: "histogram without buckets",
      text: `${header}  - name: a\n    type: gauge\n    unit: none\n    help: h\n  - name: lat\n    type: histogram\n    unit: seconds\n    help: h\n`,
      rule: "catalogue/invalid",
      line: 9,
      message: 'Histogram "lat" has no buckets',
    },
    {
      name: "buckets out of order",
      text: `${header}  - name: lat\n    type: histogram\n    unit: seconds\n    help: h\n    buckets: [1, 0.5]\n`,
      rule: "catalogue/invalid",
      line: 5,
      message: "strictly ascending",
    },
    {
      name: "two equal bucket bounds",
      text: `${header}  - name: lat\n    type: histogram\n    unit: seconds\n    help: h\n    buckets: [0.5, 0.5, 1]\n`,
      rule: "catalogue/invalid",
      line: 5,
      message: 'Histogram "lat" buckets must be strictly ascending.',
    },
    {
      name: "buckets on a gauge",
      text: `${header}  - name: a\n    type: gauge\n    unit: none\n    help: h\n    buckets: [1, 2]\n`,
      rule: "catalogue/invalid",
      line: 5,
      message: '"a" is a gauge: only histograms have buckets.',
    },
    {
      name: "unknown field",
      text: `${header}  - name: a\n    type: gauge\n    unit: none\n    help: h\n    lables: {}\n`,
      rule: "catalogue/invalid",
      line: 5,
      message: 'must NOT have additional properties "lables"',
    },
    {
      name: "le listed as a label",
      text: `${header}  - name: a\n    type: gauge\n    unit: none\n    help: h\n    labels: { le: ["1"] }\n`,
      rule: "catalogue/invalid",
      line: 5,
      message: '"le" and "quantile" are implied by the type',
    },
  ])("rejects $name with file:line", ({ text, rule, line, message }) => {
    const { value, findings } = parseCatalogueFile(file, text);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ rule, severity: "error", where: { file, line } });
    if (typeof message === "string") expect(findings[0]!.message).toContain(message);
    else expect(findings[0]!.message).toMatch(message);
    if (rule === "catalogue/yaml") expect(value).toBeUndefined();
  });

  it("reports every problem of a file at once", () => {
    const text = `${header}  - name: a\n    type: nope\n    unit: none\n  - name: b\n    type: gauge\n    unit: furlongs\n    help: h\n`;
    const { findings } = parseCatalogueFile(file, text);
    expect(findings.map((f) => f.where.line)).toEqual([5, 6, 10]);
  });

  it("rejects a metric defined twice, directly or through a derived name", () => {
    const a = parseCatalogueFile(
      "config/metrics/a.yaml",
      `${header}  - name: lat\n    type: histogram\n    unit: seconds\n    help: h\n    buckets: [1]\n`,
    );
    const b = parseCatalogueFile(
      "config/metrics/b.yaml",
      `${header}  - name: lat_count\n    type: counter\n    unit: none\n    help: h\n  - name: lat\n    type: gauge\n    unit: none\n    help: h\n`,
    );
    const { findings } = buildCatalogue([a.value!, b.value!]);
    expect(findings.map((f) => [f.rule, f.where.file, f.where.line, f.message])).toEqual([
      [
        "catalogue/duplicate",
        "config/metrics/b.yaml",
        5,
        '"lat_count" is already defined at config/metrics/a.yaml:5. Keep one definition.',
      ],
      [
        "catalogue/duplicate",
        "config/metrics/b.yaml",
        9,
        '"lat" is already defined at config/metrics/a.yaml:5. Keep one definition.',
      ],
    ]);
  });

  it("loads the repository's catalogue cleanly, with real upstream names and layouts", () => {
    const { catalogue, findings } = loadCatalogue(repoRoot);
    expect(findings).toEqual([]);
    const get = (n: string) => catalogue.metrics.get(n)?.[0];
    expect(get("input_received")).toMatchObject({ type: "counter", labels: ["label", "path"] });
    expect(get("http_request_duration_seconds")).toMatchObject({
      type: "histogram",
      buckets: [0.1, 0.5, 1],
    });
    expect(get("input_latency_ns")).toMatchObject({ type: "histogram", unit: "seconds" });
    expect(get("vllm:kv_cache_usage_perc")).toMatchObject({ type: "gauge", unit: "ratio" });
    expect(get("quota_exceeded_total")!.labels).toContain("tier");
    expect(resolveSeries(catalogue, "http_requests_created", "any")).toMatchObject({
      kind: "created",
    });
    expect(resolveSeries(catalogue, "vllm:iteration_tokens_total_bucket", "any")).toMatchObject({
      kind: "bucket",
    });
    expect(resolveSeries(catalogue, "input_received_total", "any")).toBeUndefined();
  });

  it("a schema error in one metric hides neither the file's other problems nor its good metrics", () => {
    const text =
      "component: x\njobs: api-gateway\nmetrics:\n" +
      "  - { name: a, type: countr, unit: none, help: h }\n" +
      "  - { name: lat, type: histogram, unit: seconds, help: h, buckets: [1, 0.5] }\n" +
      "  - { name: ok, type: gauge, unit: none, help: h }\n";
    const { value, findings, broken } = parseCatalogueFile(file, text);
    expect(findings.map((f) => [f.where.line, f.message])).toEqual([
      [1, "file must have required property 'description'."],
      [2, "/jobs must be array."],
      [4, expect.stringContaining("/metrics/0/type must be equal to one of the allowed values")],
      [5, 'Histogram "lat" buckets must be strictly ascending.'],
    ]);
    expect(value?.metrics.map((m) => m.name)).toEqual(["ok"]);
    expect([...broken.keys()]).toEqual(
      expect.arrayContaining(["a", "a_bucket", "lat", "lat_bucket", "lat_count"]),
    );
  });

  it("refuses __ names, naming the label", () => {
    const text = `${header}  - name: __a\n    type: gauge\n    unit: none\n    help: h\n    labels: { __tenant: [x], "bad-name": [y] }\n`;
    expect(parseCatalogueFile(file, text).findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^\/metrics\/0\/name must match pattern .*names starting with __ are Prometheus' own/,
      ),
      '/metrics/0/labels: label name "__tenant" is not allowed: names starting with __ are Prometheus\' own.',
      '/metrics/0/labels: label name "bad-name" is not allowed: use letters, digits and _, not starting with a digit.',
    ]);
  });

  it("refuses an alias bomb with a finding, not an exception", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from({ length: 8 }, (_, i) => {
        const p = String.fromCharCode(97 + i);
        const n = String.fromCharCode(98 + i);
        return `${n}: &${n} [*${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}]`;
      }),
    ].join("\n");
    const { value, findings } = parseCatalogueFile(file, bomb);
    expect(value).toBeUndefined();
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "catalogue/yaml",
        message: expect.stringContaining("aliases expand to at most"),
      }),
    ]);
  });
});

describe("loadCatalogue on a hostile config/metrics/", () => {
  it("a folder named like a catalogue file and a dangling link are findings; the other files load", () => {
    const root = mkdtempSync(join(tmpdir(), "mlmon-catalogue-"));
    try {
      mkdirSync(join(root, "config/metrics/folder.yaml"), { recursive: true });
      symlinkSync(join(root, "nowhere.yaml"), join(root, "config/metrics/dangling.yaml"));
      writeFileSync(
        join(root, "config/metrics/good.yaml"),
        `${header}  - { name: a, type: gauge, unit: none, help: h }\n`,
      );
      const { catalogue, findings } = loadCatalogue(root);
      expect(findings.map((f) => [f.where.file, f.message])).toEqual([
        [
          "config/metrics/dangling.yaml",
          expect.stringContaining("does not exist, or is a link to nothing"),
        ],
        ["config/metrics/folder.yaml", expect.stringContaining("it is a folder")],
      ]);
      expect([...catalogue.metrics.keys()]).toEqual(["a"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
