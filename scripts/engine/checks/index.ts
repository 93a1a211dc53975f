/**
 * The check registry. Every check runs; every finding is reported. Add a check by writing
 * checks/<group>/<name>.ts (id `group/name`, exported as its camel-cased id) with its test, and
 * listing it here.
 */
import type { Check } from "./check.ts";
import { alertmanagerRouting } from "./alertmanager/routing.ts";
import { alertsDurations } from "./alerts/durations.ts";
import { alertsFor } from "./alerts/for.ts";
import { alertsHistogramThreshold } from "./alerts/histogram-threshold.ts";
import { alertsQuantileBucketBound } from "./alerts/quantile-bucket-bound.ts";
import { alertsRatioTrafficFloor } from "./alerts/ratio-traffic-floor.ts";
import { alertsNames } from "./alerts/names.ts";
import { alertsRequiredFields } from "./alerts/required-fields.ts";
import { alertsTemplate } from "./alerts/template.ts";
import { alertsTemplateLabels } from "./alerts/template-labels.ts";
import { alertsUniqueNames } from "./alerts/unique-names.ts";
import { catalogueUnknownJob } from "./catalogue/unknown-job.ts";
import { dashboardLayout } from "./dashboard/layout.ts";
import { dashboardUndefinedVariable } from "./dashboard/undefined-variable.ts";
import { dashboardUniquePanelIds } from "./dashboard/unique-panel-ids.ts";
import { dashboardUniqueUid } from "./dashboard/unique-uid.ts";
import { deployCloudAgents } from "./deploy/cloud-agents.ts";
import { deployCredentials } from "./deploy/credentials.ts";
import { deployJobNames } from "./deploy/job-names.ts";
import { deployLogLabels } from "./deploy/log-labels.ts";
import { kubernetesConfigmapSize } from "./kubernetes/configmap-size.ts";
import { logqlSyntax } from "./logql/syntax.ts";
import { panelDatasource } from "./panel/datasource.ts";
import { panelDescription } from "./panel/description.ts";
import { panelThresholds } from "./panel/thresholds.ts";
import { panelLegendLabels } from "./panel/legend-labels.ts";
import { panelUnit } from "./panel/unit.ts";
import { panelUnitMismatch } from "./panel/unit-mismatch.ts";
import { platformThresholds } from "./platform/thresholds.ts";
import { promqlCounterRate } from "./promql/counter-rate.ts";
import { promqlFunctionArgs } from "./promql/function-args.ts";
import { promqlHistogramQuantile } from "./promql/histogram-quantile.ts";
import { promqlInstanceJoin } from "./promql/instance-join.ts";
import { promqlPrometheusVersion } from "./promql/prometheus-version.ts";
import { promqlShortRange } from "./promql/short-range.ts";
import { promqlRateInterval } from "./promql/rate-interval.ts";
import { promqlRateOnGauge } from "./promql/rate-on-gauge.ts";
import { promqlRegexp } from "./promql/regexp.ts";
import { promqlReplicatedGaugeSum } from "./promql/replicated-gauge-sum.ts";
import { promqlSummaryQuantile } from "./promql/summary-quantile.ts";
import { promqlSyntax } from "./promql/syntax.ts";
import { promqlUnknownLabel } from "./promql/unknown-label.ts";
import { promqlUnknownMetric } from "./promql/unknown-metric.ts";
import { schemaDashboard } from "./schema/dashboard.ts";
import { sloBucketBound } from "./slo/bucket-bound.ts";

/** Checks of the model: sources we build, or dashboards and rule files given to `npm run check`. */
export const modelChecks: Check[] = [
  dashboardLayout,
  dashboardUniquePanelIds,
  dashboardUniqueUid,
  panelDescription,
  panelUnit,
  panelDatasource,
  panelThresholds,
  alertsRequiredFields,
  alertsDurations,
  alertsNames,
  platformThresholds,
  alertsFor,
  promqlSyntax,
  promqlFunctionArgs,
  logqlSyntax,
  promqlUnknownMetric,
  promqlUnknownLabel,
  promqlCounterRate,
  promqlRateOnGauge,
  promqlHistogramQuantile,
  promqlSummaryQuantile,
  promqlRateInterval,
  promqlRegexp,
  promqlReplicatedGaugeSum,
  promqlInstanceJoin,
  promqlPrometheusVersion,
  promqlShortRange,
  panelUnitMismatch,
  panelLegendLabels,
  alertsHistogramThreshold,
  alertsQuantileBucketBound,
  alertsRatioTrafficFloor,
  catalogueUnknownJob,
  schemaDashboard,
  dashboardUndefinedVariable,
  alertsUniqueNames,
  alertsTemplate,
  alertsTemplateLabels,
  sloBucketBound,
];

/** Checks of the rendered files (sizes, embedded copies) and our deployment: only for our own build. */
export const outputChecks: Check[] = [
  alertmanagerRouting,
  deployJobNames,
  deployCredentials,
  deployLogLabels,
  deployCloudAgents,
  kubernetesConfigmapSize,
];
