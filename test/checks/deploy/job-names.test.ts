import { describe, expect, it } from "vitest";
import { deployJobNames, scrapeJobs } from "../../../scripts/engine/checks/deploy/job-names.ts";
import type { Model } from "../../../scripts/engine/model/index.ts";
import { renderAll } from "../../../scripts/engine/render/index.ts";
import { repoModel } from "../../helpers/fixture-model.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { findingsOf, fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";
import { prometheusConfigPath } from "../../../scripts/engine/outputs.ts";

/** A fixture model with its rendered files: the scrape config is the real one. */
const rendered = (model: Model) => ({ model, files: renderAll(model).files });
const withAlert = (expr: string) => rendered(fixtureModel({ rules: [fixtureAlert(expr)] }));
const withPanel = (expr: string) => rendered(fixtureModel({ panels: [panelSpec([expr])] }));

/** The fixture with its scrape config's api-gateway job renamed, as a hand edit would. */
function renamedScrapeJob() {
  const { model, files } = rendered(fixtureModel());
  const config = files
    .get(prometheusConfigPath)!
    .replace(/(job_name|replacement): api-gateway$/gm, "$1: gateway");
  return { model, files: new Map([...files, [prometheusConfigPath, config]]) };
}

checkTable(deployJobNames, [
  {
    name: "jobs of config/platform.ts, a variable, a regex over known jobs",
    ...rendered(
      fixtureModel({
        panels: [panelSpec(['sum(rate(requests_total{job="$job"}[$__rate_interval]))'])],
        rules: [fixtureAlert('up{job=~"api-gateway|ml-worker"} == 0 or up{job=~"ml-.*"} == 0')],
      }),
    ),
    expect: [],
  },
  {
    name: 'an alert selecting job="typo"',
    ...withAlert('up{job="typo"} == 0'),
    expect: [
      {
        where: { file: "alerts/fixture.ts", alert: "FixtureAlert", pointer: "/expr" },
        message: `Selects job="typo", but no scrape job of ${prometheusConfigPath} sets it`,
      },
    ],
  },
  {
    name: "a panel's misspelt job, with a suggestion and the place",
    ...withPanel('sum(rate(requests_total{job="api-gatway"}[$__rate_interval]))'),
    expect: [
      {
        where: { dashboard: "fixture", refId: "A" },
        message: /Did you mean "api-gateway"\?[^]*\n.*requests_total\{job="api-gatway"\}.*\n\s+\^/,
      },
    ],
  },
  {
    name: "one wrong name in a regex alternation",
    ...withAlert('up{job=~"api-gateway|ml-wroker"} == 0'),
    expect: [{ message: 'job=~"api-gateway|ml-wroker" names "ml-wroker"' }],
  },
  {
    name: "a regex that matches no job",
    ...withAlert('up{job=~"batch-.*"} == 0'),
    expect: [{ message: 'job=~"batch-.*" matches no job' }],
  },
  {
    // JavaScript's RegExp reads [[:alpha:]] as a class of "[:alph" followed by "]": no match.
    name: "RE2 syntax Prometheus matches: a POSIX class, anchored at both ends",
    ...withAlert('up{job=~"[[:alpha:]-]+"} == 0 or up{job=~"(?i)API-.*"} == 0'),
    expect: [],
  },
  {
    name: "anchored as Prometheus anchors: a regex matching only part of a job name matches none",
    ...withAlert('up{job=~"gateway|api"} == 0'),
    expect: [{ message: 'job=~"gateway|api" names "gateway"' }, { message: 'names "api"' }],
  },
  {
    name: "a partial match is no match, for a regex that is not an alternation either",
    ...withAlert('up{job=~"api-gate.."} == 0'),
    expect: [{ message: 'job=~"api-gate.." matches no job' }],
  },
  {
    name: "negative matchers say nothing about which jobs exist",
    ...withAlert('up{job!="typo", job!~"x.*"} == 0'),
    expect: [],
  },
  {
    name: "a scrape job renamed in prometheus.yml: the dashboard's job variable no longer agrees",
    ...renamedScrapeJob(),
    expect: [
      {
        where: { dashboard: "fixture", variable: "job" },
        message: 'Selects job="api-gateway"',
      },
    ],
  },
  {
    name: "no scrape config among the files (npm run check): nothing to compare with",
    model: fixtureModel({ rules: [fixtureAlert('up{job="typo"} == 0')] }),
    expect: [],
  },
]);

describe("deploy/job-names on this repository", () => {
  it("scrape config, dashboards and alerts agree", async () => {
    const model = await repoModel();
    expect(findingsOf(deployJobNames, model, renderAll(model).files)).toEqual([]);
  });

  it("reads the job label a relabelling fixes over the job name", () => {
    const yml = [
      "scrape_configs:",
      "  - job_name: a",
      "  - job_name: b",
      "    relabel_configs:",
      "      - { target_label: job, replacement: b-job }",
      "  - job_name: c",
      "    relabel_configs:",
      "      - { source_labels: [x], target_label: job }",
    ].join("\n");
    expect(scrapeJobs(yml)).toEqual(["a", "b-job", "c"]);
    expect(scrapeJobs("not: [a, config")).toBeUndefined();
  });
});
