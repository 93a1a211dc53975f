import { alertsNames } from "../../../scripts/engine/checks/alerts/names.ts";
import type { Rule } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";

const withRules = (...rules: Rule[]) => fixtureModel({ rules });
const alertWith = (name: string, labels: Record<string, string> = {}, annotations = {}): Rule => {
  const a = fixtureAlert("up == 0", name) as Extract<Rule, { kind: "alert" }>;
  return {
    ...a,
    labels: { ...a.labels, ...labels },
    annotations: { ...a.annotations, ...annotations },
  };
};

const dashed = () =>
  withRules(
    { kind: "record", record: "job-requests", expr: "up" },
    alertWith("A", { __name__: "x", __tenant: "y", "team-name": "z" }, { "run book": "u" }),
  );

checkTable(alertsNames, [
  {
    name: "identifiers, a level:metric:operation record, plain labels",
    model: withRules(alertWith("HighErrorRatio", { team_name: "ml" }), {
      kind: "record",
      record: "job:requests:rate5m",
      expr: "up",
    }),
    expect: [],
  },
  {
    name: "an alert name with a space, with an emoji, with a dot",
    model: withRules(alertWith("High latency"), alertWith("Disk🔥"), alertWith("Disk.Full")),
    expect: [
      { where: { alert: "High latency", pointer: "/alert" }, message: 'like "HighLatency"' },
      { message: 'Alert name "Disk🔥" is not an identifier' },
      { message: 'like "DiskFull"' },
    ],
  },
  {
    name: "under the community profile an alert name that is no identifier is a warning",
    model: withRules(alertWith("High latency")),
    settings: { profile: "community" },
    expect: [{ severity: "warning", message: 'like "HighLatency"' }],
  },
  {
    name: "on Prometheus 2.42: a recording rule name with a dash, reserved and invalid label names, a bad annotation name",
    model: dashed(),
    settings: { prometheusVersion: "2.42" },
    expect: [
      {
        severity: "error",
        message: 'Recording rule name "job-requests" is not a legacy metric name',
      },
      { message: 'Label name "__name__" is reserved' },
      { message: 'Label name "__tenant" is reserved' },
      { severity: "error", message: "Prometheus 2.42 refuses the rule file" },
      { severity: "error", message: 'Annotation name "run book" is not a legacy label name' },
    ],
  },
  {
    name: "on Prometheus 3 (UTF-8 names) the same names load: warnings, the reserved ones still errors",
    model: dashed(),
    settings: { prometheusVersion: "3.0" },
    expect: [
      { severity: "warning", message: "Prometheus 3.0 and later load it" },
      { severity: "error", message: 'Label name "__name__" is reserved' },
      { severity: "error", message: 'Label name "__tenant" is reserved' },
      { severity: "warning", message: 'Label name "team-name" is not a legacy label name' },
      { severity: "warning", message: 'Annotation name "run book"' },
    ],
  },
]);
