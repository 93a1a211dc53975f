import { promqlHistogramQuantile } from "../../../scripts/engine/checks/promql/histogram-quantile.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlHistogramQuantile, [
  {
    name: "le kept by by()",
    model: panel(
      "histogram_quantile(0.9, sum by (le, handler) (rate(latency_seconds_bucket[$__rate_interval])))",
    ),
    expect: [],
  },
  {
    name: "le kept by without()",
    model: panel(
      "histogram_quantile(0.9, sum without (instance) (rate(latency_seconds_bucket[$__rate_interval])))",
    ),
    expect: [],
  },
  {
    name: "le dropped by the aggregation",
    model: panel(
      'histogram_quantile(0.9, sum by (job) (rate(latency_seconds_bucket{job="$job"}[$__rate_interval])))',
    ),
    expect: [
      {
        message:
          'needs the "le" label, but "sum by (job) (rate(latency_seconds_bucket{job="$job"}[$__rate_interval]))" drops it',
      },
    ],
  },
  {
    name: "le removed by without()",
    model: panel("histogram_quantile(0.9, sum without (le) (rate(latency_seconds_bucket[5m])))"),
    expect: [{ message: 'needs the "le" label' }],
  },
  {
    name: "over _count instead of _bucket",
    model: panel("histogram_quantile(0.9, rate(latency_seconds_count[5m]))"),
    expect: [
      { message: 'needs the "le" label' },
      { message: "not a histogram's _bucket series: use the histogram's latency_seconds_bucket" },
    ],
  },
]);
