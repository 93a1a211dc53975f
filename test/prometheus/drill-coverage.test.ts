import { describe, expect, it } from "vitest";
import type { Drill } from "../../scripts/engine/model/drills.ts";
import { drillCoverage } from "../../scripts/engine/prometheus/drill-coverage.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../helpers/fixture-model.ts";

const pages = { ...fixtureAlert("up == 0", "Pages"), labels: { severity: "critical" as const } };
const tickets = fixtureAlert("up == 0", "Tickets");
const base = fixtureModel({ panels: [panelSpec(["up"])], rules: [pages, tickets] });

const drill = (d: Partial<Drill> = {}): Drill => ({
  summary: "An outage",
  step: "1m",
  duration: "2m",
  failureAt: "1m",
  series: [{ name: "up", labels: { job: "j", instance: "i" }, values: [1, 0, 0] }],
  expect: [{ alert: "Pages", severity: "critical", within: "1m" }],
  panels: [{ dashboard: "fixture", panel: "Fixture panel" }],
  ...d,
});
const withDrills = (...drills: Drill[]) => ({
  ...base,
  drills: drills.map((d, i) => ({ file: `alerts/drills/d${i}.ts`, drill: d })),
});

describe("drill coverage", () => {
  it.each<{ name: string; drills: Drill[]; expected: { rule: string; message: string }[] }>([
    {
      name: "nothing when the critical alert is drilled on an existing panel",
      drills: [drill()],
      expected: [],
    },
    {
      name: "a critical alert no drill expects",
      drills: [drill({ expect: [{ alert: "Tickets", severity: "warning", within: "1m" }] })],
      expected: [
        {
          rule: "drills/untested-critical",
          message:
            "Pages pages (critical), but no drill expects it: add it to the drill of the outage it pages on in alerts/drills/, or write one.",
        },
      ],
    },
    {
      name: "an alert no rule defines",
      drills: [
        drill({
          expect: [drill().expect[0]!, { alert: "Pagse", severity: "critical", within: "1m" }],
        }),
      ],
      expected: [
        {
          rule: "drills/unknown-alert",
          message: 'Drill d0 expects "Pagse", which no rule group defines. Did you mean "Pages"?',
        },
      ],
    },
    {
      name: "a severity the rule does not have",
      drills: [drill({ expect: [{ alert: "Pages", severity: "warning", within: "1m" }] })],
      expected: [
        {
          rule: "drills/severity",
          message:
            "Drill d0 expects Pages at severity warning, but the rule says critical: fix the one that is wrong.",
        },
      ],
    },
    {
      name: "a panel the dashboard does not have, and a dashboard that does not exist",
      drills: [
        drill({
          panels: [
            { dashboard: "fixture", panel: "Fixture panle" },
            { dashboard: "fixtures", panel: "Fixture panel" },
          ],
        }),
      ],
      expected: [
        {
          rule: "drills/panels",
          message:
            'Drill d0 points at panel "Fixture panle", which dashboard fixture does not have. Did you mean "Fixture panel"?',
        },
        {
          rule: "drills/panels",
          message:
            'Drill d0 points at dashboard "fixtures", which does not exist. Did you mean "fixture"?',
        },
      ],
    },
    {
      name: "no panel at all",
      drills: [drill({ panels: [] })],
      expected: [
        {
          rule: "drills/panels",
          message:
            "Drill d0 names no dashboard panel: say which panels on-call opens for this failure.",
        },
      ],
    },
    {
      name: "a series the catalogue does not know",
      drills: [drill({ series: [{ name: "upp", labels: {}, values: [1, 1, 1] }] })],
      expected: [
        {
          rule: "drills/series",
          message:
            'Drill d0 feeds "upp", which is not in the catalogue (config/metrics/): no exporter reports it, so no rule should read it.',
        },
      ],
    },
    {
      name: "labels the catalogue does not list, and bucket bounds not the histogram's",
      drills: [
        drill({
          series: [
            drill().series[0]!,
            { name: "requests_total", labels: { code: "200", path: "/" }, values: [1, 2, 3] },
            ...["0.1", "0.5", "2", "+Inf"].map((le) => ({
              name: "latency_seconds_bucket",
              labels: { handler: "/", le },
              values: [1, 2, 3],
            })),
          ],
        }),
      ],
      expected: [
        {
          rule: "drills/series",
          message:
            'Drill d0 feeds "requests_total" with label "path", which the catalogue does not list for it: shape it as the exporter reports it, or add the label to the catalogue.',
        },
        {
          rule: "drills/series",
          message:
            'Drill d0 feeds "latency_seconds_bucket" with the bounds 0.1, 0.5, 2, Infinity, not the catalogue\'s 0.1, 0.5, 1, Infinity: shape it as the exporter reports it.',
        },
      ],
    },
    {
      name: "a series of the wrong length, a deadline after the end, expectations without a failure",
      drills: [
        drill({
          series: [{ name: "up", labels: {}, values: [1] }],
          expect: [{ alert: "Pages", severity: "critical", within: "5m" }],
        }),
        drill({ failureAt: undefined }),
      ],
      expected: [
        {
          rule: "drills/shape",
          message: "Pages is expected within 5m of the failure, after the drill ends: lengthen it.",
        },
        {
          rule: "drills/shape",
          message: "1 series do not have one value per step (3), e.g. up with 1.",
        },
        {
          rule: "drills/shape",
          message: "it expects alerts but has no failureAt: say when the failure starts.",
        },
      ],
    },
  ])("$name", ({ drills, expected }) => {
    const findings = drillCoverage(withDrills(...drills));
    expect(findings.map(({ rule, message }) => ({ rule, message }))).toEqual(expected);
  });

  it("says where: the drill's file, or the alert's group", () => {
    const findings = drillCoverage(
      withDrills(drill({ expect: [], failureAt: undefined, panels: [] })),
    );
    expect(findings.map((f) => f.where)).toEqual([
      { file: "alerts/drills/d0.ts" },
      { file: "alerts/fixture.ts", group: "fixture", alert: "Pages" },
    ]);
  });
});
