import type { PanelSpec } from "./panels.ts";
import { sumRate } from "./promql.ts";
import { percent, thresholdText } from "./thresholds.ts";

/** Open file descriptors as a share of the limit: a process at its limit cannot accept sockets. */
const fdLimit = { critical: 0.9 };

/**
 * Panels of the client libraries' process metrics (config/metrics/process.yaml: Python's, and
 * Go's in Benthos), one series per instance. `what` names the process in the descriptions ("model server").
 */
export function processPanels(sel: string, what: string): PanelSpec[] {
  const perInstance = (metric: string) => `sum by (instance) (${metric}{${sel}})`;
  return [
    {
      kind: "timeseries",
      title: "CPU usage",
      description: `CPU cores used by each ${what} process.`,
      unit: "short",
      queries: [
        {
          expr: sumRate("process_cpu_seconds_total", sel, ["instance"]),
          legend: "{{instance}}",
        },
      ],
    },
    {
      kind: "timeseries",
      title: "Resident memory",
      description: `Resident memory of each ${what} process.`,
      unit: "bytes",
      queries: [{ expr: perInstance("process_resident_memory_bytes"), legend: "{{instance}}" }],
    },
    {
      kind: "timeseries",
      title: "File descriptors used",
      description: `Open file descriptors of each ${what} process as a share of its limit. ${thresholdText(fdLimit, percent)}`,
      unit: "percentunit",
      min: 0,
      max: 1,
      thresholds: fdLimit,
      queries: [
        {
          expr: `${perInstance("process_open_fds")} / ${perInstance("process_max_fds")}`,
          legend: "{{instance}}",
        },
      ],
    },
  ];
}
