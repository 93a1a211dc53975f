import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  annotationLimit,
  appliedAnnotationBytes,
  kubernetesConfigmapSize,
  lastAppliedKey,
} from "../../../scripts/engine/checks/kubernetes/configmap-size.ts";
import type { Model } from "../../../scripts/engine/model/index.ts";
import { renderAll } from "../../../scripts/engine/render/index.ts";
import { toYaml } from "../../../scripts/engine/render/yaml.ts";
import { repoModel } from "../../helpers/fixture-model.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { findingsOf, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const rendered = (model: Model) => ({ model, files: renderAll(model).files });

/** The fixture dashboard with a panel description of `bytes` characters: a huge dashboard. */
const hugeDashboard = (bytes: number) =>
  rendered(fixtureModel({ panels: [{ ...panelSpec(["up"]), description: "x".repeat(bytes) }] }));

/** A ConfigMap whose applied annotations come to exactly `size` bytes. */
function configMapOfSize(size: number) {
  const object = (pad: string) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "edge", annotations: { grafana_folder: "f" } },
    data: { "edge.json": pad },
  });
  const pad = "x".repeat(size - appliedAnnotationBytes(object("")));
  const files = new Map([["config/kubernetes/edge.yaml", toYaml(object(pad))]]);
  return { model: fixtureModel(), files };
}

checkTable(kubernetesConfigmapSize, [
  { name: "a dashboard of ordinary size", ...rendered(fixtureModel()), expect: [] },
  {
    name: "a huge dashboard: its ConfigMap is a build error that says why and what to do",
    ...hugeDashboard(300_000),
    expect: [
      {
        where: { file: "dashboards/fixture.ts", dashboard: "fixture" },
        message:
          /^ConfigMap grafana-dashboard-fixture \(config\/kubernetes\/grafana-dashboard-fixture\.yaml\) is too big for `kubectl apply`: .*last-applied-configuration.* over Kubernetes' limit of 262144.*split the dashboard in dashboards\/fixture\.ts/,
      },
    ],
  },
  { name: "exactly at the limit", ...configMapOfSize(annotationLimit), expect: [] },
  {
    name: "one byte over the limit",
    ...configMapOfSize(annotationLimit + 1),
    expect: [
      {
        where: { file: "config/kubernetes/edge.yaml" },
        message: "Make it at least 1 bytes smaller: split what it holds",
      },
    ],
  },
]);

describe("appliedAnnotationBytes", () => {
  const size = (value: string) =>
    appliedAnnotationBytes({ kind: "ConfigMap", metadata: { name: "a" }, data: { k: value } });

  it("counts what Go's JSON encoder writes: escapes, HTML-safe characters, UTF-8 bytes", () => {
    expect(size('"') - size("a")).toBe(1); // \"
    expect(size("\n") - size("a")).toBe(1); // \n
    expect(size("<") - size("a")).toBe(5); // \u003c
    expect(size("é") - size("a")).toBe(1); // two bytes in UTF-8
  });

  it("adds the object's own annotations and the last-applied key", () => {
    const bare = { kind: "ConfigMap", metadata: { name: "a" } };
    const annotated = { kind: "ConfigMap", metadata: { name: "a", annotations: { k: "vv" } } };
    const json = JSON.stringify(bare).length + 1;
    expect(appliedAnnotationBytes(bare)).toBe(
      "kubectl.kubernetes.io/last-applied-configuration".length + json,
    );
    expect(appliedAnnotationBytes(annotated) - appliedAnnotationBytes(bare)).toBe(
      ',"annotations":{"k":"vv"}'.length + "k".length + "vv".length,
    );
  });
});

describe("appliedAnnotationBytes against the real kubectl", () => {
  it("counts exactly what kubectl writes into last-applied-configuration", (ctx) => {
    // kubectl is optional here (not installed by npm run setup): it works offline for this.
    if (spawnSync("kubectl", ["version", "--client"]).error) ctx.skip("kubectl is not on PATH");
    const dir = mkdtempSync(join(tmpdir(), "mlmon-kubectl-"));
    try {
      const file = join(dir, "d.json");
      writeFileSync(file, '{\n  "expr": "a < b & c",\n  "q": "x\\"y é"\n}\n');
      const r = spawnSync(
        "kubectl",
        [
          "create",
          "configmap",
          "edge",
          `--from-file=d.json=${file}`,
          "--dry-run=client",
          "--save-config",
          "-o",
          "json",
        ],
        { encoding: "utf8" },
      );
      expect(r.status, r.stderr).toBe(0);
      const annotation: string = JSON.parse(r.stdout).metadata.annotations[lastAppliedKey];
      expect(appliedAnnotationBytes(JSON.parse(annotation))).toBe(
        Buffer.byteLength(lastAppliedKey) + Buffer.byteLength(annotation),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("kubernetes/configmap-size on this repository", () => {
  it("every manifest fits, with room to spare", async () => {
    const model = await repoModel();
    const files = renderAll(model).files;
    expect(findingsOf(kubernetesConfigmapSize, model, files)).toEqual([]);
  });
});
