/**
 * The check registry. Every check runs; every finding is reported. Add a check by writing
 * checks/<group>/<name>.ts (id `group/name`) with its test, and listing it here.
 */
import type { Finding } from "../findings.ts";
import type { Files, Model } from "../model/index.ts";
import { requiredFields } from "./alerts/required-fields.ts";
import type { Check } from "./check.ts";
import { layout } from "./dashboard/layout.ts";
import { uniquePanelIds } from "./dashboard/unique-panel-ids.ts";
import { uniqueUid } from "./dashboard/unique-uid.ts";
import { datasource } from "./panel/datasource.ts";
import { description } from "./panel/description.ts";
import { unit } from "./panel/unit.ts";
import { histogramThreshold } from "./alerts/histogram-threshold.ts";
import { unknownJob } from "./catalogue/unknown-job.ts";
import { syntax as logqlSyntax } from "./logql/syntax.ts";
import { unitMismatch } from "./panel/unit-mismatch.ts";
import { counterRate } from "./promql/counter-rate.ts";
import { functionArgsCheck } from "./promql/function-args.ts";
import { histogramQuantile } from "./promql/histogram-quantile.ts";
import { rateInterval } from "./promql/rate-interval.ts";
import { rateOnGauge } from "./promql/rate-on-gauge.ts";
import { regexp } from "./promql/regexp.ts";
import { summaryQuantile } from "./promql/summary-quantile.ts";
import { syntax as promqlSyntax } from "./promql/syntax.ts";
import { unknownLabel } from "./promql/unknown-label.ts";
import { unknownMetric } from "./promql/unknown-metric.ts";
import { jobNames } from "./deploy/job-names.ts";
import { configmapSize } from "./kubernetes/configmap-size.ts";
import { schemaDashboard } from "./schema/dashboard.ts";
import { undefinedVariable } from "./dashboard/undefined-variable.ts";
import { uniqueNames } from "./alerts/unique-names.ts";
import { template } from "./alerts/template.ts";
import { templateLabels } from "./alerts/template-labels.ts";

/** Checks of the model: sources we build, or dashboards and rule files given to `npm run check`. */
export const modelChecks: Check[] = [
  layout,
  uniquePanelIds,
  uniqueUid,
  description,
  unit,
  datasource,
  requiredFields,
  promqlSyntax,
  functionArgsCheck,
  logqlSyntax,
  unknownMetric,
  unknownLabel,
  counterRate,
  rateOnGauge,
  histogramQuantile,
  summaryQuantile,
  rateInterval,
  regexp,
  unitMismatch,
  histogramThreshold,
  unknownJob,
  schemaDashboard,
  undefinedVariable,
  uniqueNames,
  template,
  templateLabels,
];

/** Checks of the rendered files (sizes, embedded copies): only for our own build. */
export const outputChecks: Check[] = [jobNames, configmapSize];

export function runChecks(checks: readonly Check[], model: Model, files?: Files): Finding[] {
  return checks.flatMap((c) => c.run({ model, files }));
}
