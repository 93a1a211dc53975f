import { promqlUnknownLabel } from "../../../scripts/engine/checks/promql/unknown-label.ts";
import { checkTable } from "../../helpers/check-table.ts";
import type { Rule, RuleGroupSource } from "../../../scripts/engine/model/rules.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

const record = (expr: string): Rule => ({ kind: "record", record: "job:traffic:rate", expr });
const ruleFile = (file: string, rules: Rule[]): RuleGroupSource => ({
  file,
  group: { name: file, rules },
});
/**
 * A name recorded in rule files apart, with other labels in each: a query of a file that
 * records it reads its own rule, any other query reads every file's (`copies` more files
 * recording it as b.yml does, as a rule file per cluster would).
 */
function recordedApart(copies: number) {
  const model = panel("sum by (queue, handler) (job:traffic:rate)");
  return {
    ...model,
    ruleGroups: [
      ruleFile("a.yml", [
        record("sum by (handler) (rate(requests_total[5m]))"),
        fixtureAlert("sum by (queue) (job:traffic:rate) > 1"),
      ]),
      ...Array.from({ length: copies + 1 }, (_, i) =>
        ruleFile(`b${i}.yml`, [record("sum by (queue) (queue_depth)")]),
      ),
    ],
  };
}
const ownRuleOnly = {
  where: { file: "a.yml", alert: "FixtureAlert" },
  message: 'Label "queue" does not exist on the aggregated series (it has: handler)',
};

checkTable(promqlUnknownLabel, [
  {
    name: "metric labels, target labels, le on buckets, quantile on summaries",
    model: panel(
      'sum by (le, handler, job) (rate(latency_seconds_bucket{instance=~"$instance"}[$__rate_interval])) + on (handler) group_left () rpc_seconds{quantile="0.99"} * 0',
    ),
    expect: [],
  },
  {
    name: "misspelt matcher label",
    model: panel('rate(requests_total{hanlder="/"}[$__rate_interval])'),
    expect: [
      {
        message:
          /Label "hanlder" does not exist on "requests_total" \(it has: code, handler, instance, job, namespace, pod\)\. Did you mean "handler"\?/,
      },
    ],
  },
  {
    name: "an empty-equality matcher asserts absence and is fine",
    model: panel('queue_depth{tier=""}'),
    expect: [],
  },
  {
    name: "grouping by a label the aggregated series lost",
    model: panel("sum by (code) (sum by (handler) (rate(requests_total[$__rate_interval])))"),
    expect: [{ message: 'Label "code" does not exist on the aggregated series (it has: handler)' }],
  },
  {
    name: "le on a gauge",
    model: panel("sum by (le) (queue_depth)"),
    expect: [{ message: 'Label "le" does not exist on the aggregated series' }],
  },
  {
    name: "on() label missing from both sides",
    model: panel("queue_depth / on (handler) memory_bytes"),
    expect: [{ message: 'Label "handler" does not exist on either side of the operation' }],
  },
  {
    name: "a name recorded in two files: each file's queries read its own rule, others read both",
    model: recordedApart(0),
    expect: [ownRuleOnly],
  },
  {
    name: "the same, recorded in a hundred files",
    model: recordedApart(99),
    expect: [ownRuleOnly],
  },
]);
