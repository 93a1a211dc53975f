import { burnRateAlerting } from "../../../config/platform.ts";
import { sloBucketBound } from "../../../scripts/engine/checks/slo/bucket-bound.ts";
import type { Sli, Slo } from "../../../scripts/engine/model/slo.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel } from "../../helpers/fixture-model.ts";

/** The fixture model with one SLO on the fixture catalogue (latency_seconds: 0.1/0.5/1). */
const withSli = (sli: Sli) => {
  const model = fixtureModel();
  const slo: Slo = {
    name: "fixture-latency",
    title: "Fixture latency",
    events: "requests",
    component: "api-gateway",
    sli,
    objective: 0.99,
    period: "30d",
    minFailedEvents: 20,
    alerting: burnRateAlerting,
    dashboards: ["fixture"],
    runbook: ["Look."],
  };
  model.slos = [{ slo, site: { file: "config/platform.ts", line: 7, column: 3 } }];
  return model;
};
const where = { file: "config/platform.ts", line: 7, pointer: "/slos/fixture-latency/sli" };

checkTable(sloBucketBound, [
  {
    name: "a bound of the histogram",
    model: withSli({ kind: "latency", histogram: "latency_seconds", le: 0.5 }),
    expect: [],
  },
  {
    name: "availability SLIs have no bound",
    model: withSli({
      kind: "availability",
      failed: "failed",
      valid: { metric: "requests_total" },
      bad: [{ metric: "requests_total", matchers: 'code="500"' }],
    }),
    expect: [],
  },
  {
    name: "a number between two bounds",
    model: withSli({ kind: "latency", histogram: "latency_seconds", le: 0.75 }),
    expect: [
      {
        where,
        message:
          'SLO "fixture-latency": 0.75 is no bucket bound of "latency_seconds" (its bounds: 0.1, 0.5, 1)',
      },
    ],
  },
  {
    name: "a summary is no histogram",
    model: withSli({ kind: "latency", histogram: "rpc_seconds", le: 1 }),
    expect: [{ where, message: '"rpc_seconds" is a summary, not a histogram' }],
  },
  {
    name: "a misspelt histogram",
    model: withSli({ kind: "latency", histogram: "latency_second", le: 1 }),
    expect: [
      { where, message: /"latency_second" is not in config\/metrics\/.*"latency_seconds"/s },
    ],
  },
]);
