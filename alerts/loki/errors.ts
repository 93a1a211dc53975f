import {
  escapeRegex,
  formatDuration,
  type RecordingRule,
  type RuleGroup,
} from "../../scripts/authoring/index.ts";
import { logThresholds, platform } from "../../config/platform.ts";
import { alert } from "../lib/alert.ts";

const jobs = Object.values(platform.components)
  .map((c) => escapeRegex(c.job))
  .join("|");
const errors = logThresholds.errorLogs;
const lines = `{namespace="${platform.namespace}", job=~"${jobs}"}`;
const errorLines = `{namespace="${platform.namespace}", job=~"${jobs}", level=~"(?i)${errors.levels}"}`;

/** Log lines per second by job and level, for Prometheus (the ruler remote-writes it). */
const logLines: RecordingRule = {
  kind: "record",
  record: "job_level:log_lines:rate5m",
  expr: `sum by (job, level) (rate(${lines} [5m]))`,
};

/** The platform's components logging errors: per component, from the level the shipper indexed. */
export const group: RuleGroup = {
  name: "platform-logs",
  rules: [
    logLines,
    alert({
      alert: "ErrorLogRate",
      expr: `sum by (job) (rate(${errorLines} [${errors.window}])) > ${errors.perSecond}`,
      for: errors.for,
      severity: "warning",
      component: "{{ $labels.job }}",
      summary: "{{ $labels.job }} logs errors",
      description: `{{ $labels.job }} has logged {{ $value | humanize }} error-level lines per second (more than ${errors.perSecond}) for ${formatDuration(errors.for)}.`,
      runbook: [
        "Open the component's dashboard, Logs row, and search for the errors.",
        "Compare with its error metrics: errors in logs but not in metrics point at a background task.",
      ],
    }),
  ],
};
