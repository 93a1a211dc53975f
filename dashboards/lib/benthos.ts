import type { PanelSpec } from "./panels.ts";
import { quantile, sumRate } from "./promql.ts";

/**
 * Panels every Benthos pipeline dashboard shows (the API gateway and the ML worker are both
 * Benthos): where in the pipeline messages fail, and which processor is slow.
 */
export function processorPanels(sel: string): PanelSpec[] {
  return [
    {
      kind: "timeseries",
      title: "Processor errors by path",
      description: "Messages per second each processor failed, by its pipeline path.",
      unit: "mps",
      queries: [{ expr: sumRate("processor_error", sel, ["path"]), legend: "{{path}}" }],
    },
    {
      kind: "timeseries",
      title: "Processor latency p95 by path",
      description: "95th percentile time each processor takes per batch.",
      unit: "s",
      queries: [
        { expr: quantile(0.95, "processor_latency_ns", sel, ["path"]), legend: "{{path}}" },
      ],
    },
  ];
}
