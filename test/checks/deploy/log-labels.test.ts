import { describe, expect, it } from "vitest";
import {
  deployLogLabels,
  shippedLabels,
} from "../../../scripts/engine/checks/deploy/log-labels.ts";
import type { Model } from "../../../scripts/engine/model/index.ts";
import { renderAll } from "../../../scripts/engine/render/index.ts";
import { repoModel } from "../../helpers/fixture-model.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { findingsOf, fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";
import { promtailConfigPath } from "../../../scripts/engine/outputs.ts";

/** A fixture model with its rendered files: the shipping config is the real one. */
const rendered = (model: Model) => ({ model, files: renderAll(model).files });
const withLogRule = (expr: string) => rendered(fixtureModel({ logRules: [fixtureAlert(expr)] }));

/** The fixture with `level` no longer made a label by the shipping config, as a hand edit would. */
function levelNotShipped() {
  const { model, files } = rendered(fixtureModel());
  const config = files.get(promtailConfigPath)!.replace(/- labels:\n\s+level: ""\n/, "");
  return { model, files: new Map([...files, [promtailConfigPath, config]]) };
}

checkTable(deployLogLabels, [
  {
    name: "the dashboards' selectors and a rule on namespace, job and level",
    ...withLogRule(
      'sum by (job) (rate({namespace="ml-platform", job="ml-service", level="ERROR"} [5m])) > 1',
    ),
    expect: [],
  },
  {
    name: "a Loki rule selecting on a label nothing ships",
    ...withLogRule('sum(rate({namespace="ml-platform", service="ml-service"} [5m])) > 1'),
    expect: [
      {
        where: { file: "alerts/loki/fixture.ts", alert: "FixtureAlert", pointer: "/expr" },
        message:
          /Selects streams by "service", but the log shipping config config\/promtail\/promtail\.yml gives no line that label \(it sets: app, container, filename, job, level, namespace, pod, stream\)\.[^]*\n.*service="ml-service".*\n\s+\^/,
      },
    ],
  },
  {
    name: "a label filter after a parser reads the line, not the shipped labels: not flagged",
    ...withLogRule('sum(rate({job="ml-service"} | json | status="500" [5m])) > 1'),
    expect: [],
  },
  {
    name: "level no longer shipped: the dashboard's log volume panel selects on it",
    ...levelNotShipped(),
    expect: [
      { where: { dashboard: "fixture", refId: "A" }, message: 'Selects streams by "level"' },
      { where: { dashboard: "fixture", refId: "B" }, message: 'Selects streams by "level"' },
    ],
  },
  {
    name: "no shipping config among the files (npm run check): nothing to compare with",
    model: fixtureModel({ logRules: [fixtureAlert('rate({x="y"}[5m]) > 1')] }),
    expect: [],
  },
]);

describe("deploy/log-labels on this repository", () => {
  it("the dashboards, the Loki rules and the shipping config agree", async () => {
    const model = await repoModel();
    expect(findingsOf(deployLogLabels, model, renderAll(model).files)).toEqual([]);
  });

  it("reads relabelled labels, stage labels (in match stages too) and the CRI stream", () => {
    const yml = [
      "scrape_configs:",
      "  - job_name: a",
      "    relabel_configs:",
      "      - { source_labels: [x], target_label: app }",
      "      - { source_labels: [y], target_label: __path__ }",
      "    pipeline_stages:",
      "      - cri: {}",
      "      - match: { selector: '{app=\"a\"}', stages: [{ labels: { level: } }] }",
      "      - static_labels: { cluster: c }",
    ].join("\n");
    expect(shippedLabels(yml)).toEqual(["app", "cluster", "filename", "level", "stream"]);
    expect(shippedLabels("not: [a, config")).toBeUndefined();
  });
});
